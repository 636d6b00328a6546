"""Ctrl+P finds an item by name or code and keys it on the sale screen."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from pos.core.money import format_money
from pos.core.text import printable


class ItemCommands(Provider):
    def _items(self) -> list[tuple[str, str, str]]:
        from pos.screens.sale import SaleScreen

        screen = self.screen
        if not isinstance(screen, SaleScreen):
            return []
        menu = screen.counter.shop.menu
        return [
            (
                printable(f"{item.code}  {item.name}"),
                item.code,
                printable(
                    " · ".join(
                        f"{size.name + ' ' if size.name else ''}{format_money(size.price, menu.currency)}"
                        for size in item.sizes
                    )
                ),
            )
            for item in menu.items.values()
        ]

    async def discover(self) -> Hits:
        screen = self.screen
        for text, code, prices in self._items():
            yield DiscoveryHit(Content(text), partial(screen.add, code), help=escape(prices))  # type: ignore[attr-defined]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        screen = self.screen
        for text, code, prices in self._items():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), partial(screen.add, code), help=escape(prices))  # type: ignore[attr-defined]


def _highlight(matcher: Matcher, text: str) -> Content:
    """The matched letters underlined; unlike `Matcher.highlight`, the text is never read as markup."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize("underline reverse", offset, offset + 1)
    return content
