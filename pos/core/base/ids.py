"""Cashier and terminal IDs: short, and safe in a file name and on any screen."""

from __future__ import annotations

import re

_ID = re.compile(r"[A-Za-z0-9_-]{1,24}")
CASHIER_RULE = "1 to 24 letters, digits, - or _"


def valid_id(text: str) -> bool:
    """The whole text is an ID (a trailing newline is not: `fullmatch`, never `$`)."""
    return _ID.fullmatch(text) is not None
