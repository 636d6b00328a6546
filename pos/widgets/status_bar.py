"""The line at the top: store, terminal, cashier, daypart and the time."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static


class StatusBar(Static):
    store: reactive[str] = reactive("")
    terminal: reactive[str] = reactive("")
    cashier: reactive[str] = reactive("")
    daypart: reactive[str | None] = reactive(None)
    time: reactive[str] = reactive("")

    def render(self) -> str:
        parts = [
            f"[b]{self.store}[/]",
            f"Terminal {self.terminal}",
            f"Cashier {self.cashier}",
            self.daypart or "no daypart",
            self.time,
        ]
        return "  │  ".join(parts)
