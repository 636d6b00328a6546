"""The entry line: what the cashier has typed, drawn from the counter (it takes no keys itself).

Keys go to the screen, which hands each to the counter in order; this widget only
shows the counter's text, so no key can land here out of turn.
"""

from __future__ import annotations

from rich.text import Text

from pos.widgets.rows import RowsWidget


class EntryLine(RowsWidget):
    def __init__(self, placeholder: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.placeholder = placeholder
        self.value = ""
        self.hint: str | None = None

    def show(self, value: str, hint: str | None = None) -> None:
        """What is typed; `hint`, while it is empty, when it is not the placeholder's question."""
        if (value, hint) != (self.value, self.hint):
            self.value, self.hint = value, hint
            self.changed()

    def rows(self) -> list[Text]:
        text = Text("› ", style="bold", no_wrap=True, overflow="ellipsis")
        if self.value:
            text.append(self.value)
            text.append(" ", style="reverse")
        else:
            text.append(" ", style="reverse")
            text.append(self.hint or self.placeholder, style="dim")
        return [text]
