"""The cash drawer that hangs off the receipt printer: opened by a pulse on one pin of the printer's
drawer port (ESC p, escpos's `cashdraw`), pin 2 on most drawers, pin 5 on a second drawer or some
models. The printer sends the pulse and reports nothing back: a drawer that does not open is only
known by its printer failing to take the bytes.

It opens for a paid order with cash handed over (not a card-only order, not a reprint), for an
approved no-sale, and for money an approval gives back in cash (a refund, a line voided after the
receipt); never in training, where no money moves."""

from __future__ import annotations

from enum import StrEnum

from pos.core.printing.receipt import Receipt


class Drawer(StrEnum):
    PIN2 = "pin2"
    PIN5 = "pin5"
    NONE = "none"
    """No drawer on the printer, or one opened by hand."""


def kick_bytes(drawer: Drawer) -> bytes:
    """The pulse that opens `drawer` (nothing for none)."""
    if drawer is Drawer.NONE:
        return b""
    from escpos.printer import Dummy  # python-escpos: only when a drawer opens

    printer = Dummy()
    printer.cashdraw(2 if drawer is Drawer.PIN2 else 5)
    output: bytes = printer.output
    return output


def opens_drawer(receipt: Receipt) -> bool:
    """A receipt paid (partly) in cash, printed as it was paid, live."""
    handed = any(tender.kind == "cash" and tender.amount > 0 for tender in receipt.tenders)
    return handed and not receipt.copy and not receipt.training
