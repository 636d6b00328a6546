"""PINs typed at a terminal, for the commands that ask one without echo (`pos crew pin`,
`pos day close`): getpass answered in turn, and standard input a terminal."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def typed_pins(monkeypatch: pytest.MonkeyPatch, *entries: str) -> list[str]:
    """getpass answered with `entries`, in turn; the prompts it was asked with."""
    answers: Iterator[str] = iter(entries)
    prompts: list[str] = []

    def typed(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", typed)
    monkeypatch.setattr("sys.stdin", _Terminal())
    return prompts
