"""The day's close and X reading: the figures against a hand-made day, recorded once, and laid out."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pos.core.analytics.day_close import CloseError, DayClose, closes, record_close
from pos.core.analytics.day_figures import day_figures
from pos.core.analytics.day_sheet import day_sheet
from pos.core.analytics.report import Filters, build_report
from pos.core.base.errors import PosError
from pos.core.printing.escpos_sheet import sheet_bytes
from pos.core.printing.sheet import Section, Sheet
from pos.reports.sheet_text import sheet_html
from tests.support.hand_logs import audit, order, order_line, prompt, write

DAY = date(2026, 11, 23)


def _hand_discount(amount: int) -> dict[str, Any]:
    return order_line("DISCOUNT", -amount, name="Discount (manager)", source="manager")


def _code(outcome: str, **fields: Any) -> dict[str, Any]:
    """A receipt code's event: printed (`issued`) or keyed in a later order (`redeemed`)."""
    return (
        prompt(kind="after_sale", outcome=outcome, code="ABCD2345", offer="40", delta=99, trigger=None, seq=1)
        | fields
    )


def hand_made_day(data_dir: Path) -> None:
    """T1: a split payment with change and an accepted upsell and a code printed, a card order
    refunded, a cash order refunded, a no-sale; T2: a cash order that redeems the code, a discount.
    Around them what never counts: a voided order, a training order, an order written twice, a wrong PIN."""
    upsold = order_line("1", 900, source="upsell", prompt=1, added=100)
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
            lines=[order_line("40", 99, source="after_sale", prompt=1), _hand_discount(50)],
        ),
        order(total=800, order="T1-20261123-0004", status="voided", tendered=0, tenders=[]),
        order(total=900, order="T1-20261123-0005", mode="training"),
    ]
    write(data_dir, [*orders, orders[3]], "orders")
    write(
        data_dir,
        [
            prompt(order="T1-20261123-0001", seq=1, delta=100),
            _code("issued", order="T1-20261123-0001", seq=2),
            _code("redeemed", order="T2-20261123-0001", terminal="T2", issued_order="T1-20261123-0001"),
        ],
    )
    write(
        data_dir,
        [
            audit("refund", 500, order="T1-20261123-0002"),
            audit("refund", 300, order="T1-20261123-0003"),
            audit("no_sale", None),
            audit("discount", 50, terminal="T2", order="T2-20261123-0001"),
            audit("wrong_pin", None, approved_by=None),
            audit("no_sale", None, mode="training"),
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
    assert (one.net_sales, store.net_sales) == (1000, 1700)
    assert any("written twice" in notice for notice in figures.notices)


def test_a_discount_by_hand_counts_what_its_paid_order_took(tmp_path: Path) -> None:
    """5.00 approved, then a line voided before payment: the order's discount line took 1.20; 2.00
    approved on an order voided after: nothing given. The close and the report count 1.20."""
    capped = order(
        total=480, lines=[order_line("1", 600), _hand_discount(120)], voided_lines=[order_line("2", 500)]
    )
    voided = order(
        order="T1-20261123-0002", status="voided", tendered=0, tenders=[], lines=[_hand_discount(200)]
    )
    write(tmp_path, [capped, voided], "orders")
    approved = [
        audit("discount", 500, order="T1-20261123-0001"),
        audit("discount", 200, order="T1-20261123-0002"),
    ]
    write(tmp_path, approved, "audit")
    one = day_figures(tmp_path, DAY, "USD").terminals["T1"]
    assert (one.discounts, one.discounted) == (1, 120)
    rows = build_report(tmp_path, (), Filters(start=DAY, until=DAY)).approvals
    assert [(row["cashier"], row["discounts"], row["discounted"]) for row in rows] == [("A", 1, 120)]


def _reading(data_dir: Path, counted: int | None = 1250) -> DayClose:
    return DayClose(
        kind="close",
        taken_at="2026-11-23T23:00:00.000+00:00",
        closed_by="M1",
        counted=counted,
        figures=day_figures(data_dir, DAY, "USD"),
    )


def test_a_close_is_recorded_once_and_again_only_when_asked(tmp_path: Path) -> None:
    hand_made_day(tmp_path)
    first, made = record_close(tmp_path, _reading(tmp_path))
    assert made and first.number == 1 and first.difference == 1250 - 1300
    shown, made = record_close(tmp_path, _reading(tmp_path, counted=9999))
    assert not made and shown.counted == 1250, "the first close stands"
    again, made = record_close(tmp_path, _reading(tmp_path, counted=1300), again=True)
    assert made and again.number == 2 and again.difference == 0
    assert [close.number for close in closes(tmp_path, DAY)] == [1, 2]
    saved = json.loads((tmp_path / "closes" / "2026-11-23.json").read_text())
    assert (saved["store"]["expected_cash"], saved["difference"], saved["counted"]) == (1300, -50, 1250)
    assert saved["figures"]["terminals"]["T1"]["tenders"] == {"cash": 1500, "card": 900, "other": 0}


def test_a_kill_before_the_close_is_named_leaves_no_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill at any point before the record is linked in: no close, no half file; the next close
    counts the day once. (Killed as the link is made: an exception there stands for it.)"""
    hand_made_day(tmp_path)

    def killed(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.link", killed)
    with pytest.raises(KeyboardInterrupt):
        record_close(tmp_path, _reading(tmp_path))
    monkeypatch.undo()
    assert closes(tmp_path, DAY) == [] and list((tmp_path / "closes").iterdir()) == []
    close, made = record_close(tmp_path, _reading(tmp_path))
    assert made and close.figures.store.sales == 2500


def test_a_close_record_not_written_by_pos_is_refused(tmp_path: Path) -> None:
    (tmp_path / "closes").mkdir()
    (tmp_path / "closes" / "2026-11-23.json").write_text('{"kind": "close"')
    with pytest.raises(CloseError, match="not a close pos wrote"):
        closes(tmp_path, DAY)


def test_the_printed_close_is_its_own_escpos_document(tmp_path: Path) -> None:
    hand_made_day(tmp_path)
    sheet = day_sheet(_reading(tmp_path))
    printed = sheet_bytes(sheet)
    assert b"Day close" in printed and b"Expected cash" in printed and b"-$0.50 (short)" in printed
    assert b"Net sales (less refunds and voids)" in printed and b"$17.00" in printed
    assert printed.endswith(b"\x1dV\x00"), "ends with a paper cut"
    hostile = Sheet("T\x1bX", ("a\x1b@b",), (Section("S\x1b", (("L\x1b", "V\x1b"),)),))
    assert b"\x1b@b" not in sheet_bytes(hostile) and b"\x1bX" not in sheet_bytes(hostile)
    page = sheet_html(Sheet("<b>", ("<i>",), (Section("<s>", (("<u>", "1"),)),)))
    assert "<b>" not in page.split("<body>")[1] and "&lt;u&gt;" in page


@pytest.mark.parametrize("in_the_way", ["a link at the close", "closes/ a link out of the folder"])
def test_a_close_never_goes_through_a_link(tmp_path: Path, in_the_way: str) -> None:
    """A link where the day's close goes made `pos day close` fail with an IndexError traceback (and
    block every close); a link in place of `closes/` wrote the close outside the data folder."""
    data_dir, outside = tmp_path / "data", tmp_path / "outside"
    data_dir.mkdir()
    outside.mkdir()
    hand_made_day(data_dir)
    if in_the_way == "a link at the close":
        (data_dir / "closes").mkdir()
        (data_dir / "closes" / f"{DAY}.json").symlink_to(outside / "x.json")
    else:
        (data_dir / "closes").symlink_to(outside)
    with pytest.raises(PosError, match="move it away"):
        record_close(data_dir, _reading(data_dir))
    assert list(outside.iterdir()) == []


def test_a_line_voided_after_the_receipt_keeps_nothing_for_its_prompt(tmp_path: Path) -> None:
    """The money went back to the customer: the prompt that added the line no longer kept it (a
    refund's order keeps nothing; a line given back after the receipt was still counted as kept)."""
    fries = order_line("20", 229, source="cross_sell", prompt=1, added=229)
    write(tmp_path, [prompt(kind="cross_sell", offer="20", delta=229, seq=1, store_id="V84BRVY7PG")])
    write(
        tmp_path,
        [order(total=578, lines=[order_line("1", 349), fries], voided_lines=[], store_id="V84BRVY7PG")],
        "orders",
    )
    assert build_report(tmp_path).totals["added_revenue"] == 229
    void = audit("void_line", 248, order="T1-20261123-0001", detail="line 2: 1 x Item 20; $2.48 back")
    write(tmp_path, [void], "audit")
    assert build_report(tmp_path).totals["added_revenue"] == 0
