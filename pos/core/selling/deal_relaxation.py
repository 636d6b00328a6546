"""What an order can save at most: a price on each kind of unit, from the packing's linear relaxation.

Split each combo's price among its slots (a share per slot, summing to no more than
the price); a unit then saves at most the best of what it is worth in a slot less
that slot's share. Any split gives a true bound: a meal saves what its units are
worth less its price, which is no more than the sum of what each unit saves against
its slot's share. The best split is the dual of the linear programme "make fractions
of meals", solved here by the simplex method with one row per kind of unit and a
column per way to fill a combo, generated as the prices call for it (the columns
are too many to list; the rows are a dozen or two). Unit prices and shares are kept
in whole 1/60 cents, so that a price splits evenly over up to six slots; a share is
rounded so that the bound stays true whatever the floating-point arithmetic did.
The relaxation's solution, the fillings it makes fractions of meals of, is where
the search starts (`pos.core.selling.deal_start`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pos.core.selling.deal_units import Shape, Units

SCALE = 60
"""Prices and shares are in 1/60 cent."""
_EPSILON = 1e-7

Filling = tuple[int, tuple[int, ...]]
"""A way to fill a combo: its shape's index, and the kind of unit in each of its groups."""


@dataclass(frozen=True, slots=True)
class Relaxation:
    prices: tuple[int, ...]
    """Per kind, in 1/60 cent: no grouping saves more than the sum of its units' prices."""
    shares: tuple[tuple[int, ...], ...]
    """Per shape, the share of its price each slot of each group carries, in 1/60 cent."""
    fractions: tuple[tuple[Filling, float], ...]
    """The fillings the relaxation makes meals of, with how many (fractions too), most first."""


def relax(units: Units, pivots: int) -> Relaxation:
    """The relaxation after at most `pivots` steps of the simplex method (the bound is true in any case,
    and tightest when it finishes)."""
    simplex = _Simplex(units)
    while simplex.steps < pivots and simplex.step():
        pass
    duals = simplex.duals
    if not all(map(math.isfinite, duals)):
        duals = [0.0] * len(duals)  # the arithmetic broke down: shares from the units' worth alone
    # A slot whose units are worth at most w more than their prices carries a share of w.
    wanted = [
        math.ceil(SCALE * max(value - duals[kind] for kind, value in column) - _EPSILON)
        for column in units.columns
    ]
    shares = tuple(_split(shape, wanted) for shape in units.shapes)
    # The least share a slot of each column carries.
    least = list(wanted)
    for shape, split in zip(units.shapes, shares, strict=True):
        for group, share in zip(shape.groups, split, strict=True):
            least[group.column] = min(least[group.column], share)
    prices = [0] * len(units.counts)
    for column, share in zip(units.columns, least, strict=True):
        for kind, value in column:
            prices[kind] = max(prices[kind], value * SCALE - share)
    return Relaxation(tuple(prices), shares, simplex.fractions())


def _split(shape: Shape, wanted: list[int]) -> tuple[int, ...]:
    """The shape's price split among its groups' slots as the unit prices suggest, cut so that the
    shares never add up to more than the price."""
    split = [wanted[group.column] for group in shape.groups]
    excess = sum(len(group.slots) * share for group, share in zip(shape.groups, split, strict=True))
    excess -= shape.price * SCALE
    position = 0
    while excess > 0:
        slots = len(shape.groups[position].slots)
        cut = -(-excess // slots)
        split[position] -= cut
        excess -= cut * slots
        position = (position + 1) % len(split)
    return tuple(split)


class _Simplex:
    """The revised simplex method on: make y_f meals of each filling f, as many as you like (fractions
    too), using no more units of a kind than the order has, for the largest saving."""

    def __init__(self, units: Units) -> None:
        self.units = units
        kinds = len(units.counts)
        self.inverse = [[1.0 if row == column else 0.0 for column in range(kinds)] for row in range(kinds)]
        self.values = [float(count) for count in units.counts]
        self.savings = [0.0] * kinds
        self.basis: list[Filling | None] = [None] * kinds
        """The filling each row holds; None for a kind's slack (units left loose)."""
        self.duals = [0.0] * kinds
        """What one more unit of each kind would add to the saving."""
        self.steps = 0
        self.groups = [[(len(group.slots), group.column) for group in shape.groups] for shape in units.shapes]
        self.prices = [float(shape.price) for shape in units.shapes]

    def step(self) -> bool:
        """One pivot; False when no column improves the saving (the relaxation is solved)."""
        duals = self.duals
        entering: tuple[float, Filling | None, dict[int, float], float] | None = self._best_filling(duals)
        slack = min(range(len(duals)), key=duals.__getitem__, default=-1)
        if slack >= 0 and duals[slack] < -_EPSILON and (entering is None or -duals[slack] > entering[0]):
            entering = (-duals[slack], None, {slack: 1.0}, 0.0)
        if entering is None:
            return False
        _, filling, column, saving = entering
        through = [0.0] * len(self.values)
        for kind, n in column.items():
            through = [amount + row[kind] * n for amount, row in zip(through, self.inverse, strict=True)]
        leaving, ratio = -1, math.inf
        for row, amount in enumerate(through):
            if amount > _EPSILON and self.values[row] / amount < ratio - _EPSILON:
                leaving, ratio = row, self.values[row] / amount
        if leaving < 0:
            return False  # only rounding could bring this: stop with the prices as they are
        pivot_row = [value / through[leaving] for value in self.inverse[leaving]]
        for row, amount in enumerate(through):
            if row != leaving and amount:
                self.inverse[row] = [
                    a - amount * b for a, b in zip(self.inverse[row], pivot_row, strict=True)
                ]
                self.values[row] -= amount * ratio
        self.inverse[leaving] = pivot_row
        self.values[leaving] = ratio
        gain = entering[0]
        self.duals = [dual + gain * weight for dual, weight in zip(duals, pivot_row, strict=True)]
        self.savings[leaving] = saving
        self.basis[leaving] = filling
        self.steps += 1
        return True

    def _best_filling(self, duals: list[float]) -> tuple[float, Filling, dict[int, float], float] | None:
        """The filling whose saving most exceeds what its units are worth at these prices."""
        tops = []
        chosen = []
        for fits in self.units.columns:
            top, best_kind = -math.inf, 0
            for kind, value in fits:
                if value - duals[kind] > top:
                    top, best_kind = value - duals[kind], kind
            tops.append(top)
            chosen.append(best_kind)
        best, best_gain = -1, _EPSILON
        for index, groups in enumerate(self.groups):
            gain = -self.prices[index]
            for slots, column in groups:
                gain += slots * tops[column]
            if gain > best_gain:
                best, best_gain = index, gain
        if best < 0:
            return None
        column_of: dict[int, float] = {}
        for slots, column in self.groups[best]:
            column_of[chosen[column]] = column_of.get(chosen[column], 0.0) + slots
        saving = best_gain + sum(duals[kind] * n for kind, n in column_of.items())
        return best_gain, (best, tuple(chosen[column] for _, column in self.groups[best])), column_of, saving

    def fractions(self) -> tuple[tuple[Filling, float], ...]:
        """The fillings in the basis, with how many meals of each the solution makes."""
        made = [
            (filling, value)
            for filling, value in zip(self.basis, self.values, strict=True)
            if filling is not None
        ]
        whole = ((filling, value) for filling, value in made if _EPSILON < value < math.inf)
        return tuple(sorted(whole, key=_most))


def _most(made: tuple[Filling, float]) -> tuple[float, Filling]:
    return -made[1], made[0]
