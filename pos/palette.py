"""Ctrl+P finds an item by name or code and keys it on the sale screen.

The menu's lines are made once when the palette opens; an item is scored only
when every letter of the query is in it, by where the query stands in it when
it does (the fuzzy search only when it does not), and only the best are drawn:
each key then answers within a frame on a menu of 1,000 items.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from pos.core.money import format_money

MOST_HITS = 40
"""The best this many are shown: more would not fit on the screen."""


class ItemCommands(Provider):
    _entries: list[tuple[str, str, str, frozenset[str]]] = []
    """Per item: its line (code and name), its code, its prices, and the letters of its line."""

    async def startup(self) -> None:
        from pos.screens.sale import SaleScreen

        screen = self.screen
        if not isinstance(screen, SaleScreen):
            self._entries = []
            return
        menu = screen.counter.shop.menu
        self._entries = []
        for item in menu.items.values():
            line = f"{item.code}  {item.name}"
            prices = " · ".join(
                f"{size.name + ' ' if size.name else ''}{format_money(size.price, menu.currency)}"
                for size in item.sizes
            )
            self._entries.append((line, item.code, escape(prices), frozenset(line.casefold())))

    def _choose(self, code: str) -> None:
        """Tell the sale screen, which keys the item in turn with the keys already typed."""
        from pos.screens.sale import SaleScreen

        self.screen.post_message(SaleScreen.ItemChosen(code))

    async def discover(self) -> Hits:
        for line, code, prices, _ in self._entries:
            yield DiscoveryHit(Content(line), partial(self._choose, code), help=prices)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        folded = query.casefold().strip()
        letters = frozenset(folded) - {" "}
        scored = []
        for line, code, prices, has in self._entries:
            if not letters <= has:
                continue
            # A line that holds the query as it was typed needs no fuzzy search, the slow part.
            at = line.casefold().find(folded)
            score = 2.0 - at / 100 if at >= 0 else matcher.match(line)
            if score > 0:
                scored.append((score, line, code, prices))
        scored.sort(key=lambda hit: -hit[0])
        for score, line, code, prices in scored[:MOST_HITS]:
            yield Hit(score, _highlight(matcher, line), partial(self._choose, code), help=prices)


def _highlight(matcher: Matcher, text: str) -> Content:
    """The matched letters underlined; unlike `Matcher.highlight`, the text is never read as markup."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize("underline reverse", offset, offset + 1)
    return content
