"""Meals (`[[combo]]`, menu format version 2): a combo's slots, what it costs and what it saves.

A slot's `size` is the size included in the combo's price (without one, each
choice's first size). A choice dearer at that size than the slot's cheapest
choice adds the difference (a premium side).
"""

from __future__ import annotations

from dataclasses import dataclass

from pos.core.menu import Item, Size, Window, code_key


@dataclass(frozen=True, slots=True)
class Slot:
    name: str
    choices: tuple[Item, ...]
    """Items that fill it, in menu order."""
    size: str | None
    """The size the combo's price includes; None: each choice's first size."""

    def size_of(self, item: Item) -> Size:
        index = item.size_index(self.size) if self.size else 0
        return item.sizes[index or 0]

    @property
    def base(self) -> int:
        """The slot's cheapest choice at its size: what the combo's price includes."""
        return min(self.size_of(item).price for item in self.choices)

    def cheapest(self) -> Item:
        return min(self.choices, key=lambda item: self.size_of(item).price)

    def fits(self, item: Item) -> bool:
        return any(choice.key == item.key for choice in self.choices)

    def premium(self, item: Item, size: str | None) -> int:
        """What this item at this size adds to the combo's price in this slot (never below 0)."""
        index = item.size_index(size)
        return max(0, item.sizes[index or 0].price - self.base)


@dataclass(frozen=True, slots=True)
class Combo:
    number: int
    """1-based position among the file's [[combo]] entries, as errors name it."""
    code: str
    name: str
    price: int
    slots: tuple[Slot, ...]
    pitches: tuple[str, ...]
    window: Window

    @property
    def key(self) -> str:
        return code_key(self.code)

    @property
    def a_la_carte(self) -> int:
        """Each slot's cheapest choice at the slot's size, bought alone."""
        return sum(slot.base for slot in self.slots)

    @property
    def saving(self) -> int:
        """What a full set of the cheapest choices saves as this combo."""
        return self.a_la_carte - self.price
