"""The entry line: item codes, and nothing else while a prompt waits for y or n."""

from __future__ import annotations

from textual.widgets import Input


class EntryInput(Input):
    released: frozenset[str] = frozenset()
    """Keys the screen takes while a prompt is up (y and n answer it), set by the screen."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if key in self.released:
            return False
        return super().check_consume_key(key, character)
