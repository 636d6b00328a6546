"""A receipt printer at the counter: its jobs (a receipt, a day's sheet, a slip of money given back,
the pulse that opens its cash drawer) printed one after another, in the order given, on a thread of
the printer's own, never in the way of a key, and each over within a time limit whatever the printer
does. A receipt paid in cash opens the drawer first, in the same job.

`print` (and the others) returns at once with a future: it holds None once the printer took the job,
or the `PrintFailed` that says why not. A job fails at twice the printer's timeout after it was given
(a network printer may take the timeout to connect and again to take the bytes): the printer's own
waits end by then, where the device lets them (`printer_device.Window`), and the time limit fails it
a little later whatever the device does. A job reported failed is never printed afterwards: the queue
skips it, and a printer opened slowly is written to only while its job is still wanted, so a receipt
said NOT printed never comes out late, with its drawer, after the next one or after its F4 copy.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass

from pos.core.printing import printer_device
from pos.core.printing.drawer import Drawer, kick_bytes, opens_drawer
from pos.core.printing.escpos_receipt import receipt_bytes
from pos.core.printing.escpos_sheet import sheet_bytes
from pos.core.printing.printer_choice import PrinterChoice
from pos.core.printing.printer_device import TIMEOUT_SECONDS, PrintFailed, Wanted, Window, no_answer
from pos.core.printing.receipt import Receipt
from pos.core.printing.sheet import Sheet

Send = Callable[[PrinterChoice, bytes, Window, Wanted], None]
GRACE_SECONDS = 0.25
"""After a job's deadline, before its time limit fails it: a job the printer took by the deadline is
never reported failed."""


@dataclass(frozen=True)
class _Job:
    laid_out: Callable[[], bytes]
    done: Future[None]
    window: Window


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
        self._waiting: deque[_Job] = deque()
        self._working = False
        """A thread is taking the jobs waiting: at most one, so they print in turn."""
        self._lock = threading.Lock()

    def opens(self, receipt: Receipt) -> bool:
        """Whether printing `receipt` opens the drawer."""
        return self.drawer is not Drawer.NONE and opens_drawer(receipt)

    def print(self, receipt: Receipt) -> Future[None]:
        kick = kick_bytes(self.drawer) if self.opens(receipt) else b""
        return self._job(lambda: kick + receipt_bytes(receipt))

    def open_drawer(self, slip: Sheet | None = None) -> Future[None]:
        """The drawer opened with no receipt (a no-sale), or with a slip of the money given back."""
        return self._job(lambda: kick_bytes(self.drawer) + (b"" if slip is None else sheet_bytes(slip)))

    def print_sheet(self, sheet: Sheet) -> Future[None]:
        """A day's close or X reading (`pos.core.analytics.day_sheet`)."""
        return self._job(lambda: sheet_bytes(sheet))

    def _job(self, laid_out: Callable[[], bytes]) -> Future[None]:
        done: Future[None] = Future()
        done.set_running_or_notify_cancel()
        limit = 2 * self.timeout
        job = _Job(laid_out, done, Window(self.timeout, time.monotonic() + limit))
        timer = threading.Timer(limit + GRACE_SECONDS, _settle, (done, no_answer(self.choice, self.timeout)))
        timer.daemon = True
        timer.start()
        done.add_done_callback(lambda _: timer.cancel())
        with self._lock:
            self._waiting.append(job)
            if not self._working:
                self._working = True
                threading.Thread(target=self._work, name="receipt printer", daemon=True).start()
        return done

    def _work(self) -> None:
        """The jobs waiting, in turn, until there are none (the next job starts a thread again)."""
        while True:
            with self._lock:
                if not self._waiting:
                    self._working = False
                    return
                job = self._waiting.popleft()
            if not job.done.done():  # not given up on while it waited
                _settle(job.done, self._print(job))

    def _print(self, job: _Job) -> PrintFailed | None:
        try:
            self._send(self.choice, job.laid_out(), job.window, lambda: not job.done.done())
        except PrintFailed as failed:
            return failed
        except Exception as error:  # a document the library cannot lay out: said, never a dead thread
            return PrintFailed(self.choice, f"{type(error).__name__}: {error}")
        return None


def _settle(job: Future[None], failed: PrintFailed | None) -> None:
    """The first to say how the job went is kept: the printer's thread or the time limit."""
    with contextlib.suppress(InvalidStateError):
        if failed is None:
            job.set_result(None)
        else:
            job.set_exception(failed)
