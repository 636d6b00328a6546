"""Text cells of the CSV files that a spreadsheet would run as formulas (OWASP, CSV injection)."""

from __future__ import annotations

from pos.core.base.text import printable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is a formula to a spreadsheet."""


def text_cell(value: str) -> str:
    """The text as the spreadsheet should show it: printable, and never a formula."""
    text = printable(value)
    return "'" + text if value.startswith(FORMULA_STARTS) or text.startswith(FORMULA_STARTS) else text
