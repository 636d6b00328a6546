"""The best grouping when slots value the same units unlike: a branch-and-bound search, with a budget.

The search takes the kinds of unit in turn, those with fewest units first: either
one more meal is made with a unit of the kind, or the kind's units left stay loose,
and with them those of the kinds it beats (it fits every slot they fit and is worth
as much there: a meal with one of them would save no less with the kind instead). A
branch is dropped when what it has saved plus the relaxation's prices of the units
it has left (`pos.core.selling.deal_relaxation`) cannot beat the best grouping found. The
meals a branch may make are listed slot by slot, the units that save most against
their price first, and a filling is dropped as soon as it must fall short in the
same way. Meals made in another order leave the same units, which are remembered
with the most saved on the way there. An explicit stack, no recursion.

The search starts from a good grouping (`pos.core.selling.deal_start`) and stops after
`budget` steps (a unit tried in a slot, a meal listed, a branch taken: counted,
never timed, so that the same order is grouped the same way on any till). It then
returns the best grouping found so far, which never costs the customer more than
leaving the lines loose.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from pos.core.selling.deal_relaxation import SCALE, Relaxation
from pos.core.selling.deal_start import Meal, start
from pos.core.selling.deal_units import Made, Units

Meals = tuple[Meal, "Meals"] | None
"""The meals made on a branch, the last first."""


@dataclass(frozen=True, slots=True)
class Found:
    meals: list[Made]
    saving: int
    proven: bool
    """False when the budget ran out before the search could show that no grouping saves more."""
    steps: int = 0
    """The steps taken: at most the budget and one branch's children."""


class _Plan(NamedTuple):
    """What one shape's fillings with a unit of a kind may save, per group of its slots."""

    groups: list[tuple[int, int, int]]
    """Each group's column, slots and share."""
    best: list[int]
    """What the group's best unit left saves against its price and the slot's share."""
    rest: list[int]
    """rest[g]: what the groups from g on save at most against their units' prices."""
    where: list[int]
    """where[g]: the position of the kind in group g's column (-1: not there)."""
    later: list[bool]
    """later[g]: a group after g takes the kind."""
    price: int
    """The shape's price."""


class _Node(NamedTuple):
    bound: int
    """What the branch saves at most, in 1/60 cent: what it has saved and the prices of its units left."""
    saved: int
    left: tuple[int, ...]
    meals: Meals


def search(units: Units, relaxation: Relaxation, budget: int) -> Found:
    return _Search(units, relaxation, budget).run()


class _Search:
    def __init__(self, units: Units, relaxation: Relaxation, budget: int) -> None:
        self.units = units
        self.relaxation = relaxation
        self.budget = budget
        self.steps = 0
        prices = self.prices = relaxation.prices
        # The kinds with fewest units first (fewer branches), the dearest first among them.
        counts = units.counts
        self.order = sorted(range(len(prices)), key=lambda kind: (counts[kind], -prices[kind]))
        # Per column: (what a unit is worth there less its price, kind, worth), the most first. Less
        # the share of the combo's price a slot carries, it is what the unit saves against its price.
        self.columns = [
            sorted(((value * SCALE - prices[kind], kind, value) for kind, value in column), key=_first)
            for column in units.columns
        ]
        # Per shape, each group's column, slots and share.
        self.groups = [
            [
                (group.column, len(group.slots), share)
                for group, share in zip(shape.groups, split, strict=True)
            ]
            for shape, split in zip(units.shapes, relaxation.shares, strict=True)
        ]
        # Per kind: the shapes it fits, with the most a meal of it that holds a unit of the kind saves
        # against its units' prices, the most first.
        self.shapes_of: list[list[tuple[int, int]]] = [[] for _ in prices]
        for index, groups in enumerate(self.groups):
            most = sum(slots * (self.columns[column][0][0] - share) for column, slots, share in groups)
            holding: dict[int, int] = {}
            for column, _, _ in groups:
                top = self.columns[column][0][0]
                for reduced, kind, _ in self.columns[column]:
                    holding[kind] = max(holding.get(kind, reduced - top), reduced - top)
            for kind, cost in holding.items():
                self.shapes_of[kind].append((most + cost, index))
        for shapes in self.shapes_of:
            shapes.sort(key=lambda entry: (-entry[0], entry[1]))
        # Per column, the position of each kind among its entries.
        self.positions = [{entry[1]: at for at, entry in enumerate(entries)} for entries in self.columns]
        self.beaten = _beaten(units)

    def run(self) -> Found:
        meals, best_saving = start(self.units, self.relaxation)
        best: Meals = None
        for meal in meals:
            best = (meal, best)
        counts = self.units.counts
        worth = sum(price * count for price, count in zip(self.prices, counts, strict=True))
        stack = [_Node(worth, 0, counts, None)]
        seen: dict[tuple[int, ...], int] = {}
        while stack:
            node = stack.pop()
            if node.saved > best_saving:
                best_saving, best = node.saved, node.meals
            if node.bound < (best_saving + 1) * SCALE or seen.get(node.left, -1) >= node.saved:
                continue
            seen[node.left] = node.saved
            self.steps += 1
            children = sorted(self._children(node, best_saving), key=_promise)
            if self.steps > self.budget:
                return Found(self._made(best), best_saving, proven=False, steps=self.steps)
            stack += children
        return Found(self._made(best), best_saving, proven=True, steps=self.steps)

    def _children(self, node: _Node, best_saving: int) -> Iterator[_Node]:
        left = node.left
        kind = next((kind for kind in self.order if left[kind]), None)
        if kind is None:
            return
        # The kind's units left stay loose, and so do those of the kinds it beats: a meal with one of
        # them would save no less with a loose unit of the kind instead.
        loose = list(left)
        worth = node.bound
        for other in (kind, *self.beaten[kind]):
            worth -= self.prices[other] * loose[other]
            loose[other] = 0
        yield _Node(worth, node.saved, tuple(loose), node.meals)
        # What a meal must save against its units' prices (at most 0) for the branch to beat the best.
        floor = (best_saving + 1) * SCALE - node.bound
        tops: dict[int, tuple[int, int]] = {}
        for most, index in self.shapes_of[kind]:
            if most < floor:
                break
            for kinds, saving in self._fillings(index, kind, left, floor, tops):
                after = list(left)
                for used in kinds:
                    after[used] -= 1
                bound = node.bound + saving * SCALE - sum(self.prices[used] for used in kinds)
                self.steps += 1
                yield _Node(bound, node.saved + saving, tuple(after), ((index, kinds), node.meals))

    def _fillings(
        self, index: int, kind: int, left: tuple[int, ...], floor: int, tops: dict[int, tuple[int, int]]
    ) -> Iterator[tuple[tuple[int, ...], int]]:
        """The ways to fill the shape's slots with the units left, one of them of `kind`, that save at
        least `floor` against their prices and the slots' shares: the kinds in its slots and what the
        meal saves. `tops` keeps each column's best unit left and how many units fit it."""
        plan = self._plan(index, kind, left, floor, tops)
        if plan is not None:
            yield from self._walk(plan, kind, left, floor)

    def _plan(
        self, index: int, kind: int, left: tuple[int, ...], floor: int, tops: dict[int, tuple[int, int]]
    ) -> _Plan | None:
        """The bounds of the shape's fillings with a unit of `kind`; None when none can save `floor`."""
        groups = self.groups[index]
        self.steps += len(groups)
        best = []
        where = []
        # What a unit of `kind` in the group that suits it best loses against the group's best unit.
        holding = None
        for column, slots, share in groups:
            if column not in tops:
                present = [entry for entry in self.columns[column] if left[entry[1]]]
                tops[column] = (present[0][0] if present else 0, sum(left[entry[1]] for entry in present))
            top, fitting = tops[column]
            if fitting < slots:
                return None
            best.append(top - share)
            at = self.positions[column].get(kind, -1)
            where.append(at)
            if at >= 0 and (holding is None or self.columns[column][at][0] - top > holding):
                holding = self.columns[column][at][0] - top
        rest = [0] * (len(groups) + 1)
        for position in range(len(groups) - 1, -1, -1):
            rest[position] = rest[position + 1] + best[position] * groups[position][1]
        if holding is None or rest[0] + holding < floor:
            return None
        later = [False] * len(groups)
        for position in range(len(groups) - 2, -1, -1):
            later[position] = later[position + 1] or where[position + 1] >= 0
        return _Plan(groups, best, rest, where, later, self.units.shapes[index].price)

    def _walk(
        self, plan: _Plan, kind: int, left: tuple[int, ...], floor: int
    ) -> Iterator[tuple[tuple[int, ...], int]]:
        """The fillings the plan allows, slot by slot, the entries that save most first (`_fillings`)."""
        groups, best, rest, where, later, price = plan
        used: dict[int, int] = {}
        picked: list[tuple[int, int]] = []
        steps = 0
        # A frame: the group and how many of its slots are filled, the entry to try next, what the
        # picks so far save against their prices, and whether one is of `kind`. Each frame but the
        # first was opened by a pick.
        frames = [[0, 0, 0, 0, False]]
        while frames:
            frame = frames[-1]
            group, filled, first, saved, has = frame
            column, slots, share = groups[group]
            entries = self.columns[column]
            after = (slots - filled - 1) * best[group] + rest[group + 1]
            opened = False
            for position in range(first, len(entries)):
                steps += 1
                reduced, unit, value = entries[position]
                if left[unit] <= used.get(unit, 0):
                    continue
                reduced -= share
                if saved + reduced + after < floor:
                    break  # the entries after it save less still
                holds = has or unit == kind
                if not (holds or later[group] or (filled + 1 < slots and where[group] > position)):
                    continue  # no slot left could take `kind`
                used[unit] = used.get(unit, 0) + 1
                picked.append((unit, value))
                if filled + 1 == slots and group + 1 == len(groups):
                    if holds:
                        worth = sum(value for _, value in picked)
                        yield tuple(unit for unit, _ in picked), worth - price
                    used[unit] -= 1
                    picked.pop()
                    continue
                frame[2] = position + 1
                if filled + 1 < slots:
                    again = position if left[unit] > used[unit] else position + 1
                    frames.append([group, filled + 1, again, saved + reduced, holds])
                else:
                    frames.append([group + 1, 0, 0, saved + reduced, holds])
                opened = True
                break
            if not opened:
                frames.pop()
                if picked:
                    unit, _ = picked.pop()
                    used[unit] -= 1
        self.steps += steps

    def _made(self, meals: Meals) -> list[Made]:
        made = []
        while meals is not None:
            (index, kinds), meals = meals
            shape = self.units.shapes[index]
            slots = [0] * len(kinds)
            positions = [slot for group in shape.groups for slot in group.slots]
            for slot, kind in zip(positions, kinds, strict=True):
                slots[slot] = kind
            made.append((shape.combo, tuple(slots)))
        made.reverse()
        return made


def _beaten(units: Units) -> list[list[int]]:
    """For each kind, the kinds it beats: it fits every slot they fit, and is worth as much there;
    more somewhere, or else it comes first."""
    worth: list[dict[int, int]] = [{} for _ in units.counts]
    for column, fits in enumerate(units.columns):
        for kind, value in fits:
            worth[kind][column] = value
    return [
        [
            other
            for other, theirs in enumerate(worth)
            if other != kind
            and theirs.keys() <= mine.keys()
            and all(mine[column] >= value for column, value in theirs.items())
            and (theirs != mine or kind < other)
        ]
        for kind, mine in enumerate(worth)
    ]


def _promise(node: _Node) -> tuple[int, int]:
    """Children are searched the most promising first: the highest bound, then the most saved."""
    return node.bound, node.saved


def _first(entry: tuple[int, int, int]) -> tuple[int, int]:
    return -entry[0], entry[1]
