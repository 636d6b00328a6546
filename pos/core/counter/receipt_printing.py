"""The counter's receipts on its receipt printer: each paid order's printed once as it is paid, the
last one kept for the reprint key (`REPRINT_KEY`), and the cash drawer on the printer opened for a
paid order with cash handed over and for an approved no-sale (`pos.core.printing.drawer`), never in
training. Printing logs nothing: the order and its code were logged when it was paid, so a receipt
printed again is never counted again."""

from __future__ import annotations

import dataclasses
from concurrent.futures import Future
from dataclasses import dataclass

from pos.core.counter.counter_keys import REPRINT_KEY
from pos.core.counter.counter_step import Step
from pos.core.printing.drawer import Drawer
from pos.core.printing.receipt import Receipt
from pos.core.printing.receipt_printer import ReceiptPrinter

AGAIN = f"{REPRINT_KEY.upper()} prints it again"
BY_HAND = "open it with its key"


@dataclass(frozen=True)
class Printing:
    """A receipt (or the drawer's pulse alone: `order` None) on its way to the printer: `done` holds
    None once printed, else why not."""

    order: str | None
    done: Future[None]
    drawer: bool = False
    """The job opens the cash drawer."""


class ReceiptPrinting:
    def __init__(self, printer: ReceiptPrinter | None, training: bool = False) -> None:
        self.printer = printer
        self.training = training
        """A training session opens no drawer."""
        self.last: Receipt | None = None
        self.job: Printing | None = None
        """The receipt printing, or printed last (or the drawer opening)."""

    def paid(self, receipt: Receipt) -> None:
        if self.printer is not None:
            self.last = receipt
            self.job = Printing(receipt.order, self.printer.print(receipt), self.printer.opens(receipt))

    def reprint(self) -> Step:
        if self.printer is None:
            return Step(message="No receipt printer: pos --printer names one", error=True)
        if self.last is None:
            return Step(message="No receipt printed yet: the next paid order's prints", error=True)
        if self.job is not None and not self.job.done.done():
            busy = f"The receipt of order {self.job.order} is" if self.job.order else "The drawer is"
            return Step(message=f"{busy} still printing")
        self.job = Printing(self.last.order, self.printer.print(dataclasses.replace(self.last, copy=True)))
        return Step(message=f"Printing the receipt of order {self.last.order} again, marked COPY")

    def open_drawer(self) -> Step:
        """An approved no-sale: the drawer opened when the printer has one (the message says so)."""
        printer = self.printer
        if printer is None or printer.drawer is Drawer.NONE or self.training:
            return Step()
        self.job = Printing(None, printer.open_drawer(), drawer=True)
        return Step(message="No-sale approved: the drawer opens")

    def failed(self, job: Printing) -> str | None:
        """Once a receipt's printing is over: what the cashier is told when it did not print."""
        failed = job.done.exception()
        if failed is None:
            return None
        if job.order is None:
            return f"Drawer NOT opened ({BY_HAND}): {failed}"
        drawer = f" and drawer NOT opened ({BY_HAND})" if job.drawer else ""
        return (
            f"Receipt NOT printed{drawer}, {AGAIN} (order {job.order.rsplit('-', 1)[-1]} is paid): {failed}"
        )
