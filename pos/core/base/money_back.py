"""How money given back on a paid order (a refund, a line voided after the receipt) comes out of what
it was paid with: its cash first (what was kept of it after the change), then its other tenders in
the order they were taken. Money past what the order still holds (or given back on an order not
found) is cash. The day's close counts the drawer by it; the counter tells the cashier how to give
the money back by it."""

from __future__ import annotations

from collections.abc import Iterable

TENDER_KINDS = ("cash", "card", "other")


class MoneyBack:
    """What an order still holds by tender kind, cash first, as money is given back from it in turn."""

    def __init__(self, tenders: Iterable[tuple[str, int]] = (), change: int = 0) -> None:
        held = {"cash": -change}
        for kind, amount in tenders:
            held[kind] = held.get(kind, 0) + amount
        self._held = held

    def take(self, amount: int) -> dict[str, int]:
        """`amount` given back: how much of it comes out of each kind, in turn (none of a kind left
        out); what is past all the order holds comes out of the cash."""
        taken = dict.fromkeys(self._held, 0)
        for kind, held in self._held.items():
            taken[kind] = min(max(held, 0), amount)
            self._held[kind], amount = held - taken[kind], amount - taken[kind]
        taken["cash"] += amount
        return {kind: part for kind, part in taken.items() if part}
