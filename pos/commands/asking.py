"""What a command asks at the terminal: an answer, or a PIN typed without echo. No terminal to ask at
(a pipe, a closed input, Ctrl+D) is a clear refusal, never a traceback or a PIN echoed."""

from __future__ import annotations

import getpass
import sys

from pos.core.base.errors import PosError


def ask(question: str) -> str:
    try:
        return input(question)
    except EOFError:
        raise PosError(
            f"{question.strip()} not given (no terminal to ask at): give it as an option"
        ) from None


def ask_secret(question: str) -> str:
    """A PIN, typed at a terminal without echo: never read from a pipe, where it would be echoed."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise PosError(f"{question.strip()} a PIN is typed at a terminal, without echo: none here")
    try:
        return getpass.getpass(question)
    except EOFError:
        raise PosError(f"{question.strip()} no PIN typed (the input ended)") from None
