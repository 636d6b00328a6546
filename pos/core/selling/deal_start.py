"""Where the search for the best grouping starts: a good grouping, found quickly.

The better of two: the meals of the linear relaxation (each filling it makes a
fraction of, largest fraction first, made as often as the fraction rounds to and at
least once, while the units last) completed greedily; and the greedy grouping alone.
Greedily: again and again, the meal that saves most, each slot given the unit worth
most there (made at once as often as that stays so: a big order makes hundreds). The
search prunes against it from its first step, and returns it when its budget runs
out before anything better turns up.
"""

from __future__ import annotations

import math

from pos.core.selling.deal_relaxation import Relaxation
from pos.core.selling.deal_units import Shape, Units

Meal = tuple[int, tuple[int, ...]]
"""A meal: its shape's index and the kind in each slot, group after group."""


def start(units: Units, relaxation: Relaxation) -> tuple[list[Meal], int]:
    """A grouping, and what it saves."""
    greedy = _Greedy(units)
    left = list(units.counts)
    rounded: list[Meal] = []
    saved = 0
    for (index, kinds), fraction in relaxation.fractions:
        shape = units.shapes[index]
        slots = tuple(kind for group, kind in zip(shape.groups, kinds, strict=True) for _ in group.slots)
        if _saving(shape, slots) <= 0:
            continue  # a relaxation stopped short of its end may hold such a filling
        for _ in range(max(1, math.floor(fraction + 0.5))):
            if any(left[kind] < slots.count(kind) for kind in slots):
                break
            for kind in slots:
                left[kind] -= 1
            rounded.append((index, slots))
            saved += _saving(shape, slots)
    completed, more = greedy.meals(left)
    alone, alone_saved = greedy.meals(list(units.counts))
    if alone_saved > saved + more:
        return alone, alone_saved
    return rounded + completed, saved + more


def _saving(shape: Shape, slots: tuple[int, ...]) -> int:
    """What a meal of the shape with these kinds in its slots saves."""
    worth = 0
    position = 0
    for group in shape.groups:
        values = dict(group.fits)
        for kind in slots[position : position + len(group.slots)]:
            worth += values[kind]
        position += len(group.slots)
    return worth - shape.price


class _Greedy:
    def __init__(self, units: Units) -> None:
        self.units = units
        # Each column's kinds, the one worth most first.
        self.ranked = [sorted(column, key=lambda fit: (-fit[1], fit[0])) for column in units.columns]
        self.shapes_of: list[list[int]] = [[] for _ in units.counts]
        for index, shape in enumerate(units.shapes):
            for kind in sorted({kind for group in shape.groups for kind, _ in group.fits}):
                self.shapes_of[kind].append(index)

    def meals(self, left: list[int]) -> tuple[list[Meal], int]:
        """The meals made greedily from these units (which it uses up), and what they save."""
        best = [self._filling(index, left) for index in range(len(self.units.shapes))]
        made: list[Meal] = []
        saved = 0
        while True:
            index = max(range(len(best)), key=lambda at: (best[at][1], -at), default=-1)
            if index < 0 or best[index][1] <= 0:
                return made, saved
            slots, gain = best[index]
            # The same meal again while its units last: no other meal can save more after it (none
            # gains units), and it is filled alike while each of its kinds has a unit for each slot.
            times = min(left[kind] // slots.count(kind) for kind in slots)
            made += [(index, slots)] * times
            saved += gain * times
            touched = set()
            for kind in slots:
                left[kind] -= times
                touched.update(self.shapes_of[kind])
            for at in touched:
                best[at] = self._filling(at, left)

    def _filling(self, index: int, left: list[int]) -> tuple[tuple[int, ...], int]:
        """The shape filled with the units worth most in each slot, and what it saves (0: it cannot be)."""
        shape = self.units.shapes[index]
        taken: dict[int, int] = {}
        slots = []
        worth = 0
        for group in shape.groups:
            wanted = len(group.slots)
            for kind, value in self.ranked[group.column]:
                while wanted and left[kind] > taken.get(kind, 0):
                    taken[kind] = taken.get(kind, 0) + 1
                    slots.append(kind)
                    worth += value
                    wanted -= 1
                if not wanted:
                    break
            if wanted:
                return (), 0
        return tuple(slots), worth - shape.price
