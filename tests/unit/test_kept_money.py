"""What the prompts kept is never more than their order kept: an item given away by a discount or a
reward that took the order to $0.00 kept nothing (it counted its whole price), and an order whose
prompts added more than it kept shares what it kept among them, to the cent. A line voided after the
receipt gives back its own share of the order's discount (the discount came off only at the last
line voided), and what the order kept after it is less by that much. Reports (text and JSON), the
day's close and a warehouse over `pos export` agree."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pos.cli import main
from pos.core.analytics.day_figures import day_figures
from pos.core.analytics.report import build_report
from pos.core.analytics.warehouse import DuckDBWarehouse, warehouse_report
from pos.core.base.events import LINE_MARK, VOID_LINE, AuditEvent, Mode
from pos.core.base.money import shares
from pos.core.counter.paid_orders import PaidOrder
from pos.core.selling.line_shares import line_amounts, line_nets
from tests.support.hand_logs import order, order_line, order_record, prompt, write

DAY = date(2026, 11, 23)
STORE = "V84BRVY7PG"
ORDER = "T1-20261123-0001"


def _prompted(code: str, price: int, seq: int) -> dict[str, Any]:
    return order_line(code, price, source="cross_sell", prompt=seq, added=price)


def _discount(amount: int, source: str = "manager") -> dict[str, Any]:
    return order_line("DISCOUNT", -amount, source=source, name="Discount")


def _sold(data_dir: Path, lines: list[dict[str, Any]], subtotal: int, tax: int = 0) -> None:
    """One paid order of `lines`, with a prompt accepted for each prompted line."""
    total = subtotal + tax
    write(
        data_dir,
        [order(total=total, subtotal=subtotal, tax=tax, lines=lines, voided_lines=[], store_id=STORE)],
        "orders",
    )
    write(
        data_dir,
        [
            prompt(
                kind="cross_sell", offer=line["code"], delta=line["added"], seq=line["prompt"], store_id=STORE
            )
            for line in lines
            if line.get("prompt")
        ],
    )


def _voided(data_dir: Path, number: int, amount: int) -> None:
    event = {
        "ts": "2026-11-23T15:00:00.000+00:00",
        "store_id": STORE,
        "terminal": "T1",
        "cashier": "A",
        "mode": "live",
        "action": VOID_LINE,
        "approved_by": "M1",
        "order": ORDER,
        "amount": amount,
        "detail": f"{LINE_MARK}{number}: given back",
    }
    write(data_dir, [event], "audit")


def _kept(data_dir: Path) -> int:
    return build_report(data_dir).totals["added_revenue"]


@pytest.mark.parametrize(
    ("amount", "weights", "split"),
    [
        (101, [1, 1, 1], [34, 34, 33]),
        (100, [229, 199], [54, 46]),
        (101, [229, 199], [54, 47]),
        (7, [0, 0], [4, 3]),
        (0, [5, 3], [0, 0]),
        (5, [], []),
    ],
)
def test_shares_sum_exactly_the_largest_remainders_first(
    amount: int, weights: list[int], split: list[int]
) -> None:
    assert shares(amount, weights) == split


def test_odd_cents_of_discount_and_tax_are_shared_to_the_cent() -> None:
    """$3.49, $2.29 and $1.99 with $1.01 off (a hand discount and a reward) and $0.53 tax."""
    record = order_record(
        total=729,
        subtotal=676,
        tax=53,
        lines=[
            order_line("1", 349),
            order_line("2", 229),
            order_line("3", 199),
            _discount(51),
            _discount(50, "reward"),
        ],
    )
    nets, amounts = line_nets(record), line_amounts(record)
    assert nets == {1: 349 - 45, 2: 229 - 30, 3: 199 - 26}, "101 by price: 45.36, 29.77, 25.87"
    assert sum(nets.values()) == 676 and sum(amounts.values()) == 729
    assert amounts == {1: 304 + 24, 2: 199 + 16, 3: 173 + 13}, "53 by net: 23.83, 15.60, 13.56"


def test_voiding_every_line_after_the_receipt_gives_back_the_total_each_line_its_share() -> None:
    record = order_record(
        total=729,
        subtotal=676,
        tax=53,
        lines=[order_line("1", 349), order_line("2", 229), order_line("3", 199), _discount(101)],
    )
    paid = PaidOrder(record)
    given = []
    for number in paid.voidable():
        given.append(paid.line_amount(number))
        paid.voided[number] = AuditEvent(
            ts=f"2026-11-23T15:00:0{number}.000+00:00",
            store_id=STORE,
            terminal="T1",
            cashier="A",
            mode=Mode.LIVE,
            action=VOID_LINE,
            approved_by="M1",
            order=ORDER,
            amount=given[-1],
            detail=f"{LINE_MARK}{number}",
        )
    assert given == [328, 215, 186] and sum(given) == record.total, (
        "the first line took its share, not all of it"
    )
    assert paid.kept == 0 and paid.voidable() == []


def test_an_order_paid_0_00_kept_nothing_for_its_prompt(tmp_path: Path) -> None:
    _sold(tmp_path, [order_line("1", 349), _prompted("20", 229, 1), _discount(578)], subtotal=0)
    assert _kept(tmp_path) == 0
    assert day_figures(tmp_path, DAY, "USD").terminals["T1"].kept == 0


def test_an_order_that_kept_less_than_its_prompts_added_shares_it_to_the_cent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """$2.29 and $1.99 added; a reward and a discount left $1.01 of the order."""
    lines = [
        order_line("1", 349),
        _prompted("20", 229, 1),
        _prompted("30", 199, 2),
        _discount(300),
        _discount(376, "reward"),
    ]
    _sold(tmp_path, lines, subtotal=101)
    report = build_report(tmp_path, ("offer",))
    assert report.totals["added_revenue"] == 101
    assert [(row["offer"], row["added_revenue"]) for row in report.rows] == [("20", 54), ("30", 47)]
    assert day_figures(tmp_path, DAY, "USD").terminals["T1"].kept == 101
    capsys.readouterr()
    assert main(["report", "--data", str(tmp_path), "--format", "json", "--mode", "live"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["added_revenue"] == 101
    assert main(["report", "--data", str(tmp_path)]) == 0
    assert "$1.01" in capsys.readouterr().out


def test_an_order_that_kept_all_its_prompts_added_is_as_it_was(tmp_path: Path) -> None:
    _sold(tmp_path, [order_line("1", 349), _prompted("20", 229, 1), _discount(349)], subtotal=229)
    assert _kept(tmp_path) == 229


def test_a_void_after_the_receipt_leaves_the_other_prompts_what_the_order_still_kept(tmp_path: Path) -> None:
    """$5.00, then $2.00 and $1.00 by prompts, $6.00 off: $2.00 kept, shared 1.33 and 0.67. The
    $5.00 line voided after the receipt took $1.25 of it back (its price less 3.75 of the discount)."""
    lines = [order_line("1", 500), _prompted("20", 200, 1), _prompted("30", 100, 2), _discount(600)]
    _sold(tmp_path, lines, subtotal=200)
    assert [row["added_revenue"] for row in build_report(tmp_path, ("offer",)).rows] == [133, 67]
    _voided(tmp_path, 1, 125)
    assert [row["added_revenue"] for row in build_report(tmp_path, ("offer",)).rows] == [50, 25]
    assert day_figures(tmp_path, DAY, "USD").terminals["T1"].kept == 75


def test_a_prompts_line_voided_after_the_receipt_keeps_nothing_and_the_rest_what_is_left(
    tmp_path: Path,
) -> None:
    lines = [order_line("1", 500), _prompted("20", 200, 1), _prompted("30", 100, 2), _discount(600)]
    _sold(tmp_path, lines, subtotal=200)
    _voided(tmp_path, 3, 25)
    _voided(tmp_path, 3, 25)  # the same void written twice counts once
    assert [row["added_revenue"] for row in build_report(tmp_path, ("offer",)).rows] == [175, 0]


def test_a_warehouse_over_the_export_counts_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, exported = tmp_path / "data", tmp_path / "export"
    lines = [order_line("1", 349), _prompted("20", 229, 1), _prompted("30", 199, 2), _discount(676)]
    _sold(data, lines, subtotal=101)
    (data / "store-id").write_text(STORE + "\n")
    assert main(["export", "--data", str(data), "-o", str(exported)]) == 0
    (row,) = warehouse_report(DuckDBWarehouse(exported), "store")
    assert row["added_revenue"] == _kept(data) == 101
