"""Finding by name (Ctrl+P): the query typed, what it finds and which is highlighted, key by key.

The finder screen hands every key here the moment it arrives and draws what this
holds; a key's search is done before the next key is read. So a burst (a name,
PageDown, Enter) ends as the same keys typed slowly do: nothing waits for a
search running elsewhere, nothing depends on what has been drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from pos.core.base.text import is_printable_char

T = TypeVar("T")

ROWS = 8
"""Hits shown at once; PageDown and PageUp move by this many."""
MAX_QUERY = 40


class Finder(Generic[T]):
    def __init__(self, search: Callable[[str], Sequence[T]], rows: int = ROWS) -> None:
        self._search = search
        self.rows = rows
        self.query = ""
        self.hits: Sequence[T] = search("")
        self.highlighted = 0
        """The hit Enter takes (none when there are no hits)."""
        self.top = 0
        """The first hit shown."""
        self.chosen: T | None = None
        self.closed = False
        """Esc, or Enter on a hit: the screen closes."""

    @property
    def shown(self) -> Sequence[T]:
        return self.hits[self.top : self.top + self.rows]

    def press(self, key: str, character: str | None) -> bool:
        """One key; False for a key the finder has no use for."""
        moves = {"up": -1, "down": 1, "pageup": -self.rows, "pagedown": self.rows}
        if key in moves:
            self._move(moves[key])
        elif key == "home":
            self._move(-len(self.hits))
        elif key == "end":
            self._move(len(self.hits))
        elif key == "enter":
            if self.hits:
                self.chosen, self.closed = self.hits[self.highlighted], True
        elif key == "escape":
            self.closed = True
        elif key == "backspace":
            self._find(self.query[:-1])
        elif is_printable_char(character) and character is not None:
            if len(self.query) < MAX_QUERY:
                self._find(self.query + character)
        else:
            return False
        return True

    def _find(self, query: str) -> None:
        if query != self.query:
            self.query = query
            self.hits = self._search(query)
            self.highlighted = self.top = 0

    def _move(self, step: int) -> None:
        if not self.hits:
            return
        self.highlighted = max(0, min(len(self.hits) - 1, self.highlighted + step))
        if self.highlighted < self.top:
            self.top = self.highlighted
        elif self.highlighted >= self.top + self.rows:
            self.top = self.highlighted - self.rows + 1
