"""A receipt laid out for a receipt printer: ESC/POS bytes made by python-escpos.

Laid out once on escpos's Dummy printer, which only collects bytes, so the same bytes go to any
printer (`printer_device`) and the tests read exactly what a printer would get. Text from a menu
or a person is printed literally with control characters escaped (`printable`): an ESC in an
item's name can never reach the printer as a command. Money is written as the screen writes it.
"""

from __future__ import annotations

import textwrap
from typing import Any

from pos.core.base.money import format_money
from pos.core.base.text import printable
from pos.core.printing.receipt import Receipt, ReceiptLine, terminal_title

COLUMNS = 42
"""Characters on a line of an 80 mm roll in the printer's standard font (escpos's default profile)."""
QTY, MONEY = 4, 12
VOIDED = "VOIDED: given back"
"""Under a line voided after the receipt, on a copy (it fits under a name: 24 columns)."""
QR_DOT_SIZE = 6
"""Dots per module of the QR code: about 2.5 cm wide for a receipt code, easy for a phone."""


def receipt_bytes(receipt: Receipt, columns: int = COLUMNS) -> bytes:
    """The whole receipt, ending with a paper cut."""
    from escpos.printer import Dummy  # its printer profiles load in a tenth of a second: only to print

    printer = Dummy()
    _head(printer, receipt, columns)
    _rule(printer, columns)
    for line in receipt.lines:
        _line(printer, line, receipt.currency, columns)
    _rule(printer, columns)
    _totals(printer, receipt, columns)
    offer = None if receipt.refunded else receipt.next_visit  # a refunded order's code redeems no more
    if offer is not None:
        _rule(printer, columns)
        printer.set(align="center")
        for part in textwrap.wrap(printable(offer.pitch), columns) or [""]:
            printer.textln(part)
        code = printable(offer.code)
        printer.set(align="center", bold=True, double_height=True, double_width=True)
        printer.textln(code)
        printer.set_with_default(align="center")
        printer.qr(code, native=True, size=QR_DOT_SIZE)
        printer.set_with_default()
    printer.cut()
    output: bytes = printer.output
    return output


def _head(printer: Any, receipt: Receipt, columns: int) -> None:
    printer.set(align="center", bold=True, double_height=True, double_width=True)
    printer.textln(printable(receipt.store))
    printer.set_with_default(align="center")
    marks = (
        (receipt.training, "TRAINING - NOT A RECEIPT"),
        (receipt.copy, "COPY"),
        (receipt.refunded, "REFUNDED"),
    )
    for marked, said in marks:
        if marked:
            printer.set(bold=True)
            printer.textln(said)
            printer.set(bold=False)
    where = printable(terminal_title(receipt.terminal, receipt.terminal_name))
    who = f"Cashier {printable(receipt.cashier)}"
    for line in [f"{where}  {who}"] if len(where) + 2 + len(who) <= columns else [where, who]:
        for part in textwrap.wrap(line, columns) or [""]:
            printer.textln(part)
    printer.textln(f"Order {printable(receipt.order)}  {receipt.paid_at:%Y-%m-%d %H:%M}")
    printer.set_with_default()


def _line(printer: Any, line: ReceiptLine, currency: str, columns: int) -> None:
    """The quantity, the name (wrapped, never cut short) and the amount; its parts under it."""
    width = columns - QTY - MONEY
    names = textwrap.wrap(printable(line.name), width) or [""]
    printer.textln(f"{line.qty:>{QTY - 1}} {names[0]:<{width}}{format_money(line.amount, currency):>{MONEY}}")
    for rest in names[1:]:
        printer.textln(f"{'':>{QTY}}{rest}")
    for part in (*line.parts, *([VOIDED] if line.voided else [])):
        for shown in textwrap.wrap(printable(part), width - 2) or [""]:
            printer.textln(f"{'':>{QTY + 2}}{shown}")


def _totals(printer: Any, receipt: Receipt, columns: int) -> None:
    currency = receipt.currency

    def row(label: str, amount: int) -> None:
        printer.textln(f"{label:>{columns - MONEY}}{format_money(amount, currency):>{MONEY}}")

    if receipt.taxed:
        row("Subtotal", receipt.subtotal)
        row("Tax", receipt.tax)
    printer.set(bold=True, double_height=True)
    row("TOTAL", receipt.total)
    printer.set_with_default()
    for tender in receipt.tenders:
        row(printable(tender.kind).capitalize(), tender.amount)
    row("Change", receipt.change)


def _rule(printer: Any, columns: int) -> None:
    printer.textln("-" * columns)
