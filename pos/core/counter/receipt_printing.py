"""The counter's receipts on its receipt printer: each paid order's printed once as it is paid, the
last one kept for the reprint key (`REPRINT_KEY`). Printing logs nothing: the order and its code
were logged when it was paid, so a receipt printed again is never counted again."""

from __future__ import annotations

import dataclasses
from concurrent.futures import Future
from dataclasses import dataclass

from pos.core.counter.counter_keys import REPRINT_KEY
from pos.core.counter.counter_step import Step
from pos.core.printing.receipt import Receipt
from pos.core.printing.receipt_printer import ReceiptPrinter

AGAIN = f"{REPRINT_KEY.upper()} prints it again"


@dataclass(frozen=True)
class Printing:
    """A receipt on its way to the printer: `done` holds None once printed, else why not."""

    order: str
    done: Future[None]


class ReceiptPrinting:
    def __init__(self, printer: ReceiptPrinter | None) -> None:
        self.printer = printer
        self.last: Receipt | None = None
        self.job: Printing | None = None
        """The receipt printing, or printed last."""

    def paid(self, receipt: Receipt) -> None:
        if self.printer is not None:
            self.last = receipt
            self.job = Printing(receipt.order, self.printer.print(receipt))

    def reprint(self) -> Step:
        if self.printer is None:
            return Step(message="No receipt printer: pos --printer names one", error=True)
        if self.last is None:
            return Step(message="No receipt printed yet: the next paid order's prints", error=True)
        if self.job is not None and not self.job.done.done():
            return Step(message=f"The receipt of order {self.job.order} is still printing")
        self.job = Printing(self.last.order, self.printer.print(dataclasses.replace(self.last, copy=True)))
        return Step(message=f"Printing the receipt of order {self.last.order} again, marked COPY")

    def failed(self, job: Printing) -> str | None:
        """Once a receipt's printing is over: what the cashier is told when it did not print."""
        failed = job.done.exception()
        if failed is None:
            return None
        return f"Receipt NOT printed, {AGAIN} (order {job.order.rsplit('-', 1)[-1]} is paid): {failed}"
