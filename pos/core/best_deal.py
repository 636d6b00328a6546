"""The best deal at payment: loose lines grouped into meals so that the customer pays least.

Every unit of a loose line (a line of 2 colas is two units) may fill one slot of a
combo; a meal costs the combo's price plus its slots' premiums, and is worth making
only when that is less than its units cost alone. Which meals to make is a packing
problem, solved exactly either way, so it never returns a grouping that costs the
customer more than another (`tests/unit/test_best_deal.py` checks it against
brute force). Units that every slot values alike are one kind. When the slots draw
from separate pools of kinds, as on most menus, `pos.core.meal_pools` settles it
with a dynamic programme over the combos; otherwise a search over the patterns a
meal can take, each made as often as the units allow and then fewer times,
memoised on what is left and pruned by what the rest could still save.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import product

from pos.core.meal_pools import pooled_meals
from pos.core.menu import Combo, Item


@dataclass(frozen=True, slots=True)
class Loose:
    """An order line as the grouping sees it."""

    item: Item
    size: str | None
    qty: int
    unit_price: int


@dataclass(frozen=True, slots=True)
class Meal:
    combo: Combo
    lines: tuple[int, ...]
    """For each slot, the index of the loose line one unit of which fills it."""
    price: int
    """The combo's price and its slots' premiums."""
    saving: int
    """What its units cost alone, less `price`."""


@dataclass(frozen=True, slots=True)
class _Pattern:
    combo: Combo
    kinds: tuple[int, ...]
    """The kind of unit in each slot."""
    saving: int


def best_grouping(lines: Sequence[Loose], combos: Sequence[Combo]) -> list[Meal]:
    """The meals that make the order's total lowest (none when no meal saves anything)."""
    slots = [(combo, slot) for combo in combos for slot in combo.slots]
    # Units that every slot of every combo values alike are one kind: a Small Cola and a Small
    # Lemonade at the same price fill a drink slot equally well.
    signatures: list[tuple[int | None, ...]] = []
    line_of_kind: list[list[int]] = []
    counts: list[int] = []
    for index, line in enumerate(lines):
        signature = tuple(
            line.unit_price - slot.premium(line.item, line.size) if slot.fits(line.item) else None
            for _, slot in slots
        )
        if all(value is None for value in signature):
            continue  # fills no slot: stays loose
        if signature in signatures:
            kind = signatures.index(signature)
            counts[kind] += line.qty
            line_of_kind[kind].append(index)
        else:
            signatures.append(signature)
            counts.append(line.qty)
            line_of_kind.append([index])
    columns = [tuple(signature[position] for signature in signatures) for position in range(len(slots))]
    pooled = pooled_meals(columns, counts, combos)
    if pooled is not None:
        made = [(combos[index], kinds) for index, kinds in pooled]
    else:
        patterns = _patterns(signatures, combos)
        made = (
            [(patterns[p].combo, patterns[p].kinds) for p in _search(tuple(counts), patterns)]
            if patterns
            else []
        )
    return _meals(made, lines, line_of_kind)


def _patterns(signatures: list[tuple[int | None, ...]], combos: Sequence[Combo]) -> list[_Pattern]:
    """Every way to fill a combo with kinds of unit that saves the customer something, best first."""
    patterns = []
    column = 0
    for combo in combos:
        fitting = [
            [
                (kind, signature[column + s])
                for kind, signature in enumerate(signatures)
                if signature[column + s] is not None
            ]
            for s in range(len(combo.slots))
        ]
        column += len(combo.slots)
        for filled in product(*fitting):
            saving = sum(value for _, value in filled if value is not None) - combo.price
            if saving > 0:
                patterns.append(_Pattern(combo, tuple(kind for kind, _ in filled), saving))
    return sorted(patterns, key=lambda pattern: -pattern.saving)


def _search(counts: tuple[int, ...], patterns: list[_Pattern]) -> tuple[int, ...]:
    """How many times to make each pattern (by index, repeated) for the largest saving.

    A search over the patterns in turn, each made as often as the units left allow
    and then fewer times down to none; units in no meal stay loose. A branch stops
    when even every unit left at its best share of a meal could not beat the best
    saving found for the same patterns and units left.
    """
    needs = [_needs(pattern, len(counts)) for pattern in patterns]
    # share[i][k]: the most that one unit of kind k can save in patterns i and after.
    share = [[0.0] * len(counts) for _ in range(len(patterns) + 1)]
    for i in range(len(patterns) - 1, -1, -1):
        share[i] = list(share[i + 1])
        per_unit = patterns[i].saving / len(patterns[i].kinds)
        for kind, _ in needs[i]:
            share[i][kind] = max(share[i][kind], per_unit)

    @cache
    def best(i: int, left: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
        if i == len(patterns):
            return 0, ()
        need = needs[i]
        most = min(left[kind] // n for kind, n in need)
        top: int = -1
        used: tuple[int, ...] = ()
        for times in range(most, -1, -1):
            after = list(left)
            for kind, n in need:
                after[kind] -= n * times
            gained = patterns[i].saving * times
            if gained + sum(c * share[i + 1][k] for k, c in enumerate(after)) <= top:
                continue
            saving, rest = best(i + 1, tuple(after))
            if gained + saving > top:
                top, used = gained + saving, (i,) * times + rest
        return top, used

    _, used = best(0, counts)
    best.cache_clear()
    return used


def _needs(pattern: _Pattern, kinds: int) -> tuple[tuple[int, int], ...]:
    counted = [0] * kinds
    for kind in pattern.kinds:
        counted[kind] += 1
    return tuple((kind, n) for kind, n in enumerate(counted) if n)


def _bound(left: list[int], share: list[float]) -> float:
    """No grouping of these units saves more than each unit's best share of a meal's saving."""
    return sum(count * share[kind] for kind, count in enumerate(left))


def _meals(
    made: list[tuple[Combo, tuple[int, ...]]], lines: Sequence[Loose], line_of_kind: list[list[int]]
) -> list[Meal]:
    """The meals made, each slot given a line of its kind that still has a unit free."""
    free = [line.qty for line in lines]
    meals = []
    for combo, kinds in made:
        chosen = []
        for kind in kinds:
            line = next(index for index in line_of_kind[kind] if free[index])
            free[line] -= 1
            chosen.append(line)
        units = [lines[line] for line in chosen]
        price = combo.price + sum(
            slot.premium(unit.item, unit.size) for slot, unit in zip(combo.slots, units, strict=True)
        )
        meals.append(Meal(combo, tuple(chosen), price, sum(unit.unit_price for unit in units) - price))
    return meals
