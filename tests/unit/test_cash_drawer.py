"""The cash drawer on the receipt printer (ESC p, escpos's `cashdraw`): opened with the receipt of a
paid order with cash handed over and by an approved no-sale; never for a card-only order, a reprint
or training; on the pin the store's settings name (`[printer] drawer`). A drawer that does not open
is said, and the order stays paid. The bytes as escpos's Dummy printer makes them, and over a
printer on a local TCP port."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pos.core.base.events import Mode
from pos.core.counter.counter import Counter
from pos.core.counter.receipt_printing import Printing
from pos.core.printing.drawer import Drawer, kick_bytes
from pos.core.printing.escpos_receipt import receipt_bytes
from pos.core.printing.printer_choice import Kind, PrinterChoice, parse_printer
from pos.core.printing.receipt_printer import ReceiptPrinter
from pos.core.store.crew import Member
from tests.support.approvals import approvals_at
from tests.support.counter_kit import key_in, make_shop, type_keys
from tests.support.receipt_server import closed_port, receipt_server
from tests.support.small_menus import make_menu
from tests.unit.test_after_sale import PIE_NEXT_TIME

PIN2, PIN5 = b"\x1bp\x00\x32\x32", b"\x1bp\x01\x32\x32"
"""ESC p m t1 t2: a pulse on pin 2 (m 0) or pin 5 (m 1), 100 ms on and off."""
CASH = ("f10", "2", "0", "enter")
CARD = ("f10", "c", "enter")
MANAGER = Member(id="M1", name="Bo", role="manager")
DEVICE = PrinterChoice(Kind.FILE, path="/dev/usb/lp0")


class Sent(list[bytes]):
    """A printer that takes every job at once: the bytes of each, in turn."""

    def printer(self, drawer: Drawer, choice: PrinterChoice = DEVICE) -> ReceiptPrinter:
        return ReceiptPrinter(choice, send=lambda _, data, __, ___: self.append(data), drawer=drawer)


def _counter(printer: ReceiptPrinter, mode: Mode = Mode.LIVE, log_to: Path | None = None) -> Counter:
    shop, _ = make_shop(make_menu(PIE_NEXT_TIME), mode=mode, log_to=log_to)
    return Counter(dataclasses.replace(shop, printer=printer), timer=lambda: 0.0)


def _paid(counter: Counter, *payment: str) -> Printing:
    key_in(counter, "1")
    type_keys(counter, "n", "n", *payment)
    return _over(counter)


def _over(counter: Counter) -> Printing:
    job = counter.till.receipts.job
    assert job is not None
    job.done.exception(timeout=5)
    return job


def test_the_pulse_is_escpos_cashdraw_on_the_pin_named() -> None:
    assert (kick_bytes(Drawer.PIN2), kick_bytes(Drawer.PIN5), kick_bytes(Drawer.NONE)) == (PIN2, PIN5, b"")


@pytest.mark.parametrize(("drawer", "pulse"), [(Drawer.PIN2, PIN2), (Drawer.PIN5, PIN5)])
def test_a_cash_payment_opens_the_drawer_before_its_receipt_prints(drawer: Drawer, pulse: bytes) -> None:
    sent = Sent()
    counter = _counter(sent.printer(drawer))
    job = _paid(counter, *CASH)
    receipt = counter.till.receipts.last
    assert receipt is not None and job.drawer
    assert sent == [pulse + receipt_bytes(receipt)]
    type_keys(counter, "f4")  # the copy opens nothing
    _over(counter)
    assert sent[1] == receipt_bytes(dataclasses.replace(receipt, copy=True))


@pytest.mark.parametrize(
    ("drawer", "mode", "payment"),
    [
        (Drawer.PIN2, Mode.LIVE, CARD),
        (Drawer.PIN2, Mode.TRAINING, CASH),
        (Drawer.NONE, Mode.LIVE, CASH),
    ],
    ids=["card only", "training", "no drawer"],
)
def test_the_drawer_stays_shut(drawer: Drawer, mode: Mode, payment: tuple[str, ...]) -> None:
    sent = Sent()
    counter = _counter(sent.printer(drawer), mode)
    job = _paid(counter, *payment)
    receipt = counter.till.receipts.last
    assert receipt is not None and not job.drawer
    assert sent == [receipt_bytes(receipt)] and PIN2[:2] not in sent[0]


def test_a_split_payment_with_cash_opens_it() -> None:
    sent = Sent()
    counter = _counter(sent.printer(Drawer.PIN2))
    _paid(counter, "f10", "c", "1", "enter", "2", "0", "enter")  # $1 by card, the rest in cash
    assert sent[0].startswith(PIN2)


def test_over_a_network_printer_the_drawer_and_the_receipt_arrive_as_one_job(data_dir: Path) -> None:
    with receipt_server() as server:
        counter = _counter(ReceiptPrinter(server.choice, timeout=0.5, drawer=Drawer.PIN2), log_to=data_dir)
        _paid(counter, *CASH)
        received = server.next_receipt()
        receipt = counter.till.receipts.last
        assert receipt is not None and received == PIN2 + receipt_bytes(receipt)
    counter.shop.recorder.close()  # type: ignore[attr-defined]


def test_a_drawer_that_does_not_open_is_said_and_the_order_stays_paid(data_dir: Path) -> None:
    refusing = parse_printer(f"net:127.0.0.1:{closed_port()}")
    assert refusing is not None
    counter = _counter(ReceiptPrinter(refusing, timeout=0.5, drawer=Drawer.PIN2), log_to=data_dir)
    failed = counter.till.receipts.failed(_paid(counter, *CASH))
    assert failed is not None and failed.startswith(
        "Receipt 0001 NOT printed (drawer NOT opened): F4 prints it again. Printer: "
    )
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    assert '"status":"paid"' in next((data_dir / "log").rglob("T1.orders.jsonl")).read_text()


def _no_sale(data_dir: Path, printer: ReceiptPrinter, mode: Mode = Mode.LIVE) -> Counter:
    approvals, writer = approvals_at(data_dir)
    counter = _counter(printer, mode)
    approvals.printing = counter.till.receipts  # as the sale screen makes them
    request = approvals.no_sale(counter.sale)
    assert not isinstance(request, str)
    counter.take(approvals.record(request, MANAGER, counter.sale))
    writer.close()
    return counter


def test_an_approved_no_sale_opens_the_drawer_alone(data_dir: Path) -> None:
    with receipt_server() as server:
        counter = _no_sale(data_dir, ReceiptPrinter(server.choice, timeout=0.5, drawer=Drawer.PIN5))
        assert counter.message == "No-sale approved: the drawer opens"
        assert server.next_receipt() == PIN5
        job = _over(counter)
        assert job.what == "no_sale" and counter.till.receipts.failed(job) is None


def test_a_no_sale_without_a_drawer_or_in_training_only_says_to_open_it(data_dir: Path) -> None:
    for drawer, mode in ((Drawer.NONE, Mode.LIVE), (Drawer.PIN2, Mode.TRAINING)):
        sent = Sent()
        counter = _no_sale(data_dir, sent.printer(drawer), mode)
        assert counter.message == "No-sale approved: open the drawer" and counter.till.receipts.job is None
        assert sent == []


def test_a_no_sale_whose_drawer_does_not_open_says_so(data_dir: Path) -> None:
    refusing = parse_printer(f"net:127.0.0.1:{closed_port()}")
    assert refusing is not None
    counter = _no_sale(data_dir, ReceiptPrinter(refusing, timeout=0.5, drawer=Drawer.PIN2))
    failed = counter.till.receipts.failed(_over(counter))
    assert failed is not None and failed.startswith("Drawer NOT opened: open it with its key. Printer: ")
