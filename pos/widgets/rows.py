"""A widget drawn as rows of text, a row at a time, that repaints only the rows that changed.

The counter's widgets (the order, the prompt, the entry and message lines) are
this: a keypress changes a few rows, and Textual then draws those rows alone
(its line API) instead of laying out and rendering whole widgets. That keeps
the frame after a key within a frame of a bare app's keypress echo.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


class RowsWidget(Widget):
    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: tuple[Size, list[Text]] = (Size(0, 0), [])
        """The rows last worked out, and the size they were made for."""

    def rows(self) -> list[Text]:
        """What to show, one Text per row, for the widget's present size."""
        raise NotImplementedError

    def changed(self) -> None:
        """What `rows` shows has changed: repaint the rows that differ."""
        size, before = self._drawn
        after = self._rows()
        if size != self.size:
            self.refresh()
            return
        old, new = [_key(row) for row in before], [_key(row) for row in after]
        differ = [y for y in range(max(len(new), len(old))) if new[y : y + 1] != old[y : y + 1]]
        self.refresh(*(Region(0, y, size.width, 1) for y in differ))

    def render_line(self, y: int) -> Strip:
        size, rows = self._drawn
        if size != self.size:
            rows = self._rows()
        style = self.rich_style
        if y >= len(rows):
            return Strip.blank(self.size.width, style)
        line = Text()
        line.append_text(rows[y])  # the row's own style becomes a span: Text.render draws only spans
        line.stylize_before(style)  # the widget's colours, under the row's own
        return Strip(line.render(self.app.console)).crop_extend(0, self.size.width, style)

    def _rows(self) -> list[Text]:
        rows = self.rows()
        self._drawn = (self.size, rows)
        return rows


def _key(row: Text) -> tuple[str, str, list[object]]:
    """What a row shows: its text, its style and its spans (a Text's == leaves out its own style)."""
    return row.plain, str(row.style), list(row.spans)
