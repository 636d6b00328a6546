"""The message line under the prompt: what the last key did, or why it could not.

Render-only, and an error is a style, not a CSS class: a new message repaints this line alone, with
no restyling, so it costs a keypress nothing. One row, cut with "…" where it is longer; or (`wrap`)
as many rows as the words take, up to `most_rows`: the layout is redone only when that count changes.
The sale screen wraps to two rows (a receipt not printed, and why), a dialog to as many as it needs
(a refusal, how to give money back).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Size

from pos.widgets.rows import RowsWidget


class MessageLine(RowsWidget):
    COMPONENT_CLASSES = {"message-line--error"}

    def __init__(self, id: str | None = None, wrap: bool = False, most_rows: int | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.error = False
        self.wrap = wrap
        self.most_rows = most_rows
        """With `wrap`: the rows it may take (None: every one its words need)."""
        self.set_class(wrap, "wrapped")

    def show(self, text: str, error: bool = False) -> None:
        if (text, error) != (self.text, self.error):
            rows = len(self._drawn[1])
            self.text, self.error = text, error
            self.changed()
            if self.wrap and len(self._drawn[1]) != rows:
                self.refresh(layout=True)  # as many rows as the text takes

    def rows(self) -> list[Text]:
        width = self.size.width
        if self.wrap:
            return self._wrapped(width)
        return [Text(_cut(self.text, width), style=self._style())]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width)) if self.wrap else 1

    def _wrapped(self, width: int) -> list[Text]:
        rows = list(Text(self.text, style=self._style()).wrap(self.app.console, max(1, width)))
        if self.most_rows is None or len(rows) <= self.most_rows:
            return rows
        kept = rows[: self.most_rows]
        kept[-1] = Text(_cut(f"{kept[-1].plain} {rows[self.most_rows].plain}", width), style=self._style())
        return kept

    def _style(self) -> str | Style:
        return self.get_component_rich_style("message-line--error") if self.error else ""


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
