"""The screens' one need: a terminal to read keys from."""

from __future__ import annotations

import os
import sys

from pos.core.base.errors import PosError


def need_a_terminal(screen: str) -> None:
    """Refuse to open `screen` when standard input is not a terminal (`pos < file`, a pipe, a
    service): Textual would read its end over and over, at full speed, for ever. A `pos serve`
    session talks through pipes with a driver of its own (TEXTUAL_DRIVER) and goes ahead."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return
    try:
        terminal = sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # closed
        terminal = False
    if not terminal:
        raise PosError(f"{screen} needs a terminal; standard input is not one")
