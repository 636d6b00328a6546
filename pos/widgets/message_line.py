"""The message line under the prompt: what the last key did, or why it could not.

Render-only and fixed at one line, and an error is a style, not a CSS class:
a new message repaints this line alone, with no layout pass and no restyling,
so it costs a keypress nothing.
"""

from __future__ import annotations

from rich.text import Text

from pos.widgets.rows import RowsWidget


class MessageLine(RowsWidget):
    COMPONENT_CLASSES = {"message-line--error"}

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.error = False

    def show(self, text: str, error: bool = False) -> None:
        if (text, error) != (self.text, self.error):
            self.text, self.error = text, error
            self.changed()

    def rows(self) -> list[Text]:
        style = self.get_component_rich_style("message-line--error") if self.error else ""
        text = (
            self.text if len(self.text) <= self.size.width else self.text[: max(0, self.size.width - 1)] + "…"
        )
        return [Text(text, style=style)]
