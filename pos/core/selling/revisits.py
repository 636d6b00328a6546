"""Second chances: a declined or skipped upsell or cross-sell, brought back once on its line.

A customer who said no to the large size may change their mind before paying; the
cashier selects the line and brings the offer back (F6). Only while the offer still
stands: the line as it was (same item, size and price) for an upsell, and the
add-on not in the order for a cross-sell.
"""

from __future__ import annotations

from pos.core.selling.order import MealLine, Order, OrderLine
from pos.core.selling.prompt_kinds.kind import Proposal

Entry = OrderLine | MealLine
Snapshot = tuple[str, str | None, int]
"""A line's (or meal's) item, size and price when its offer was passed over."""


class Revisits:
    def __init__(self) -> None:
        self._passed: list[tuple[Proposal, Snapshot]] = []

    def passed(self, offer: Proposal) -> None:
        """An item's (or a meal's) offer declined or skipped: it may come back once."""
        if offer.line is not None:
            self._passed.append((offer, _snapshot(offer.line)))

    def can(self, line: Entry, order: Order) -> bool:
        return any(self._stands(offer, taken, line, order) for offer, taken in self._passed)

    def take(self, line: Entry, order: Order) -> Proposal | None:
        """The line's first offer that still stands, no longer to be brought back again."""
        for index, (offer, taken) in enumerate(self._passed):
            if self._stands(offer, taken, line, order):
                del self._passed[index]
                return offer
        return None

    @staticmethod
    def _stands(offer: Proposal, taken: Snapshot, line: Entry, order: Order) -> bool:
        if offer.line is not line or line not in order.entries:
            return False
        if offer.kind.upgrades_line:
            return _snapshot(line) == taken
        return not order.has_item(offer.item.key)


def _snapshot(line: Entry) -> Snapshot:
    return (line.item.key, line.size, line.total // line.qty)
