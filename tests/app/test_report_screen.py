"""The report screen: opened with F5 from the cashier screen, filtered, and closed."""

from __future__ import annotations

import io
import random
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from textual.widgets import Input, Select, Sparkline, Static, TabbedContent

from pos.app import PosApp
from pos.app_factory import make_app as make_pos_app
from pos.core.analytics.report import Filters, History
from pos.core.analytics.report_labels import Labels
from pos.core.base.clock import FixedClock
from pos.core.base.errors import PosError
from pos.core.selling.menu_loader import load_menu
from pos.report_app import ReportApp
from pos.screens.report import ReportScreen
from pos.screens.sale import SaleScreen
from pos.widgets.rate_bars import RateBars, bar
from tests.conftest import MENUS
from tests.support.app_harness import shows
from tests.support.hand_logs import prompt, write
from tests.support.score_records import add_drill

SIZE = (110, 50)


def shop(data_dir: Path) -> None:
    write(
        data_dir,
        [
            prompt(cashier="A", offer="31"),
            prompt(cashier="A", offer="31", outcome="declined"),
            prompt(cashier="B", offer="20", day="2026-11-22"),
            prompt(cashier="B", offer="20", outcome="skipped"),
            prompt(cashier="B", variant=1, pitch="Fries and a drink with that?", outcome="declined"),
        ],
    )


async def wait_for_report(pilot) -> ReportScreen:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReportScreen)
    return screen


async def test_f5_opens_the_report_and_escape_goes_back(
    app_factory: Callable[..., PosApp], data_dir: Path
) -> None:
    shop(data_dir)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        screen = await wait_for_report(pilot)
        today = str(screen.query_one("#today", Static).content)
        assert "Today" in today and "shown 4" in today, "2026-11-23 is the app's today"
        by_cashier = screen.query_one("#by-cashier", RateBars)
        assert [label for label, _ in by_cashier.rows] == ["A", "B"]
        assert len(screen.query_one("#trend", Sparkline).data or []) == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SaleScreen)
        # The history read in a thread may come back after Esc: drawn on a closed screen, never a crash.
        screen.show_drills(Text("late"))
        assert app.return_code is None


async def test_f5_in_a_training_session_reports_the_session_s_own_records(data_dir: Path) -> None:
    """A session with a set clock logs as training: F5 shows training records, not an empty live report."""
    app = make_pos_app(
        menu=load_menu(MENUS / "burger_counter.toml"),
        data_dir=data_dir,
        terminal="T1",
        clock=FixedClock(datetime(2026, 11, 23, 12, 15)),
        cashier="C1",
        rng=random.Random(1),
        training=True,
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "0", "enter", "f7", "f10", "enter")  # a cola, nothing more, paid
        await pilot.press("escape", "f5")
        screen = await wait_for_report(pilot)
        assert screen.query_one("#mode", Select).value == "training"
        assert str(screen.query_one("#today", Static).content).endswith("· 1 orders"), "the session's order"
        assert str(screen.query_one("#report-message", Static).content) == ""
    app.writer.close()


async def test_filters_change_what_is_shown(data_dir: Path) -> None:
    shop(data_dir)
    app = ReportApp(
        data_dir, Labels.of(load_menu(MENUS / "burger_counter.toml")), Filters(), date(2026, 11, 23)
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_report(pilot)
        assert "shown 5" in str(screen.query_one("#range", Static).content)
        screen.query_one("#cashier", Input).value = "B"
        screen.query_one("#cashier", Input).focus()
        await pilot.press("enter")
        screen = await wait_for_report(pilot)
        assert "shown 3" in str(screen.query_one("#range", Static).content)
        assert str(screen.query_one("#report-message", Static).content) == ""
        screen.query_one("#cashier", Input).value = "C9"
        await pilot.press("enter")
        screen = await wait_for_report(pilot)
        message = str(screen.query_one("#report-message", Static).content)
        assert message.startswith("No record matched --mode live, --cashier C9"), message
        screen.query_one("#from", Input).value = "yesterday"
        screen.query_one("#from", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "not a date" in str(screen.query_one("#report-message", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert app.return_code == 0


def test_bars_show_the_rate_and_its_interval() -> None:
    # Cells sit at 0.05, 0.15, ... 0.95: the bar fills up to 0.45, the interval 0.45 and 0.55.
    assert bar(0.5, 0.4, 0.6, width=10) == "████▓░    "
    assert bar(0.0, 0.0, 0.2, width=10) == "░░        "


async def test_every_part_is_reached_by_keys_the_footer_names(data_dir: Path) -> None:
    shop(data_dir)
    menu = load_menu(MENUS / "burger_counter.toml")
    app = ReportApp(data_dir, Labels.of(menu), Filters(), date(2026, 11, 23))
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await wait_for_report(pilot)
        footer_keys = {
            binding.key for (_, binding, enabled, _) in screen.active_bindings.values() if binding.show
        }
        assert {"pagedown", "pageup", "ctrl+end"} <= footer_keys
        body = screen.query_one("#report-body")
        assert app.focused is not None and app.focused.id == "from", "the first filter has the focus"
        await pilot.press("pagedown")
        assert await shows(pilot, lambda: body.scroll_y > 0), (
            "PageDown scrolls from the date field, with no Tab first"
        )
        await pilot.press("ctrl+end")
        coaching = screen.query_one("#coaching")
        assert await shows(pilot, lambda: coaching.region.y < 34 and coaching.region.bottom > 0), (
            "the coaching is in view"
        )
        await pilot.press("pageup", "pageup", "pageup")
        assert await shows(pilot, lambda: body.scroll_y == 0)


async def test_the_drills_tab_shows_the_score_book_under_the_same_filters(data_dir: Path) -> None:
    add_drill(data_dir, "2026-11-16T10:00:00", "ANN", 62, ask_rate=0.6)
    add_drill(data_dir, "2026-11-23T10:00:00", "ANN", 91, ask_rate=1.0)
    add_drill(data_dir, "2026-11-23T11:00:00", "BOB", 75)
    app = ReportApp(
        data_dir, Labels.of(load_menu(MENUS / "burger_counter.toml")), Filters(), date(2026, 11, 23)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_report(pilot)
        footer_keys = {binding.key for (_, binding, _, _) in screen.active_bindings.values() if binding.show}
        assert {"f3", "f4"} <= footer_keys
        await pilot.press("f4")
        await pilot.pause()
        tabs = screen.query_one(TabbedContent)
        assert tabs.active == "drills"
        shown = text_of(screen.query_one("#drill-tables", Static))
        assert "score 62 → 91" in shown and "ask rate 60% → 100%" in shown
        assert "2026-11-16" in shown and "BOB" in shown
        assert shown.index("Leaderboard") < shown.index("Drills, oldest first")
        body = screen.query_one("#drills-body")
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0, "PageDown scrolls the tab in view"

        shown = await drills_filtered(pilot, screen, cashier="BOB")
        assert "BOB" in shown and "ANN" not in shown
        add_drill(data_dir, "2026-11-23T12:00:00", "[/] [@click=app.quit]x", 80)
        shown = await drills_filtered(pilot, screen, cashier="[/] [@click=app.quit]x")
        assert "Drills of [/] [@click=app.quit]x, oldest first" in shown, "a name is text, not markup"
        shown = await drills_filtered(pilot, screen, cashier="", **{"from": "2026-11-20"})
        assert "2026-11-23 10:00" in shown and "2026-11-16" not in shown
        await pilot.press("f3")
        await pilot.pause()
        assert tabs.active == "selling"


async def test_the_drills_tab_of_a_folder_without_drills_creates_nothing(data_dir: Path) -> None:
    app = ReportApp(
        data_dir, Labels.of(load_menu(MENUS / "burger_counter.toml")), Filters(), date(2026, 11, 23)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_report(pilot)
        await pilot.press("f4")
        await pilot.pause()
        assert "No drills done in these days." in text_of(screen.query_one("#drill-tables", Static))
    assert not (data_dir / "drills").exists()


async def drills_filtered(pilot, screen: ReportScreen, **fields: str) -> str:  # type: ignore[no-untyped-def]
    """The filter fields typed in and the last one entered: what the drills tab then shows."""
    for name, value in fields.items():
        field = screen.query_one(f"#{name}", Input)
        field.value = value
        field.focus()
    await pilot.press("enter")
    screen = await wait_for_report(pilot)
    return text_of(screen.query_one("#drill-tables", Static))


def text_of(widget: Static) -> str:
    """What a Static shows, as the terminal would print it (tables included)."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


async def test_while_the_history_is_read_each_tab_shows_it_is_loading(
    app_factory: Callable[..., PosApp], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop(data_dir)
    read = threading.Event()
    load = History.load.__func__  # type: ignore[attr-defined]

    def slow(cls: type[History], *args: Any, **kwargs: Any) -> History:
        read.wait(10)
        history: History = load(cls, *args, **kwargs)
        return history

    monkeypatch.setattr(History, "load", classmethod(slow))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        try:
            await pilot.press("f5")
            await pilot.pause()
            bodies = [app.screen.query_one(body) for body in ("#report-body", "#drills-body")]
            assert all(body.loading for body in bodies)
            assert "No answers yet" not in app.export_screenshot()
        finally:
            read.set()
        screen = await wait_for_report(pilot)
        assert not any(body.loading for body in bodies)
        assert "shown 4" in str(screen.query_one("#today", Static).content)


async def test_a_history_that_cannot_be_read_is_said_and_the_till_goes_on(
    app_factory: Callable[..., PosApp], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop(data_dir)

    def short(cls: type[History], *args: Any, **kwargs: Any) -> History:
        raise PosError("not enough memory for the report: Out of Memory Error")

    monkeypatch.setattr(History, "load", classmethod(short))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        screen = await wait_for_report(pilot)
        said = str(screen.query_one("#report-message", Static).content)
        assert said == "The history could not be read: not enough memory for the report: Out of Memory Error"
        assert not screen.query_one("#report-body").loading
        await pilot.press("escape", "4", "0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SaleScreen) and app.return_code is None


@pytest.mark.parametrize("filters", [Filters(), Filters(cashier="C9"), Filters(start=date(2030, 1, 1))])
async def test_a_report_of_nothing_shows_the_zeros_and_says_why(data_dir: Path, filters: Filters) -> None:
    if filters.cashier or filters.start:
        shop(data_dir)
    app = ReportApp(
        data_dir, Labels.of(load_menu(MENUS / "burger_counter.toml")), filters, date(2026, 11, 23)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_report(pilot)
        assert "shown 0" in str(screen.query_one("#range", Static).content)
        message = str(screen.query_one("#report-message", Static).content)
        said = {"cashier": "No record matched", "start": "No day is in range"}
        assert all(message.startswith(said[name]) for name in said if getattr(filters, name)), message
        assert screen.query_one("#by-rule", RateBars).rows == []
