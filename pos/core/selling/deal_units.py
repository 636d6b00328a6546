"""The order as the best deal sees it: kinds of unit, and the combos they could make.

Every unit of a loose line (a line of 2 colas is two units) may fill one slot of a
combo, where it is worth its price less the slot's premium. Units that every slot
values alike are one kind: a Small Cola and a Small Lemonade at the same price fill
a drink slot equally well. A combo is a `Shape` when the order could make it with a
saving; its slots that value every kind alike (the two burger slots of a family
box) are one `Group`, filled by as many units as it has slots.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pos.core.selling.menu import Combo, Item, Slot


@dataclass(frozen=True, slots=True)
class Loose:
    """An order line as the grouping sees it."""

    item: Item
    size: str | None
    qty: int
    unit_price: int


Made = tuple[int, tuple[int, ...]]
"""A meal to make: the combo's index and the kind of unit in each of its slots."""


Column = tuple[tuple[int, int], ...]
"""What a slot values each kind of unit that fits it at: (kind, worth), kinds in order."""


class Group(NamedTuple):
    slots: tuple[int, ...]
    """The positions of its slots in the combo."""
    column: int
    """Its column's index among the order's: slots of other combos may share it."""
    fits: Column


class Shape(NamedTuple):
    combo: int
    """The combo's index in the combos given."""
    price: int
    groups: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class Units:
    counts: tuple[int, ...]
    """How many units of each kind the order has."""
    lines: tuple[tuple[int, ...], ...]
    """The loose lines of each kind, by index."""
    shapes: tuple[Shape, ...]
    columns: tuple[Column, ...]
    """The distinct columns of the shapes' groups."""


def order_units(lines: Sequence[Loose], combos: Sequence[Combo]) -> Units:
    """The kinds of unit on the order that fill some slot, and the combos they could make."""
    index = _SlotIndex.of(combos)
    kind_of: dict[tuple[tuple[int, int], ...], int] = {}
    counts: list[int] = []
    line_of_kind: list[list[int]] = []
    for number, line in enumerate(lines):
        signature = index.signature(line)
        if not signature:
            continue  # fills no slot: stays loose
        kind = kind_of.setdefault(signature, len(counts))
        if kind == len(counts):
            counts.append(0)
            line_of_kind.append([])
        counts[kind] += line.qty
        line_of_kind[kind].append(number)
    columns: dict[int, list[tuple[int, int]]] = {}
    for signature, kind in kind_of.items():
        for position, value in signature:
            columns.setdefault(position, []).append((kind, value))
    shapes = []
    distinct: dict[Column, int] = {}
    for number, combo in enumerate(combos):
        grouped = _grouped(combo, index.first[number], columns)
        if grouped is None:
            continue
        groups = [(slots, column) for column, slots in grouped.items()]
        if any(sum(counts[kind] for kind, _ in column) < len(slots) for slots, column in groups):
            continue
        if sum(len(slots) * max(value for _, value in column) for slots, column in groups) <= combo.price:
            continue  # never saves
        shapes.append(
            Shape(
                number,
                combo.price,
                tuple(
                    Group(tuple(slots), distinct.setdefault(column, len(distinct)), column)
                    for slots, column in groups
                ),
            )
        )
    return Units(tuple(counts), tuple(map(tuple, line_of_kind)), tuple(shapes), tuple(distinct))


def _grouped(
    combo: Combo, first: int, columns: dict[int, list[tuple[int, int]]]
) -> dict[Column, list[int]] | None:
    """The combo's slots by column; None when a slot takes no unit of the order."""
    grouped: dict[Column, list[int]] = {}
    for slot in range(len(combo.slots)):
        column = tuple(columns.get(first + slot, ()))
        if not column:
            return None
        grouped.setdefault(column, []).append(slot)
    return grouped


class _SlotIndex:
    """Which slots of the combos each item fits, and the premiums asked, kept while the combos
    stay the same (a menu with 50 meals of 6 slots has 300 to look through for every line)."""

    _last: _SlotIndex | None = None

    def __init__(self, combos: Sequence[Combo]) -> None:
        self.combos = tuple(combos)
        self.first: list[int] = []
        self.slots_of: dict[str, list[tuple[int, Slot]]] = {}
        position = 0
        for combo in combos:
            self.first.append(position)
            for slot in combo.slots:
                for choice in slot.choices:
                    self.slots_of.setdefault(choice.key, []).append((position, slot))
                position += 1
        self.premiums: dict[tuple[int, str, str | None], int] = {}

    @classmethod
    def of(cls, combos: Sequence[Combo]) -> _SlotIndex:
        last = cls._last
        if (
            last is None
            or len(last.combos) != len(combos)
            or any(mine is not theirs for mine, theirs in zip(last.combos, combos, strict=True))
        ):
            last = cls._last = cls(combos)
        return last

    def signature(self, line: Loose) -> tuple[tuple[int, int], ...]:
        """(slot position, what one unit is worth there) for each slot the line fits."""
        item = line.item.key
        values = []
        for position, slot in self.slots_of.get(item, ()):
            key = (position, item, line.size)
            premium = self.premiums.get(key)
            if premium is None:
                premium = self.premiums[key] = slot.premium(line.item, line.size)
            values.append((position, line.unit_price - premium))
        return tuple(values)
