"""What the commands' options take (times, days, counts, seeds, printers) and which of two options wins.

Each check raises argparse's error, so the parser names the option and what was typed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from pos.core.base.clock import FIRST_YEAR, LAST_YEAR, in_range
from pos.core.base.digits import whole_number
from pos.core.printing.printer_choice import PrinterChoice, PrinterChoiceError, parse_printer

Moment = TypeVar("Moment", bound=date)
Given = TypeVar("Given")


def when(text: str) -> datetime:
    return _in_range(text, datetime.fromisoformat, "a time like 2026-11-23T12:15", "a time")


def day(text: str) -> date:
    return _in_range(text, date.fromisoformat, "a date like 2026-11-23", "a date")


def _in_range(text: str, parse: Callable[[str], Moment], like: str, what: str) -> Moment:
    try:
        moment = parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {like}, got {text!r}") from None
    if not in_range(moment):
        raise argparse.ArgumentTypeError(
            f"expected {what} in the years {FIRST_YEAR} to {LAST_YEAR}, got {text!r}"
        )
    return moment


def positive(text: str) -> int:
    value = whole_number(text) or 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def seed(text: str) -> int:
    value = whole_number(text.removeprefix("-"))
    if value is None:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    return -value if text.startswith("-") else value


def printer(text: str) -> PrinterChoice | None:
    try:
        return parse_printer(text)
    except PrinterChoiceError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def given(specific: Given | None, general: Given | None) -> Given | None:
    """The command's own option over the one before the command: `pos --data A drill --data B` is B."""
    return specific if specific is not None else general
