"""Printed receipts: the ESC/POS bytes (escpos's Dummy printer), a network printer on a local port,
a printer that refuses or hangs, and the reprint key; printing never logs anything twice."""

from __future__ import annotations

import dataclasses
import threading
from datetime import datetime
from pathlib import Path

import pytest

from pos.cli import main
from pos.core.counter.counter import Counter
from pos.core.counter.receipt_printing import Printing
from pos.core.printing.escpos_receipt import receipt_bytes
from pos.core.printing.printer_choice import Kind, PrinterChoice, PrinterChoiceError, parse_printer
from pos.core.printing.printer_device import PrintFailed, Wanted, Window, send
from pos.core.printing.receipt import NextVisit, Receipt, ReceiptLine, Tender
from pos.core.printing.receipt_printer import ReceiptPrinter
from tests.support.counter_kit import key_in, make_shop, type_keys
from tests.support.receipt_server import closed_port, receipt_server, window
from tests.support.small_menus import make_menu
from tests.unit.test_after_sale import PIE_NEXT_TIME

QR = b"\x1d(k"
CUT = b"\x1dV\x00"
SHORT = 0.5
"""Seconds a printer in these tests has to answer: a refusal comes at once."""


def _receipt(**changes: object) -> Receipt:
    receipt = Receipt(
        store="Test Counter",
        terminal="T1",
        cashier="C1",
        order="T1-20261123-0001",
        paid_at=datetime(2026, 11, 23, 12, 15),
        currency="USD",
        lines=(
            ReceiptLine(2, "Cheeseburger", 698),
            ReceiptLine(1, "Cheeseburger Meal", 699, ("Cheeseburger", "Fries (Medium)", "Cola (Medium)")),
        ),
        subtotal=1397,
        tax=115,
        total=1512,
        taxed=True,
        tenders=(Tender("cash", 2000),),
        change=488,
        next_visit=NextVisit("Apple Pie for $0.99 with code 7KQM-3XWP-9D2F", "7KQM-3XWP-9D2F"),
    )
    return dataclasses.replace(receipt, **changes)  # type: ignore[arg-type]


def _paid_counter(data_dir: Path, printer: ReceiptPrinter) -> Counter:
    shop, _ = make_shop(make_menu(PIE_NEXT_TIME), log_to=data_dir)
    counter = Counter(dataclasses.replace(shop, printer=printer), timer=lambda: 0.0)
    for _ in range(2):
        key_in(counter, "1")
        type_keys(counter, "n", "n")
    type_keys(counter, "f10", "2", "0", "enter")
    return counter


def _logged(data_dir: Path, table: str) -> list[str]:
    return [line for path in sorted((data_dir / "log").rglob(f"*.{table}.jsonl")) for line in path.open()]


def _job(counter: Counter) -> Printing:
    job = counter.till.receipts.job
    assert job is not None
    job.done.exception(timeout=5)  # over, printed or not
    return job


def test_the_bytes_say_what_the_receipt_says_with_the_code_as_a_qr_code_and_a_cut_at_the_end() -> None:
    data = receipt_bytes(_receipt())
    for text in (
        b"Test Counter",
        b"Cheeseburger Meal",
        b"Fries (Medium)",
        b"T1-20261123-0001",
        b"2026-11-23 12:15",
    ):
        assert text in data, text
    for money in (b"$6.98", b"$15.12", b"$20.00", b"$4.88", b"$1.15"):  # as the screen writes money
        assert money in data, money
    assert b"7KQM-3XWP-9D2F" in data and QR + b"\x11\x001P07KQM-3XWP-9D2F" in data
    assert data.endswith(CUT)
    untaxed = receipt_bytes(_receipt(taxed=False, next_visit=None))
    assert b"Subtotal" not in untaxed and QR not in untaxed and b"$15.12" in untaxed


def test_text_from_a_menu_is_printed_literally_never_as_printer_commands() -> None:
    hostile = "Bad\x1b@\x1dV\x00\u202e"
    data = receipt_bytes(_receipt(store=hostile, lines=(ReceiptLine(1, hostile, 100, (hostile,)),)))
    assert data.count(b"Bad\\x1b@\\x1dV\\x00\\u202e") == 3
    assert b"\x1b@" not in data and data.count(CUT) == 1


def test_a_paid_order_prints_on_a_network_printer_and_is_logged_once(data_dir: Path) -> None:
    with receipt_server() as printer:
        counter = _paid_counter(data_dir, ReceiptPrinter(printer.choice, timeout=SHORT))
        received = printer.next_receipt()
        receipt = counter.till.receipts.last
        assert receipt is not None and received == receipt_bytes(receipt)
        assert received.endswith(CUT) and QR in received
        printed = counter.till.printed
        assert printed is not None and printed.code.encode() in received
        assert counter.till.receipts.failed(_job(counter)) is None
    counter.shop.recorder.close()  # type: ignore[attr-defined]


def test_a_printer_that_refuses_leaves_the_order_paid_and_the_reprint_key_prints_it_once_it_is_back(
    data_dir: Path,
) -> None:
    port = closed_port()
    choice = parse_printer(f"net:127.0.0.1:{port}")
    assert choice is not None
    counter = _paid_counter(data_dir, ReceiptPrinter(choice, timeout=SHORT))
    failed = counter.till.receipts.failed(_job(counter))
    assert failed is not None and f"net:127.0.0.1:{port}" in failed, failed
    said, why = "Receipt 0001 NOT printed: F4 prints it again. Printer: ", f"refused ({choice})"
    assert failed.startswith(said) and failed.endswith(why), failed
    with receipt_server(port) as printer:
        key_in(counter, "2")  # the next customer's order has begun: F4 still prints the last receipt
        type_keys(counter, "f4")
        assert counter.message == "Printing the receipt of order T1-20261123-0001 again, marked COPY"
        receipt = counter.till.receipts.last
        assert receipt is not None
        assert printer.next_receipt() == receipt_bytes(dataclasses.replace(receipt, copy=True)), "marked COPY"
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    assert len(_logged(data_dir, "orders")) == 1, "paid once, logged once, printed twice"
    assert len([line for line in _logged(data_dir, "prompts") if '"issued"' in line]) == 1


def test_a_printer_that_hangs_fails_in_time_and_the_counter_never_waits() -> None:
    hung = threading.Event()

    def never_answers(choice: PrinterChoice, data: bytes, window: Window, wanted: Wanted) -> None:
        hung.wait(5)

    printer = ReceiptPrinter(PrinterChoice(Kind.FILE, path="/dev/usb/lp0"), timeout=0.05, send=never_answers)
    job = printer.print(_receipt())
    assert not job.done()
    error = job.exception(timeout=5)
    hung.set()
    assert isinstance(error, PrintFailed) and "did not answer within 0.05 s" in str(error)


def test_without_a_printer_the_reprint_key_says_so_and_nothing_prints(data_dir: Path) -> None:
    shop, _ = make_shop(make_menu(PIE_NEXT_TIME))
    counter = Counter(shop, timer=lambda: 0.0)
    key_in(counter, "1")
    type_keys(counter, "n", "n", "f10", "enter", "f4")
    assert counter.error and counter.message == "No receipt printer: pos --printer names one"
    assert counter.till.receipts.job is None


def test_a_usb_printer_without_pyusb_is_a_clear_message(tmp_path: Path) -> None:
    pytest.importorskip("escpos")
    try:
        import usb  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("pyusb is installed here")
    with pytest.raises(PrintFailed, match=r"printer usb:04b8:0202: USB printing needs pyusb"):
        send(PrinterChoice(Kind.USB, vendor=0x04B8, product=0x0202), b"x", window(), lambda: True)
    with pytest.raises(PrintFailed, match=r"printer file:.*missing"):
        send(PrinterChoice(Kind.FILE, path=str(tmp_path / "missing" / "lp0")), b"x", window(), lambda: True)


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("net:192.168.1.50:9100", PrinterChoice(Kind.NETWORK, host="192.168.1.50", port=9100)),
        ("net:printer.local:9100", PrinterChoice(Kind.NETWORK, host="printer.local", port=9100)),
        ("net:[::1]:9100", PrinterChoice(Kind.NETWORK, host="::1", port=9100)),
        ("file:/dev/usb/lp0", PrinterChoice(Kind.FILE, path="/dev/usb/lp0")),
        ("usb:04b8:0x0202", PrinterChoice(Kind.USB, vendor=0x04B8, product=0x0202)),
        ("none", None),
    ],
)
def test_a_printer_is_named_as_text(text: str, choice: PrinterChoice | None) -> None:
    assert parse_printer(text) == choice
    if choice is not None:
        assert parse_printer(str(choice)) == choice


@pytest.mark.parametrize(
    "text",
    [
        "",
        "lp0",
        "net:host",
        "net:host:0",
        "net:host:65536",
        "net:ho st:9100",
        "net:host:９１００",
        "file:",
        "usb:04b8",
        "usb:12345:1",
        "usb:zz:01",
        "NET:host:9100",
        "x" * 400,
    ],
)
def test_a_printer_named_wrong_is_refused_saying_what_is_expected(text: str) -> None:
    with pytest.raises(PrinterChoiceError, match="expected net:HOST:PORT"):
        parse_printer(text)


def test_the_printer_flag_refuses_a_bad_value_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--printer", "lp0\x1b[2J", "menu", "check"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "argument --printer: 'lp0\\x1b[2J': expected net:HOST:PORT" in error and "\x1b" not in error


def test_the_receipt_lists_the_tenders_the_order_was_paid_with(data_dir: Path) -> None:
    """Every printed receipt said one cash tender of all that was handed over, whatever was paid by
    card: the receipt's tenders are the order record's."""
    shop, _ = make_shop(make_menu(PIE_NEXT_TIME), log_to=data_dir)
    nowhere = parse_printer(f"net:127.0.0.1:{closed_port()}")
    assert nowhere is not None
    counter = Counter(
        dataclasses.replace(shop, printer=ReceiptPrinter(nowhere, timeout=SHORT)), timer=lambda: 0.0
    )
    key_in(counter, "1")
    type_keys(counter, "n", "n", "f10", "c", "1", "enter", "2", "0", "enter")  # $1 by card, $20 cash
    receipt = counter.till.receipts.last
    assert receipt is not None
    assert receipt.tenders == (Tender("card", 100), Tender("cash", 2000))
    assert b"Card" in receipt_bytes(receipt) or b"card" in receipt_bytes(receipt)
