"""The message line under the prompt: what the last key did, or why it could not.

Render-only and fixed at one line, and an error is a style, not a CSS class:
a new message repaints this line alone, with no layout pass and no restyling,
so it costs a keypress nothing. In a dialog (`wrap`), where a refusal or how to give
money back may be longer than the card is wide, it wraps: every word is shown.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Size

from pos.widgets.rows import RowsWidget


class MessageLine(RowsWidget):
    COMPONENT_CLASSES = {"message-line--error"}

    def __init__(self, id: str | None = None, wrap: bool = False) -> None:
        super().__init__(id=id)
        self.text = ""
        self.error = False
        self.wrap = wrap
        self.set_class(wrap, "wrapped")

    def show(self, text: str, error: bool = False) -> None:
        if (text, error) != (self.text, self.error):
            self.text, self.error = text, error
            self.changed()
            if self.wrap:
                self.refresh(layout=True)  # as many rows as the text takes

    def rows(self) -> list[Text]:
        if self.wrap:
            return self._wrapped(self.size.width)
        text = (
            self.text if len(self.text) <= self.size.width else self.text[: max(0, self.size.width - 1)] + "…"
        )
        return [Text(text, style=self._style())]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width)) if self.wrap else 1

    def _wrapped(self, width: int) -> list[Text]:
        return list(Text(self.text, style=self._style()).wrap(self.app.console, max(1, width)))

    def _style(self) -> str | Style:
        return self.get_component_rich_style("message-line--error") if self.error else ""
