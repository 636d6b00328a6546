"""The counter's receipts on its receipt printer: each paid order's printed once as it is paid, the
last one kept for the reprint key (`REPRINT_KEY`), and the cash drawer on the printer opened for a
paid order with cash handed over, for an approved no-sale, and for money an approval gives back in
cash, with a slip of it (`pos.core.printing.drawer`, `given_back_slip`); never in training. A
refund or a line voided after the receipt is marked on the last receipt, so its copy says so and
never carries a code that redeems no more. Printing logs nothing: the order and its code were logged
when it was paid, so a receipt printed again is never counted again."""

from __future__ import annotations

import dataclasses
from concurrent.futures import Future
from dataclasses import dataclass

from pos.core.base.events import NO_SALE, REFUND, AuditEvent, voided_line
from pos.core.counter.counter_keys import REPRINT_KEY
from pos.core.counter.counter_step import Step
from pos.core.printing.drawer import Drawer
from pos.core.printing.printer_device import PrintFailed
from pos.core.printing.receipt import Receipt
from pos.core.printing.receipt_printer import ReceiptPrinter
from pos.core.printing.sheet import Sheet

RECEIPT = "receipt"
AGAIN = f"{REPRINT_KEY.upper()} prints it again"


@dataclass(frozen=True)
class Printing:
    """A job on its way to the printer: `done` holds None once printed, else why not."""

    what: str
    """A paid order's `receipt`; an approval's action: a `no_sale` (the drawer's pulse alone), a
    `refund` or `void_line` (a slip of the money given back)."""
    order: str | None
    done: Future[None]
    drawer: bool = False
    """The job opens the cash drawer."""


class ReceiptPrinting:
    def __init__(self, printer: ReceiptPrinter | None, training: bool = False) -> None:
        self.printer = printer
        self.training = training
        """A training session opens no drawer and prints no slip."""
        self.last: Receipt | None = None
        self.job: Printing | None = None
        """The job printing, or printed last."""

    def paid(self, receipt: Receipt) -> None:
        if self.printer is not None:
            self.last = receipt
            self.job = Printing(
                RECEIPT, receipt.order, self.printer.print(receipt), self.printer.opens(receipt)
            )

    def reprint(self) -> Step:
        if self.printer is None:
            return Step(message="No receipt printer: pos --printer names one", error=True)
        if self.last is None:
            return Step(message="No receipt printed yet: the next paid order's prints", error=True)
        if self.job is not None and not self.job.done.done():
            return Step(message=f"{_said(self.job)} still printing: {REPRINT_KEY.upper()} once it is over")
        marked = " and REFUNDED" if self.last.refunded else ""
        copy = dataclasses.replace(self.last, copy=True)
        self.job = Printing(RECEIPT, self.last.order, self.printer.print(copy))
        return Step(message=f"Printing the receipt of order {self.last.order} again, marked COPY{marked}")

    def approved(self, event: AuditEvent, slip: Sheet | None) -> bool:
        """An approval recorded: the last receipt marked when it took money back from that order; the
        drawer opened for a no-sale, with `slip` for money given back in cash. True: the drawer opens."""
        self._mark(event)
        printer = self.printer
        if printer is None or self.training or (event.action != NO_SALE and slip is None):
            return False
        opens = printer.drawer is not Drawer.NONE
        if opens or slip is not None:
            self.job = Printing(event.action, event.order, printer.open_drawer(slip), opens)
        return opens

    def _mark(self, event: AuditEvent) -> None:
        last = self.last
        if last is None or event.order != last.order:
            return
        if event.action == REFUND:
            self.last = dataclasses.replace(last, refunded=True)
        elif (number := voided_line(event)) is not None:
            lines = tuple(
                dataclasses.replace(line, voided=True) if line.number == number else line
                for line in last.lines
            )
            self.last = dataclasses.replace(last, lines=lines)

    def failed(self, job: Printing) -> str | None:
        """Once a job is over: what the cashier is told when it did not print (short, whole, and why)."""
        failed = job.done.exception()
        if failed is None:
            return None
        why = (
            f"Printer: {failed.reason} ({failed.printer})" if isinstance(failed, PrintFailed) else str(failed)
        )
        drawer = " (drawer NOT opened)" if job.drawer else ""
        if job.what == NO_SALE:
            return f"Drawer NOT opened: open it with its key. {why}"
        if job.what != RECEIPT:
            kept = "refund" if job.what == REFUND else "void"
            return f"Slip NOT printed{drawer}: the {kept} stays recorded. {why}"
        again = AGAIN if self.last is not None and self.last.order == job.order else "the order is paid"
        return f"Receipt {(job.order or '').rsplit('-', 1)[-1]} NOT printed{drawer}: {again}. {why}"


def _said(job: Printing) -> str:
    if job.what == RECEIPT:
        return f"The receipt of order {job.order} is"
    return "The drawer is" if job.what == NO_SALE else "The slip is"
