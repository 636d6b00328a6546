"""The receipt printer at the counter, on the screen: a printer that refuses is said on the message
line while the order stays paid, F4 prints the receipt once the printer is back, and without a
printer the footer and F1 show no reprint key."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from pathlib import Path

from textual.pilot import Pilot

from pos.core.printing.drawer import Drawer, kick_bytes
from pos.core.printing.escpos_receipt import receipt_bytes
from pos.core.printing.printer_choice import parse_printer
from pos.core.printing.printer_device import PrintFailed
from pos.dialogs.help import HelpScreen
from pos.screens.sale import SaleScreen
from pos.widgets.message_line import MessageLine
from tests.support.app_harness import make_app, records, settle
from tests.support.crew_folder import CASHIER_PIN, MANAGER_PIN, with_crew
from tests.support.receipt_server import closed_port, receipt_server

PAID = ["3", "enter", "n", "n", "f10", "n", "2", "0", "enter"]
REPRINT = ("f4",)


async def _once_printed(pilot: Pilot[None], screen: SaleScreen) -> MessageLine:
    """The message line once the last print job is over, printed or not."""
    job = screen.counter.till.receipts.job
    assert job is not None
    with contextlib.suppress(PrintFailed):
        await asyncio.wait_for(asyncio.wrap_future(job.done), 5)
    await settle(pilot)
    return screen.query_one(MessageLine)


async def test_a_refusing_printer_is_said_and_f4_prints_the_receipt_once_it_is_back(data_dir: Path) -> None:
    port = closed_port()
    app = make_app(data_dir, printer=parse_printer(f"net:127.0.0.1:{port}"))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            assert isinstance(screen, SaleScreen) and screen.check_action("key", REPRINT)
            for key in PAID:
                await pilot.press(key)
            message = await _once_printed(pilot, screen)
            assert message.error and "NOT printed" in message.text and "F4 prints it again" in message.text
            with receipt_server(port) as printer:
                await pilot.press("f4")
                received = await asyncio.to_thread(printer.next_receipt)
            receipt = screen.counter.till.receipts.last
            assert receipt is not None and received == receipt_bytes(dataclasses.replace(receipt, copy=True))
            assert b"COPY" in received and b"COPY" not in receipt_bytes(receipt)
            await settle(pilot)
    finally:
        app.writer.close()
    assert len(records(data_dir, "orders")) == 1, "paid once, logged once, printed twice"


async def test_without_a_printer_no_reprint_key_shows(data_dir: Path) -> None:
    app = make_app(data_dir)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            assert isinstance(screen, SaleScreen) and not screen.check_action("key", REPRINT)
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen) and "F4" not in str(
                app.screen.query_one("Static").render()
            )
    finally:
        app.writer.close()


async def test_the_store_settings_printer_prints_without_the_flag(data_dir: Path) -> None:
    """With its drawer (pin 2 unless the settings say otherwise) opened for the cash paid, and the
    terminal's name from the settings on the receipt."""
    with receipt_server() as printer:
        (data_dir / "store.toml").write_text(
            f'[terminals]\nT1 = "Front till"\n\n[printer]\naddress = "net:127.0.0.1:{printer.port}"\n'
        )
        app = make_app(data_dir)  # no --printer: the store's own
        try:
            async with app.run_test(size=(100, 30)) as pilot:
                for key in PAID:
                    await pilot.press(key)
                received = await asyncio.to_thread(printer.next_receipt)
                receipt = app.screen.counter.till.receipts.last  # type: ignore[attr-defined]
                assert receipt is not None and received == kick_bytes(Drawer.PIN2) + receipt_bytes(receipt)
                assert b"Terminal T1 (Front till)  Cashier C1" in received
                await settle(pilot)
        finally:
            app.writer.close()


async def test_a_no_sale_whose_drawer_does_not_open_is_said(data_dir: Path) -> None:
    with_crew(data_dir)
    app = make_app(data_dir, cashier=None, printer=parse_printer(f"net:127.0.0.1:{closed_port()}"))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"C7", "enter", *CASHIER_PIN, "enter")
            await settle(pilot)
            await pilot.press("f3", "n", *"M1", "enter", *MANAGER_PIN, "enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SaleScreen)
            job = screen.counter.till.receipts.job
            assert job is not None and job.what == "no_sale"
            message = await _once_printed(pilot, screen)
            assert message.error and message.text.startswith(
                "Drawer NOT opened: open it with its key. Printer: "
            )
    finally:
        app.writer.close()
    assert [event["action"] for event in records(data_dir, "audit")] == ["no_sale"]


async def test_at_80_by_24_a_receipt_not_printed_is_said_whole_with_why(data_dir: Path) -> None:
    """The message was cut at the screen's edge ("…F4 prints i…"), the printer's reason never shown:
    it wraps to a second row, every word of it on the screen."""
    port = closed_port()
    app = make_app(data_dir, printer=parse_printer(f"net:127.0.0.1:{port}"))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*PAID)
            screen = app.screen
            assert isinstance(screen, SaleScreen)
            message = await _once_printed(pilot, screen)
            said = "Receipt 0001 NOT printed (drawer NOT opened): F4 prints it again. Printer: "
            assert message.text.startswith(said) and message.text.endswith(f"(net:127.0.0.1:{port})")
            shown = ["".join(segment.text for segment in message.render_line(y)).strip() for y in range(2)]
            assert " ".join(shown) == message.text, shown
            assert message.region.height == 2 and message.region.bottom <= 24 - 4, "over the entry and keys"
            await pilot.press("enter", "3", "enter")  # the next order: one row again
            await settle(pilot)
            assert message.region.height == 1
    finally:
        app.writer.close()
