"""Ctrl+P: find an item by name or code (or a command: the theme, quit) and key it in.

In place of Textual's command palette, which searches in the background and
lays its list out before it can page: a burst (Ctrl+P, a name, PageDown, Enter)
ran ahead of the search, and PageDown before the list was laid out stopped the
app. Here each key goes to the finder (`pos.core.counter.finder`), which searches
before the next key is read, and the screen draws what it holds.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen

from pos.core.counter.finder import Finder
from pos.key_router import TakesKeys
from pos.palette import Choice, highlight
from pos.widgets.rows import RowsWidget


class FinderRows(RowsWidget):
    """The query, then a page of what it found (the highlighted one marked), then where that is."""

    COMPONENT_CLASSES = {"finder-rows--highlight"}

    def __init__(self, finder: Finder[Choice], placeholder: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.finder = finder
        self.placeholder = placeholder

    def rows(self) -> list[Text]:
        finder = self.finder
        query = Text("› ", style="bold", no_wrap=True, overflow="ellipsis")
        if finder.query:
            query.append(finder.query).append(" ", style="reverse")
        else:
            query.append(" ", style="reverse").append(self.placeholder, style="dim")
        rows = [query, Text("")]
        for index, choice in enumerate(finder.shown, finder.top):
            rows.append(self._row(choice, index == finder.highlighted))
        if not finder.hits:
            rows.append(Text("  Nothing found", style="dim"))
        rows += [Text("")] * (finder.rows + 2 - len(rows))
        where = f"{finder.highlighted + 1} of {len(finder.hits)}" if finder.hits else ""
        rows.append(Text(f"{where:<12}↑↓ PgUp PgDn move · Enter choose · Esc close", style="dim"))
        return rows

    def _row(self, choice: Choice, highlighted: bool) -> Text:
        width = self.size.width
        label = highlight(self.finder.query, choice.line)
        label.truncate(max(1, width - 2), overflow="ellipsis")
        row = Text(" ").append_text(label)
        room = width - row.cell_len - 3
        if room >= 8 and choice.help:
            help_ = Text(choice.help, style="dim")
            help_.truncate(room, overflow="ellipsis")
            row.append(" " * (width - row.cell_len - help_.cell_len - 1)).append_text(help_)
        row.append(" " * max(0, width - row.cell_len))
        if highlighted:
            row.stylize(self.get_component_rich_style("finder-rows--highlight"))
        return row


class FinderScreen(TakesKeys, ModalScreen[None]):
    def __init__(self, search: Callable[[str], Sequence[Choice]], placeholder: str) -> None:
        super().__init__()
        self.finder = Finder(search)
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="finder-card", classes="card"):
            yield FinderRows(self.finder, self._placeholder, id="finder-rows")

    async def take_key(self, key: str, character: str | None) -> bool:
        finder = self.finder
        finder.press(key, character)  # a key it has no use for (F5, Tab) does nothing here
        if not finder.closed:
            self.query_one(FinderRows).changed()
            return True
        self.dismiss()
        if finder.chosen is not None:
            done = finder.chosen.run()  # after the finder has closed: an item goes to the sale screen
            if inspect.isawaitable(done):
                await done
        return True
