"""A sheet (`pos.core.printing.sheet`: the day's close, an X reading) laid out for a receipt printer
as its own ESC/POS document, beside the receipt's layout (`escpos_receipt`): the title large, each
section's title bold, each row's label left and value right. Text is printed literally."""

from __future__ import annotations

import textwrap

from pos.core.base.text import printable
from pos.core.printing.escpos_receipt import COLUMNS
from pos.core.printing.sheet import Sheet


def sheet_bytes(sheet: Sheet, columns: int = COLUMNS) -> bytes:
    """The whole sheet, ending with a paper cut."""
    from escpos.printer import Dummy

    printer = Dummy()
    printer.set(align="center", bold=True, double_height=True, double_width=True)
    printer.textln(printable(sheet.title))
    printer.set_with_default(align="center")
    for line in sheet.lines:
        for part in textwrap.wrap(printable(line), columns) or [""]:
            printer.textln(part)
    printer.set_with_default()
    for section in sheet.sections:
        printer.textln("-" * columns)
        printer.set(bold=True)
        printer.textln(printable(section.title)[:columns])
        printer.set(bold=False)
        for label, value in section.rows:
            shown = printable(value)
            width = max(columns - len(shown) - 1, 1)
            names = textwrap.wrap(printable(label), width) or [""]
            printer.textln(f"{names[0]:<{width}} {shown}")
            for rest in names[1:]:
                printer.textln(rest)
    printer.cut()
    output: bytes = printer.output
    return output
