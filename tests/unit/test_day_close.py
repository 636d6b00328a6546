"""The day's close and X reading: the figures against a hand-made day, recorded once, and laid out."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pos.core.analytics.day_close import DayClose, closes, record_close
from pos.core.analytics.day_figures import day_figures
from pos.core.base.events import AuditEvent
from tests.support.hand_logs import order, prompt, write

DAY = date(2026, 11, 23)


def _line(code: str, price: int, **fields: Any) -> dict[str, Any]:
    return {
        "code": code,
        "name": f"Item {code}",
        "size": None,
        "qty": 1,
        "unit_price": price,
        "source": "entered",
    } | fields


def _audit(action: str, amount: int | None, terminal: str = "T1", **fields: Any) -> dict[str, Any]:
    event = {
        "ts": "2026-11-23T15:00:00.000+00:00",
        "store_id": "V84BRVY7PG",
        "terminal": terminal,
        "cashier": "A",
        "mode": "live",
        "action": action,
        "approved_by": "M1",
        "order": None,
        "amount": amount,
        "detail": "by hand",
    }
    return event | fields


def hand_made_day(data_dir: Path) -> None:
    """T1: a split payment with change and an accepted upsell and a code printed, a card order
    refunded, a cash order refunded, a no-sale; T2: a cash order that redeems the code, a discount.
    Around them what never counts: a voided order, a training order, an order written twice, a wrong PIN."""
    upsold = _line("1", 900, source="upsell", prompt=1, added=100)
    orders = [
        order(
            total=1000,
            tax=80,
            order="T1-20261123-0001",
            lines=[upsold],
            voided_lines=[],
            tendered=1400,
            change=400,
            tenders=[{"kind": "cash", "amount": 1000}, {"kind": "card", "amount": 400}],
        ),
        order(total=500, order="T1-20261123-0002", tenders=[{"kind": "card", "amount": 500}]),
        order(total=300, order="T1-20261123-0003", tendered=500, change=200),
        order(
            total=700,
            tax=50,
            terminal="T2",
            order="T2-20261123-0001",
            voided_lines=[],
            lines=[_line("40", 99, source="after_sale", prompt=1)],
        ),
        order(total=800, order="T1-20261123-0004", status="voided", tendered=0, tenders=[]),
        order(total=900, order="T1-20261123-0005", mode="training"),
    ]
    write(data_dir, [*orders, orders[3]], "orders")
    write(
        data_dir,
        [
            prompt(order="T1-20261123-0001", seq=1, delta=100),
            prompt(
                order="T1-20261123-0001",
                seq=2,
                kind="after_sale",
                outcome="issued",
                code="ABCD2345",
                offer="40",
                delta=99,
                trigger=None,
            ),
            prompt(
                order="T2-20261123-0001",
                terminal="T2",
                seq=1,
                kind="after_sale",
                outcome="redeemed",
                code="ABCD2345",
                issued_order="T1-20261123-0001",
                offer="40",
                delta=99,
                trigger=None,
            ),
        ],
    )
    write(
        data_dir,
        [
            _audit("refund", 500, order="T1-20261123-0002"),
            _audit("refund", 300, order="T1-20261123-0003"),
            _audit("no_sale", None),
            _audit("discount", 50, terminal="T2"),
            _audit("wrong_pin", None, approved_by=None),
            _audit("no_sale", None, mode="training"),
        ],
        "audit",
    )


def test_the_figures_of_a_hand_made_day(tmp_path: Path) -> None:
    hand_made_day(tmp_path)
    figures = day_figures(tmp_path, DAY, "USD")
    one, two, store = figures.terminals["T1"], figures.terminals["T2"], figures.store
    assert list(figures.terminals) == ["T1", "T2"]
    assert (one.orders, one.sales, one.tax, one.tenders) == (
        3,
        1800,
        80,
        {"cash": 1500, "card": 900, "other": 0},
    )
    assert (one.change, one.refunds, one.refunded, one.cash_back, one.no_sales) == (600, 2, 800, 300, 1)
    assert (one.asked, one.accepted, one.kept, one.codes_issued, one.codes_redeemed) == (1, 1, 100, 1, 0)
    assert (two.orders, two.sales, two.discounts, two.discounted, two.codes_redeemed) == (1, 700, 1, 50, 1)
    assert one.expected_cash == 1500 - 600 - 300 and two.expected_cash == 700
    assert (store.orders, store.sales, store.tax, store.expected_cash) == (4, 2500, 130, 1300)
    assert any("written twice" in notice for notice in figures.notices)
