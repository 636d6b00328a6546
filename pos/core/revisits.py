"""Second chances: a declined or skipped upsell or cross-sell, brought back once on its line.

A customer who said no to the large size may change their mind before paying; the
cashier selects the line and brings the offer back (F6). Only while the offer still
stands: the line as it was (same item, size and price) for an upsell, and the
add-on not in the order for a cross-sell.
"""

from __future__ import annotations

from pos.core.order import Order, OrderLine
from pos.core.prompt_kinds.kind import Proposal

Snapshot = tuple[str, str | None, int]
"""A line's item, size and unit price when its offer was passed over."""


class Revisits:
    def __init__(self) -> None:
        self._passed: list[tuple[Proposal, Snapshot]] = []

    def passed(self, offer: Proposal) -> None:
        """An item's offer declined or skipped: it may come back once."""
        line = offer.line
        if isinstance(line, OrderLine):
            self._passed.append((offer, (line.item.key, line.size, line.unit_price)))

    def can(self, line: OrderLine, order: Order) -> bool:
        return any(self._stands(offer, taken, line, order) for offer, taken in self._passed)

    def take(self, line: OrderLine, order: Order) -> Proposal | None:
        """The line's first offer that still stands, no longer to be brought back again."""
        for index, (offer, taken) in enumerate(self._passed):
            if self._stands(offer, taken, line, order):
                del self._passed[index]
                return offer
        return None

    @staticmethod
    def _stands(offer: Proposal, taken: Snapshot, line: OrderLine, order: Order) -> bool:
        if offer.line is not line or line not in order.lines:
            return False
        if offer.kind.upgrades_line:
            return (line.item.key, line.size, line.unit_price) == taken
        return not order.has_item(offer.item.key)
