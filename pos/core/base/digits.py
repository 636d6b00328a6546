"""Numbers in text from a person or a file: written with ASCII 0-9, and nothing else.

Python's own tests take every script's digits: `"²".isdigit()` and `"٣".isdecimal()`
are true, a regex's `\\d` matches `٣`, and `int()` and `Decimal()` read `"٣"` as 3
(and `"1_0"` as 10). So typed text, a file's values and command-line options become
numbers only through this module, and patterns spell digits `[0-9]`: `²` during a
meal's slot is not a choice, and `٣*1` is not three of item 1.
"""

from __future__ import annotations

import re
from decimal import Decimal

_DECIMAL = re.compile(r"\s*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*", re.ASCII)
"""`3.49`, `-1`, `.5`: no `+`, no exponent (`1e2` would be a hundred), no `_`, no other script's digits,
no NaN or Infinity."""


def is_digits(text: str) -> bool:
    """Not empty, and every character one of 0-9."""
    return text.isascii() and text.isdigit()


def whole_number(text: str) -> int | None:
    """The number `text` writes in 0-9 alone; None for anything else (a sign, a space, `²`, `٣`)."""
    return int(text) if is_digits(text) else None


def decimal_number(text: str) -> Decimal | None:
    """The decimal number `text` writes with 0-9, a point and a minus; None for anything else."""
    return Decimal(text.strip()) if _DECIMAL.fullmatch(text) else None


def foreign_digit(text: str) -> str | None:
    """The first character Python would read as a digit that is not one of 0-9 (`²`, `٣`), if any."""
    return next((char for char in text if char.isdigit() and not char.isascii()), None)
