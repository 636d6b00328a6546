"""A refund and a void after the receipt say how the money goes back, as the day's close counts it:
the order's cash first (what was kept of it after the change), then its other tenders in turn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pos.core.base.money_back import MoneyBack
from pos.core.counter.approved import Approvals, Request
from tests.support.approvals import approvals_at
from tests.support.hand_logs import order, write

LINE = {"code": "1", "name": "Burger", "size": None, "qty": 1, "unit_price": 300, "source": "entered"}
SPLIT = order(
    total=550,
    lines=[LINE, LINE | {"code": "2", "unit_price": 250}],
    subtotal=550,
    tendered=600,
    change=50,
    tenders=[{"kind": "cash", "amount": 100}, {"kind": "card", "amount": 500}],
)
"""5.50 paid with 1.00 in cash (0.50 back in change) and 5.00 on the card."""


@pytest.fixture
def approvals(tmp_path: Path) -> Iterator[Approvals]:
    write(tmp_path, [SPLIT], "orders")
    found, writer = approvals_at(tmp_path)
    try:
        yield found
    finally:
        writer.close()


def _request(found: Request | str) -> Request:
    assert isinstance(found, Request), found
    return found


def test_a_refund_says_how_much_goes_back_in_cash_and_to_the_card(approvals: Approvals) -> None:
    paid = approvals.order("1")
    assert not isinstance(paid, str)
    request = _request(approvals.refund(paid))
    assert request.said == "Refund approved: give back $0.50 in cash and $5.00 to the card"
    assert request.detail == "$5.50 back of $5.50: cash $0.50, card $5.00"


def test_a_refund_after_a_void_gives_back_what_the_void_left(approvals: Approvals, tmp_path: Path) -> None:
    paid = approvals.order("1")
    assert not isinstance(paid, str)
    void = _request(approvals.void_line(paid, "2"))
    assert void.said == "Line voided: give back $0.50 in cash and $2.00 to the card"
    assert void.detail.endswith("$2.50 back with its tax: cash $0.50, card $2.00")
    event = {"ts": "2026-11-23T12:20:00.000+00:00", "store_id": approvals.station.store_id, "terminal": "T1"}
    fields = {"cashier": "C7", "mode": "live", "action": "void_line", "approved_by": "M1"}
    write(
        tmp_path, [event | fields | {"order": SPLIT["order"], "amount": 250, "detail": void.detail}], "audit"
    )
    paid = approvals.order("1")
    assert not isinstance(paid, str)
    assert _request(approvals.refund(paid)).said == "Refund approved: give back $3.00 to the card"


def test_money_past_what_the_order_holds_is_cash() -> None:
    back = MoneyBack([("card", 500), ("other", 200), ("cash", 300)], change=100)
    assert back.take(250) == {"cash": 200, "card": 50}
    assert back.take(800) == {"cash": 150, "card": 450, "other": 200}
    assert MoneyBack().take(120) == {"cash": 120}
