"""The receipt printer at the counter, on the screen: a printer that refuses is said on the message
line while the order stays paid, F4 prints the receipt once the printer is back, and without a
printer the footer and F1 show no reprint key."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from pathlib import Path

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


async def test_a_refusing_printer_is_said_and_f4_prints_the_receipt_once_it_is_back(data_dir: Path) -> None:
    port = closed_port()
    app = make_app(data_dir, printer=parse_printer(f"net:127.0.0.1:{port}"))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            assert isinstance(screen, SaleScreen) and screen.check_action("key", REPRINT)
            for key in PAID:
                await pilot.press(key)
            job = screen.counter.till.receipts.job
            assert job is not None
            with contextlib.suppress(PrintFailed):
                await asyncio.wait_for(asyncio.wrap_future(job.done), 5)
            await settle(pilot)
            message = screen.query_one(MessageLine)
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
            assert job is not None and job.order is None
            with contextlib.suppress(PrintFailed):
                await asyncio.wait_for(asyncio.wrap_future(job.done), 5)
            await settle(pilot)
            message = screen.query_one(MessageLine)
            assert message.error and message.text.startswith(
                "Drawer NOT opened (open it with its key): printer"
            )
    finally:
        app.writer.close()
    assert [event["action"] for event in records(data_dir, "audit")] == ["no_sale"]
