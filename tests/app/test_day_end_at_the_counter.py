"""F3 then x or z: today's X reading on a sheet, and the day's close with the cash counted and a
manager's ID and PIN, recorded once in closes/DAY.json with the manager's ID; a cashier's PIN and a
store with no crew close nothing; no PIN on the screen or in any file; a close prints on the
counter's printer, and one that fails is said while the close stays recorded. After a close (made
here or elsewhere) the counter says the day is closed, and the X reading shows the sales after it
apart while the close stays as recorded."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from pos.app import PosApp
from pos.core.analytics.day_close import closes
from pos.core.analytics.day_sheet import day_sheet
from pos.core.base.clock import FixedClock
from pos.core.counter.approved import NO_CREW
from pos.core.printing.escpos_sheet import sheet_bytes
from pos.core.printing.printer_choice import parse_printer
from pos.core.printing.printer_device import PrintFailed
from pos.dialogs.day_sheet import DaySheetScreen
from pos.dialogs.manager import ManagerScreen
from pos.screens.sale import SaleScreen
from pos.widgets.message_line import MessageLine
from tests.support.app_harness import LUNCH, make_app, records, settle
from tests.support.crew_folder import CASHIER_PIN, MANAGER_PIN, with_crew
from tests.support.receipt_server import closed_port, receipt_server
from tests.unit.test_after_close import CLOSED, closed_at_three

AppFactory = Callable[..., PosApp]
SIZE = (100, 30)
PIE_BY_CARD = ["4", "0", "enter", "f10", "c", "enter"]  # an apple pie, $1.50, no prompts
PIE_IN_CASH = ["4", "0", "enter", "f10", *"2", "enter"]
APPROVED_Z = ["f3", "z", *"M1", "enter", *MANAGER_PIN, "enter"]
CLOSE = [*APPROVED_Z, *"1.50", "enter", "enter"]


def crewed(data_dir: Path) -> Path:
    """A crew, and the open sign-in: the cashier C7 at the sale at once, a manager's PIN still asked."""
    (data_dir / "store.toml").write_text("[pins]\nrequired = false\n")
    return with_crew(data_dir)


def at_the_counter(app_factory: AppFactory, data_dir: Path) -> PosApp:
    """C7 at the sale screen of a store with a crew."""
    crewed(data_dir)
    return app_factory(cashier="C7")


def sheet_text(app: PosApp) -> str:
    screen = app.screen
    assert isinstance(screen, DaySheetScreen)
    return str(screen.query_one("#day-sheet Static", Static).content)


def said(app: PosApp) -> str:
    return str(app.screen.query_one("#day-said", Static).content)


def row(text: str, label: str) -> str:
    return " ".join(next(line for line in text.splitlines() if line.strip().startswith(label)).split())


async def test_the_x_reading_shows_todays_figures_and_closes_nothing(
    app_factory: AppFactory, data_dir: Path
) -> None:
    app = at_the_counter(app_factory, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*PIE_BY_CARD, "f3", "x")
        await settle(pilot)
        text = sheet_text(app)
        assert text.startswith("X reading\nBurger Counter\n2026-11-23  a reading: this closes nothing")
        assert row(text, "Orders") == "Orders 1"
        assert row(text, "Tendered card") == "Tendered card $1.50"
        assert row(text, "Expected cash") == "Expected cash $0.00"
        await pilot.press("end", "escape", *"40", "enter")  # scrolled, closed: the pie goes to the sale
        await settle(pilot)
        assert isinstance(app.screen, SaleScreen) and len(app.screen.counter.sale.order.lines) == 1
    assert not (data_dir / "closes").exists()


def after_close(app: PosApp) -> Static:
    """The sale screen's line saying today is closed."""
    screen = app.screen
    assert isinstance(screen, SaleScreen)
    return screen.query_one("#after-close", Static)


async def test_a_close_is_recorded_once_with_the_managers_id(app_factory: AppFactory, data_dir: Path) -> None:
    """And the sales after it: said on the counter at once, apart in the X reading, never in the close."""
    app = at_the_counter(app_factory, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*PIE_IN_CASH)
        await settle(pilot)
        assert not after_close(app).display
        await pilot.press(*CLOSE)
        await settle(pilot)
        assert "Counted cash" in sheet_text(app) and "closed by M1" in sheet_text(app)
        assert said(app).startswith("Closed by M1: recorded in")
        assert MANAGER_PIN not in "".join(app.export_screenshot())
        await pilot.press("escape")
        await settle(pilot)
        assert after_close(app).display and str(after_close(app).content) == CLOSED
        await pilot.press(*PIE_IN_CASH, "escape", "f3", "x")
        await settle(pilot)
        assert "the day was closed at 12:15 by M1: 1 order, $1.50 sold since" in sheet_text(app)
        assert row(sheet_text(app), "Orders") == "Orders 1"  # the section since the close comes first
        await pilot.press("escape", *APPROVED_Z)  # closed already: its close again, no count asked
        await settle(pilot)
        assert isinstance(app.screen, DaySheetScreen) and "was closed already by M1 at 12:15" in said(app)
        assert row(sheet_text(app), "Orders") == "Orders 1" and "Since the close" not in sheet_text(app)
    (close,) = closes(data_dir, LUNCH.date())
    assert (close.closed_by, close.counted, close.figures.store.expected_cash) == ("M1", 150, 150)
    assert close.counted_by == {"T1": 150}, "this terminal's drawer"
    assert sorted(path.name for path in (data_dir / "closes").iterdir()) == [
        "2026-11-23.html",
        "2026-11-23.json",
    ]
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert MANAGER_PIN.encode() not in path.read_bytes()


async def test_a_cashiers_pin_and_a_bad_count_close_nothing(app_factory: AppFactory, data_dir: Path) -> None:
    app = at_the_counter(app_factory, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "z", *"C7", "enter", *CASHIER_PIN, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ManagerScreen)
        assert "C7 is not a manager" in app.screen.query_one(MessageLine).text
        await pilot.press("escape", "escape", *APPROVED_Z[1:], *"12x", "enter")
        await settle(pilot)
        assert app.screen.query_one(MessageLine).text.startswith("Cash counted '12x'")
        await pilot.press(*"1000000", "enter")
        await settle(pilot)
        assert "below 1,000,000" in app.screen.query_one(MessageLine).text
        await pilot.press(*"0", "enter", "escape", "escape")  # the count said, then taken back
        await settle(pilot)
        assert isinstance(app.screen, ManagerScreen)
    assert not (data_dir / "closes").exists()
    assert records(data_dir, "audit") == []


async def test_without_a_crew_the_close_is_refused(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*CLOSE)
        await settle(pilot)
        assert app.screen.query_one(MessageLine).text == NO_CREW
    assert not (data_dir / "closes").exists()


async def test_a_training_session_closes_no_day(data_dir: Path) -> None:
    from pos.app_factory import make_app as make_pos_app
    from pos.core.selling.menu_loader import load_menu
    from tests.conftest import BURGERS_V1

    crewed(data_dir)
    menu = load_menu(BURGERS_V1)
    app = make_pos_app(
        menu=menu, data_dir=data_dir, terminal="T1", clock=FixedClock(LUNCH), cashier="C7", training=True
    )
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*APPROVED_Z)
            await settle(pilot)
            assert app.screen.query_one(MessageLine).text.startswith("A training session closes no day")
    finally:
        app.writer.close()


async def test_a_close_the_printer_refused_stays_recorded_and_f4_prints_it(data_dir: Path) -> None:
    crewed(data_dir)
    port = closed_port()
    app = make_app(data_dir, cashier="C7", printer=parse_printer(f"net:127.0.0.1:{port}"))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*PIE_IN_CASH, *CLOSE)
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, DaySheetScreen) and screen.job is not None
            with contextlib.suppress(PrintFailed):
                await asyncio.wait_for(asyncio.wrap_future(screen.job), 5)
            await settle(pilot)
            message = screen.query_one(MessageLine)
            assert (
                message.error and "NOT printed, F4 prints it again; the close stays recorded" in message.text
            )
            with receipt_server(port) as printer:
                await pilot.press("f4")
                received = await asyncio.to_thread(printer.next_receipt)
    finally:
        app.writer.close()
    (close,) = closes(data_dir, LUNCH.date())
    assert received == sheet_bytes(day_sheet(close))
    assert json.loads((data_dir / "closes" / "2026-11-23.json").read_text())["closed_by"] == "M1"


async def test_a_close_made_elsewhere_is_said_once_an_order_is_paid(
    app_factory: AppFactory, data_dir: Path
) -> None:
    app = at_the_counter(app_factory, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "0", "enter")
        await settle(pilot)
        closed_at_three(data_dir)  # pos day close, or another terminal: no loop looks for it
        await pilot.press("f10", "2", "enter")
        await settle(pilot)
        assert str(after_close(app).content) == CLOSED
