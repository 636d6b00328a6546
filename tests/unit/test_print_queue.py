"""One queue per printer: jobs reach the printer in the order given, and a job reported failed never
reaches it later. Before, each job ran on a thread of its own that went on after its time limit: a
FIFO nobody read (`pos --printer file:F`) took two receipts said NOT printed, then gave both, the
second first, with two drawer kicks, as soon as something read it (and an F4 copy on top)."""

from __future__ import annotations

import dataclasses
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from pos.core.counter.counter import Counter
from pos.core.printing.drawer import Drawer
from pos.core.printing.escpos_receipt import receipt_bytes
from pos.core.printing.escpos_sheet import sheet_bytes
from pos.core.printing.printer_choice import Kind, PrinterChoice, parse_printer
from pos.core.printing.printer_device import PrintFailed, Wanted, Window, send
from pos.core.printing.receipt_printer import ReceiptPrinter
from pos.core.printing.sheet import Sheet
from tests.support.counter_kit import key_in, make_shop, type_keys
from tests.support.fifo import HAS_FIFO, make_fifo, reading
from tests.support.receipt_server import window
from tests.support.small_menus import make_menu
from tests.unit.test_after_sale import PIE_NEXT_TIME
from tests.unit.test_cash_drawer import PIN2

DEVICE = PrinterChoice(Kind.FILE, path="/dev/usb/lp0")
QUICK = 0.05
"""A printer's timeout in these tests: a job is given up on a third of a second after it is given."""
BIG = 1 << 20
"""Bytes more than a FIFO holds (64 KiB on Linux, less on macOS)."""
WAIT = 5
"""The most a test waits for a job to be over (it is over well within a second)."""


class SlowDevice:
    """A printer whose device opens only once `opened` is set, then takes a job if it is still wanted."""

    def __init__(self) -> None:
        self.opened = threading.Event()
        self.sent: list[bytes] = []

    def send(self, choice: PrinterChoice, data: bytes, window: Window, wanted: Wanted) -> None:
        self.opened.wait(WAIT)
        if wanted():
            self.sent.append(data)


def _sheet(title: str) -> Sheet:
    return Sheet(title, (), ())


def _over(job: Future[None]) -> BaseException | None:
    return job.exception(timeout=WAIT)


def test_a_job_reported_failed_never_reaches_the_printer_and_its_copy_prints_once() -> None:
    sheet_bytes(_sheet("warm"))  # python-escpos loaded first: laying a job out then takes no time of its own
    device = SlowDevice()
    printer = ReceiptPrinter(DEVICE, timeout=QUICK, send=device.send)
    first, second = printer.print_sheet(_sheet("first")), printer.print_sheet(_sheet("second"))
    assert isinstance(_over(first), PrintFailed) and isinstance(_over(second), PrintFailed)
    device.opened.set()  # the printer comes back: what was said NOT printed stays unprinted
    again = printer.print_sheet(_sheet("again"))
    assert _over(again) is None
    assert len(device.sent) == 1 and b"again" in device.sent[0]


def test_jobs_reach_the_printer_in_the_order_given() -> None:
    device = SlowDevice()
    printer = ReceiptPrinter(DEVICE, send=device.send)  # time enough: the first waits for its device
    jobs = [printer.print_sheet(_sheet(title)) for title in ("one", "two", "three")]
    device.opened.set()
    assert [_over(job) for job in jobs] == [None, None, None]
    assert [next(t for t in (b"one", b"two", b"three") if t in sent) for sent in device.sent] == [
        b"one",
        b"two",
        b"three",
    ]


@pytest.mark.skipif(not HAS_FIFO, reason="a FIFO stands in for the printer's device file")
def test_a_fifo_nobody_reads_fails_at_once_and_nothing_said_not_printed_comes_out_later(
    data_dir: Path,
) -> None:
    """The issue's steps: `mkfifo F; pos --printer file:F`, two orders paid in cash, then `cat F`."""
    device = make_fifo(data_dir / "F")
    choice = parse_printer(f"file:{device}")
    assert choice is not None
    shop, _ = make_shop(make_menu(PIE_NEXT_TIME))
    printer = ReceiptPrinter(choice, timeout=1.0, drawer=Drawer.PIN2)  # failing takes none of it
    counter = Counter(dataclasses.replace(shop, printer=printer), timer=lambda: 0.0)
    failed = []
    for _ in range(2):
        key_in(counter, "1")
        type_keys(counter, "n", "n", "f10", "2", "0", "enter")
        job = counter.till.receipts.job
        assert job is not None and isinstance(_over(job.done), PrintFailed)
        failed.append(counter.till.receipts.failed(job))
    assert "Receipt 0002 NOT printed (drawer NOT opened): F4 prints it again. Printer: " in str(failed[1])
    with reading(device) as reader:
        type_keys(counter, "f4")
        job = counter.till.receipts.job
        assert job is not None and _over(job.done) is None
        printed = reader.read()
    receipt = counter.till.receipts.last
    assert receipt is not None and printed == receipt_bytes(dataclasses.replace(receipt, copy=True))
    assert PIN2 not in printed and b"T1-20261123-0001" not in printed, "the copy alone: no kick, no 0001"


@pytest.mark.skipif(not HAS_FIFO, reason="a FIFO stands in for the printer's device file")
def test_a_device_that_stops_taking_bytes_fails_by_the_deadline_and_writes_no_more(tmp_path: Path) -> None:
    """A reader that never reads fills the FIFO: the write ends at the job's deadline, not whenever
    the reader reads again (the job's thread went on writing after the job was said NOT printed)."""
    device = make_fifo(tmp_path / "lp0")
    choice = parse_printer(f"file:{device}")
    assert choice is not None
    with reading(device) as reader:
        with pytest.raises(PrintFailed, match=f"did not answer within {QUICK:g} s"):
            send(choice, b"y" * BIG, Window(QUICK, time.monotonic() + QUICK), lambda: True)
        taken = reader.read()
        assert 0 < len(taken) < BIG and reader.read() == b"", "what it took, and no more"


@pytest.mark.skipif(not HAS_FIFO, reason="a FIFO stands in for the printer's device file")
def test_a_device_opened_for_a_job_no_longer_wanted_is_closed_unwritten(tmp_path: Path) -> None:
    device = make_fifo(tmp_path / "lp0")
    choice = parse_printer(f"file:{device}")
    assert choice is not None
    with reading(device) as reader:
        send(choice, b"late", window(), lambda: False)
        send(choice, b"wanted", window(), lambda: True)
        assert reader.read() == b"wanted"
