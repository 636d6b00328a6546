"""The line at the top: TRAINING when it is, store, terminal, cashier, daypart and the time, always whole.

The time, terminal and cashier are never cut; a long store name gives way first
(shortened with "…"), so at 80 columns the header still shows the clock.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

SEPARATOR = "  │  "
DAYPART_WIDTH = 16


class StatusBar(Widget):
    store: reactive[str] = reactive("")
    terminal: reactive[str] = reactive("")
    cashier: reactive[str] = reactive("")
    daypart: reactive[str | None] = reactive(None)
    time: reactive[str] = reactive("")
    training: reactive[bool] = reactive(False)
    """A drill, or a set clock (`pos --now`): nothing sold here is a live sale."""

    def now(self, daypart: str | None, time: str) -> None:
        self.daypart, self.time = daypart, time

    def render(self) -> Text:
        rest = [f"Terminal {self.terminal}", f"Cashier {self.cashier}"]
        if self.daypart:
            rest.append(
                self.daypart
                if len(self.daypart) <= DAYPART_WIDTH
                else self.daypart[: DAYPART_WIDTH - 1] + "…"
            )
        rest.append(self.time)
        tail = SEPARATOR + SEPARATOR.join(rest)
        mark = "TRAINING" + SEPARATOR if self.training else ""
        room = max(1, self.size.width - len(tail) - len(mark))
        store = self.store if len(self.store) <= room else self.store[: max(0, room - 1)] + "…"
        text = Text(no_wrap=True, overflow="ellipsis")
        if mark:
            text.append("TRAINING", style="bold reverse")
            text.append(SEPARATOR)
        text.append(store, style="bold")
        text.append(tail)
        return text
