"""A receipt printer at the counter: each receipt (or day's sheet, or the pulse that opens its cash
drawer) printed on a thread of its own, never in the way of a key, and over within a time limit
whatever the printer does. A receipt paid in cash opens the drawer first, in the same job.

`print` (and `print_sheet`) returns at once with a future: it holds None once the printer took the receipt, or the
`PrintFailed` that says why not. A printer that hangs (a device file that never takes a write)
cannot be stopped from here, so the future fails at twice its time limit (a network printer may
take the limit to connect and again to take the bytes) and its thread is left to end on its own; a receipt printed again then goes on a new thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError

from pos.core.printing import printer_device
from pos.core.printing.drawer import Drawer, kick_bytes, opens_drawer
from pos.core.printing.escpos_receipt import receipt_bytes
from pos.core.printing.escpos_sheet import sheet_bytes
from pos.core.printing.printer_choice import PrinterChoice
from pos.core.printing.printer_device import TIMEOUT_SECONDS, PrintFailed, no_answer
from pos.core.printing.receipt import Receipt
from pos.core.printing.sheet import Sheet

Send = Callable[[PrinterChoice, bytes, float], None]


class ReceiptPrinter:
    def __init__(
        self,
        choice: PrinterChoice,
        timeout: float = TIMEOUT_SECONDS,
        send: Send = printer_device.send,
        drawer: Drawer = Drawer.NONE,
    ) -> None:
        self.choice = choice
        self.timeout = timeout
        self._send = send
        self.drawer = drawer
        """The cash drawer on the printer's drawer port (the store settings' `[printer] drawer`)."""

    def opens(self, receipt: Receipt) -> bool:
        """Whether printing `receipt` opens the drawer."""
        return self.drawer is not Drawer.NONE and opens_drawer(receipt)

    def print(self, receipt: Receipt) -> Future[None]:
        kick = kick_bytes(self.drawer) if self.opens(receipt) else b""
        return self._job(lambda: kick + receipt_bytes(receipt))

    def open_drawer(self) -> Future[None]:
        """The drawer opened with no receipt (a no-sale)."""
        return self._job(lambda: kick_bytes(self.drawer))

    def print_sheet(self, sheet: Sheet) -> Future[None]:
        """A day's close or X reading (`pos.core.analytics.day_sheet`)."""
        return self._job(lambda: sheet_bytes(sheet))

    def _job(self, laid_out: Callable[[], bytes]) -> Future[None]:
        job: Future[None] = Future()
        job.set_running_or_notify_cancel()
        threading.Thread(target=self._print, args=(laid_out, job), name="receipt", daemon=True).start()
        limit = threading.Timer(2 * self.timeout, _settle, (job, no_answer(self.choice, self.timeout)))
        limit.daemon = True
        limit.start()
        job.add_done_callback(lambda _: limit.cancel())
        return job

    def _print(self, laid_out: Callable[[], bytes], job: Future[None]) -> None:
        try:
            self._send(self.choice, laid_out(), self.timeout)
        except PrintFailed as failed:
            _settle(job, failed)
        except Exception as error:  # a document the library cannot lay out: said, never a dead thread
            _settle(job, PrintFailed(f"printer {self.choice}: {type(error).__name__}: {error}"))
        else:
            _settle(job, None)


def _settle(job: Future[None], failed: PrintFailed | None) -> None:
    """The first to say how the job went is kept: the printer's thread or the time limit."""
    with contextlib.suppress(InvalidStateError):
        if failed is None:
            job.set_result(None)
        else:
            job.set_exception(failed)
