"""The entry line: item codes, and nothing else while a prompt waits for y or n."""

from __future__ import annotations

from textual.widgets import Input

ANSWER_KEYS = ("y", "n")


class EntryInput(Input):
    answering = False
    """Set by the sale screen while a prompt is up: y and n then answer it."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if self.answering and key in ANSWER_KEYS:
            return False
        return super().check_consume_key(key, character)
