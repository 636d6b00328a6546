"""Selling after the day's close: the counter says so from the moment a close is recorded (looked at
when an order starts, at its first item and when it is paid, never in a loop); the close's own record never changes; an X reading
(and a close made again) shows the sales after the last close apart."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest

from pos.cli import main
from pos.core.analytics.day_close import DayClose, closes, record_close, since_last_close
from pos.core.analytics.day_figures import day_figures
from pos.core.analytics.day_sheet import day_sheet
from pos.core.base.events import timestamp
from pos.core.counter.after_close import AfterClose
from pos.core.counter.counter import Counter
from tests.support.counter_kit import key_in, make_shop, type_keys
from tests.support.hand_logs import order, write
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
    reading = DayClose(
        kind="x",
        taken_at=timestamp(datetime(2026, 11, 23, 16)),
        closed_by=None,
        counted=None,
        figures=figures,
        since_close=since,
    )
    sheet = day_sheet(reading)
    assert sheet.lines[-1] == "the day was closed at 15:00 by M1: 2 order(s), $6.50 sold since"
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
    assert "the day was closed at 15:00 by M1: 1 order(s), $4.00 sold since" in said
    assert "Since the close at 15:00 (all terminals)" in said
    assert main(["day", "close", "--data", str(data_dir), "--day", "2026-11-23", "--no-print"]) == 0
    first = capsys.readouterr().out
    assert "was closed already" in first and "Since the close" not in first
