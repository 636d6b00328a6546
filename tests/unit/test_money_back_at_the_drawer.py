"""Money an approval gives back in cash opens the drawer and prints a slip of it (before, a refund or
a line voided opened nothing and printed nothing, so the manager keyed a no-sale too: a second audit
event, the no-sales inflated); and a receipt printed again after a refund says REFUNDED and carries
no code (before: a plain COPY with the next-visit offer and a QR code that no longer redeemed), a
line voided after the receipt shown voided."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pos.core.base.events import Mode
from pos.core.counter.approved import Approvals, Request
from pos.core.counter.counter import Counter
from pos.core.counter.receipt_printing import Printing
from pos.core.printing.drawer import Drawer
from pos.core.printing.escpos_receipt import VOIDED
from pos.core.printing.printer_choice import parse_printer
from pos.core.printing.receipt_printer import ReceiptPrinter
from tests.support.counter_kit import key_in, make_shop, type_keys
from tests.support.receipt_server import closed_port
from tests.support.small_menus import make_menu
from tests.unit.test_after_sale import PIE_NEXT_TIME
from tests.unit.test_cash_drawer import CARD, CASH, MANAGER, PIN2, Sent
from tests.unit.test_receipt_printing import QR

ORDER = "T1-20261123-0001"


def _paid(data_dir: Path, printer: ReceiptPrinter, *payment: str, mode: Mode = Mode.LIVE) -> Counter:
    """Two burgers (two lines) paid, as the sale screen's counter, and on disk."""
    shop, _ = make_shop(make_menu(PIE_NEXT_TIME), log_to=data_dir, mode=mode)
    counter = Counter(
        dataclasses.replace(shop, printer=printer, terminal_name="Front till"), timer=lambda: 0.0
    )
    for code in ("1", "2"):
        key_in(counter, code)
        type_keys(counter, "n", "n")
    type_keys(counter, *payment)
    _over(counter)
    return counter


def _approvals(counter: Counter, data_dir: Path) -> Approvals:
    shop = counter.shop
    return Approvals(
        None,
        shop.recorder,
        shop.station,
        shop.clock,
        data_dir,
        shop.menu.currency,
        printing=counter.till.receipts,
        terminal_name=shop.terminal_name,
    )


def _approve(counter: Counter, approvals: Approvals, ask: str, line: str = "") -> Request:
    """A refund (`ask` "refund") or a line voided, approved by M1 at the counter."""
    written = counter.shop.recorder.idle()  # type: ignore[attr-defined]
    if written is not None:
        written.result(timeout=5)  # the order on disk, where approvals read it
    paid = approvals.order("1")
    assert not isinstance(paid, str)
    request = approvals.refund(paid) if ask == "refund" else approvals.void_line(paid, line)
    assert isinstance(request, Request), request
    counter.take(approvals.record(request, MANAGER, counter.sale))
    return request


def _over(counter: Counter) -> Printing:
    job = counter.till.receipts.job
    assert job is not None
    job.done.exception(timeout=5)
    return job


def _closed(counter: Counter) -> None:
    counter.shop.recorder.close()  # type: ignore[attr-defined]


def test_a_refund_in_cash_opens_the_drawer_with_a_slip_of_it(data_dir: Path) -> None:
    sent = Sent()
    counter = _paid(data_dir, sent.printer(Drawer.PIN2), *CASH)
    request = _approve(counter, _approvals(counter, data_dir), "refund")
    assert counter.message == f"{request.said}; the drawer opens" and request.said.endswith("in cash")
    job = _over(counter)
    assert (job.what, job.order, job.drawer, len(sent)) == ("refund", ORDER, True, 2)
    slip = sent[1]
    assert slip.startswith(PIN2), "the pulse, then the slip"
    for said in (
        b"REFUND",
        b"Test Counter",
        b"Terminal T1 (Front till)",
        ORDER.encode(),
        b"2026-11-23 12:15",
    ):
        assert said in slip, said
    for said in (b"the whole order", b"In cash", b"Cashier", b"C1", b"Approved by", b"M1"):
        assert said in slip, said
    _closed(counter)


def test_a_line_voided_in_cash_prints_which_line_went_back(data_dir: Path) -> None:
    sent = Sent()
    counter = _paid(data_dir, sent.printer(Drawer.PIN2), *CASH)
    _approve(counter, _approvals(counter, data_dir), "void", "2")
    assert counter.message.endswith("in cash; the drawer opens")
    _over(counter)
    assert sent[1].startswith(PIN2) and b"LINE VOIDED" in sent[1] and b"line 2: 1 x " in sent[1]
    _closed(counter)


def test_money_back_to_the_card_or_in_training_opens_nothing(data_dir: Path) -> None:
    sent = Sent()
    counter = _paid(data_dir, sent.printer(Drawer.PIN2), *CARD)
    request = _approve(counter, _approvals(counter, data_dir), "refund")
    assert counter.message == request.said and request.said.endswith("to the card")
    assert len(sent) == 1, "the receipt alone"
    _closed(counter)
    training = Sent()
    counter = _paid(data_dir / "training", training.printer(Drawer.PIN2), *CASH, mode=Mode.TRAINING)
    request = _approve(counter, _approvals(counter, data_dir / "training"), "refund")
    assert counter.message == request.said and len(training) == 1
    _closed(counter)


def test_without_a_drawer_the_slip_prints_alone(data_dir: Path) -> None:
    sent = Sent()
    counter = _paid(data_dir, sent.printer(Drawer.NONE), *CASH)
    request = _approve(counter, _approvals(counter, data_dir), "refund")
    assert counter.message == request.said, "nothing opens: the cashier is told what to give back"
    job = _over(counter)
    assert not job.drawer and not sent[1].startswith(PIN2) and b"REFUND" in sent[1]
    _closed(counter)


def test_a_slip_that_does_not_print_is_said_and_the_refund_stays_recorded(data_dir: Path) -> None:
    refusing = parse_printer(f"net:127.0.0.1:{closed_port()}")
    assert refusing is not None
    counter = _paid(data_dir, ReceiptPrinter(refusing, timeout=0.5, drawer=Drawer.PIN2), *CASH)
    approvals = _approvals(counter, data_dir)
    _approve(counter, approvals, "refund")
    failed = counter.till.receipts.failed(_over(counter))
    assert failed is not None and failed.startswith(
        "Slip NOT printed (drawer NOT opened): the refund stays recorded. Printer: "
    )
    assert [event.action for event in approvals.recorded] == ["refund"]
    _closed(counter)


def test_a_reprint_after_a_refund_says_refunded_and_carries_no_code(data_dir: Path) -> None:
    sent = Sent()
    counter = _paid(data_dir, sent.printer(Drawer.PIN2), *CASH)
    printed = counter.till.printed
    assert printed is not None and printed.code.encode() in sent[0] and QR in sent[0]
    _approve(counter, _approvals(counter, data_dir), "refund")
    _over(counter)
    type_keys(counter, "f4")
    assert counter.message == f"Printing the receipt of order {ORDER} again, marked COPY and REFUNDED"
    _over(counter)
    copy = sent[2]
    assert b"COPY" in copy and b"REFUNDED" in copy
    assert printed.code.encode() not in copy and QR not in copy and not copy.startswith(PIN2)
    _closed(counter)


def test_a_reprint_shows_a_line_voided_after_the_receipt(data_dir: Path) -> None:
    sent = Sent()
    counter = _paid(data_dir, sent.printer(Drawer.PIN2), *CARD)
    _approve(counter, _approvals(counter, data_dir), "void", "1")
    type_keys(counter, "f4")
    _over(counter)
    rows = sent[-1].split(b"\n")
    marked = [number for number, row in enumerate(rows) if VOIDED.encode() in row]
    assert len(marked) == 1 and b"Cheeseburger" in rows[marked[0] - 1], "under line 1, the cheeseburger"
    assert b"Hamburger" in rows[marked[0] + 1] and b"REFUNDED" not in sent[-1]
    _closed(counter)
