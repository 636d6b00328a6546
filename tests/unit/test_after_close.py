"""Selling after the day's close: the counter says so from the moment a close is recorded (looked at
when an order starts, at its first item and when it is paid, never in a loop); the close's own record never changes; an X reading
(and a close made again) shows the sales after the last close apart."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest

from pos.cli import main
from pos.core.analytics.day_close import DayClose, SinceClose, closes, record_close, since_last_close
from pos.core.analytics.day_figures import DayFigures, day_figures
from pos.core.analytics.day_sheet import day_sheet
from pos.core.base.events import timestamp
from pos.core.counter.after_close import AfterClose
from pos.core.counter.counter import Counter
from tests.support.counter_kit import key_in, make_shop, type_keys
from tests.support.hand_logs import audit, order, order_line, prompt, write
from tests.unit.test_day_close import hand_made_day

DAY = date(2026, 11, 23)
CLOSED = "Day 2026-11-23 is closed: these sales are after the close"


def closed_at_three(data_dir: Path) -> DayClose:
    """The day closed by M1 at 15:00 with what its log holds then, as another terminal closes it."""
    figures = day_figures(data_dir, DAY, "USD")
    close = DayClose(
        kind="close",
        taken_at=timestamp(datetime(2026, 11, 23, 15)),
        closed_by="M1",
        counted=0,
        figures=figures,
    )
    return record_close(data_dir, close)[0]


def reading_at_four(figures: DayFigures, since: SinceClose | None) -> DayClose:
    """An X reading at 16:00 of the day's `figures`, `since` its close."""
    return DayClose(
        kind="x",
        taken_at=timestamp(datetime(2026, 11, 23, 16)),
        closed_by=None,
        counted=None,
        figures=figures,
        since_close=since,
    )


def test_the_counter_says_so_from_the_first_order_paid_after_the_close(data_dir: Path) -> None:
    shop, _ = make_shop(log_to=data_dir)
    shop = dataclasses.replace(shop, after_close=AfterClose(data_dir, shop.clock))
    counter = Counter(shop, timer=lambda: 0.0)
    try:
        assert shop.after_close is not None and shop.after_close.said == ""
        key_in(counter, "40")
        closed_at_three(data_dir)  # at another terminal, while this order is open
        assert shop.after_close.said == "", "looked at an order's first item or its payment, not in a loop"
        type_keys(counter, "f10", "enter")
        assert shop.after_close.said == CLOSED
        type_keys(counter, "escape")  # the next order
        assert shop.after_close.said == CLOSED
    finally:
        shop.recorder.close()  # type: ignore[attr-defined]


def test_a_close_made_before_the_order_s_first_item_is_said_at_that_item(data_dir: Path) -> None:
    shop, _ = make_shop(log_to=data_dir)
    shop = dataclasses.replace(shop, after_close=AfterClose(data_dir, shop.clock))
    counter = Counter(shop, timer=lambda: 0.0)
    try:
        closed_at_three(data_dir)  # at another terminal, while the counter waits for a customer
        assert shop.after_close is not None and shop.after_close.said == ""
        key_in(counter, "40")
        assert shop.after_close.said == CLOSED, "said from the first item, not at the payment"
    finally:
        shop.recorder.close()  # type: ignore[attr-defined]


def test_the_close_stays_as_recorded_and_a_reading_shows_what_came_after(data_dir: Path) -> None:
    hand_made_day(data_dir)
    close = closed_at_three(data_dir)
    recorded = (data_dir / "closes" / "2026-11-23.json").read_bytes()
    after = [
        order(total=400, order="T1-20261123-0006"),
        order(total=250, order="T2-20261123-0002", terminal="T2"),
    ]
    write(data_dir, after, "orders")
    figures = day_figures(data_dir, DAY, "USD")
    since = since_last_close(data_dir, figures)
    assert since is not None and (since.closed_by, since.number) == ("M1", 1)
    assert (since.figures.orders, since.figures.sales, since.figures.tenders["cash"]) == (2, 650, 650)
    assert figures.store.orders == close.figures.store.orders + 2
    assert closes(data_dir, DAY) == [close]
    assert (data_dir / "closes" / "2026-11-23.json").read_bytes() == recorded
    reading = reading_at_four(figures, since)
    sheet = day_sheet(reading)
    assert sheet.lines[-1] == "the day was closed at 15:00 by M1: 2 orders, $6.50 sold since"
    (section,) = [section for section in sheet.sections if section.title.startswith("Since")]
    assert section.title == "Since the close at 15:00 (all terminals)"
    assert dict(section.rows)["Orders"] == "2" and dict(section.rows)["Sales (tax included)"] == "$6.50"


def test_pos_day_x_shows_the_sales_after_the_close_and_the_close_stays(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_made_day(data_dir)
    closed_at_three(data_dir)
    write(data_dir, [order(total=400, order="T1-20261123-0006")], "orders")
    assert main(["day", "x", "--data", str(data_dir), "--day", "2026-11-23", "--no-print"]) == 0
    said = capsys.readouterr().out
    assert "the day was closed at 15:00 by M1: 1 order, $4.00 sold since" in said
    assert "Since the close at 15:00 (all terminals)" in said
    assert main(["day", "close", "--data", str(data_dir), "--day", "2026-11-23", "--no-print"]) == 0
    first = capsys.readouterr().out
    assert "was closed already" in first and "Since the close" not in first


def test_money_given_back_after_the_close_reads_as_less_than_at_the_close(data_dir: Path) -> None:
    """A refund after the close of an order sold before it showed "0 order(s), $0.00 sold since" over
    a net sales, kept money and expected cash of -$7.03 each, and the reading said "nothing is closed"
    beside "the day was closed": it says what happened since, and by how much each figure is less."""
    kept = order_line("1", 703, source="upsell", prompt=1, added=100)
    store = audit("refund", 703)["store_id"]
    write(data_dir, [order(total=703, lines=[kept], voided_lines=[], store_id=store)], "orders")
    write(data_dir, [prompt(order="T1-20261123-0001", seq=1, delta=100, store_id=store)])
    close = closed_at_three(data_dir)
    refund = audit("refund", 703, order="T1-20261123-0001", ts="2026-11-23T15:30:00.000+00:00")
    write(data_dir, [refund], "audit")
    figures = day_figures(data_dir, DAY, "USD")
    since = since_last_close(data_dir, figures)
    assert since is not None and (since.figures.net_sales, since.figures.kept) == (-703, -100)
    reading = reading_at_four(figures, since)
    sheet = day_sheet(reading)
    assert sheet.lines == (
        "2026-11-23  a reading: this closes nothing",
        "at 2026-11-23 16:00:00",
        "the day was closed at 15:00 by M1: 0 orders, $0.00 sold since; 1 refund, $7.03 given back",
    )
    (section,) = [section for section in sheet.sections if section.title.startswith("Since")]
    rows = dict(section.rows)
    assert (rows["Refunds (1)"], rows["Given back in cash"]) == ("$7.03", "$7.03")
    assert rows["Net sales (less refunds and voids)"] == rows["Expected cash"] == "$7.03 less"
    assert rows["Kept by prompts"] == "$1.00 less" and rows["Orders"] == "0"
    assert dict(day_sheet(close).sections[-1].rows)["Expected cash"] == "$7.03", "the close's own"
