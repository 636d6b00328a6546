"""Ctrl+P finds an item by name or code and adds it to the order."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from pos.core.money import format_money

if TYPE_CHECKING:
    from pos.app import PosApp


class ItemCommands(Provider):
    def _items(self) -> list[tuple[str, str, str]]:
        from pos.screens.sale import SaleScreen

        if not isinstance(self.screen, SaleScreen):
            return []
        menu = cast("PosApp", self.app).menu
        return [
            (
                f"{item.code}  {item.name}",
                item.code,
                " · ".join(
                    f"{size.name + ' ' if size.name else ''}{format_money(size.price, menu.currency)}"
                    for size in item.sizes
                ),
            )
            for item in menu.items.values()
        ]

    async def discover(self) -> Hits:
        screen = self.screen
        for text, code, prices in self._items():
            yield DiscoveryHit(text, partial(screen.add, code), help=prices)  # type: ignore[attr-defined]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        screen = self.screen
        for text, code, prices in self._items():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(screen.add, code), help=prices)  # type: ignore[attr-defined]
