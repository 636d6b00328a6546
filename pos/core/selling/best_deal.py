"""The best deal at payment: loose lines grouped into meals so that the customer pays least.

Every unit of a loose line (a line of 2 colas is two units) may fill one slot of a
combo; a meal costs the combo's price plus its slots' premiums, and is worth making
only when that is less than its units cost alone. Which meals to make is a packing
problem (`pos.core.selling.deal_units` sets it out). When the slots draw from separate pools
of units, as on most menus, `pos.core.selling.meal_pools` settles it exactly with a dynamic
programme over the combos, within a budget of steps (meals that share several pools
make its states many on a large order). Otherwise, or past that budget, a
branch-and-bound search does (`pos.core.selling.deal_search`), bounded by the linear
relaxation's unit prices (`pos.core.selling.deal_relaxation`): exact within a budget of
steps, counted and not timed (so that an order is grouped the same way on any
till), which keeps 30 lines under about 5 ms, 30 lines of 99 units each under
about 40 ms with the programme's budget spent first. Past it the search returns
the best grouping found so far, never dearer than leaving the lines loose; `pos
menu check` warns of the meals that call for the search on any large order
(`pos.core.selling.deal_clashes`). `tests/unit/test_best_deal.py` checks the grouping
against brute force.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pos.core.selling.deal_relaxation import relax
from pos.core.selling.deal_search import search
from pos.core.selling.deal_units import Loose, Made, order_units
from pos.core.selling.meal_pools import POOL_BUDGET, pooled_meals
from pos.core.selling.menu import Combo

__all__ = ["POOL_BUDGET", "RELAXATION_PIVOTS", "SEARCH_BUDGET", "Loose", "Meal", "best_grouping"]

RELAXATION_PIVOTS = 30
"""Steps of the simplex method for the search's bound (a 30-line order needs 5 to 30)."""
SEARCH_BUDGET = 2_000
"""Steps of the search: about 2.5 ms; with the relaxation, 30 lines take at most about 5 ms."""


@dataclass(frozen=True, slots=True)
class Meal:
    combo: Combo
    lines: tuple[int, ...]
    """For each slot, the index of the loose line one unit of which fills it."""
    price: int
    """The combo's price and its slots' premiums."""
    saving: int
    """What its units cost alone, less `price`."""


def best_grouping(lines: Sequence[Loose], combos: Sequence[Combo]) -> list[Meal]:
    """The meals that make the order's total lowest (none when no meal saves anything)."""
    units = order_units(lines, combos)
    if not units.shapes:
        return []
    made = pooled_meals(units, POOL_BUDGET)
    if made is None:
        made = search(units, relax(units, RELAXATION_PIVOTS), SEARCH_BUDGET).meals
    return _meals(made, lines, units.lines, combos)


def _meals(
    made: list[Made],
    lines: Sequence[Loose],
    line_of_kind: tuple[tuple[int, ...], ...],
    combos: Sequence[Combo],
) -> list[Meal]:
    """The meals made, each slot given a line of its kind that still has a unit free; a meal that
    would save nothing is left out (its units stay loose, which costs no more)."""
    free = [line.qty for line in lines]
    meals = []
    for index, kinds in made:
        combo = combos[index]
        chosen = []
        for kind in kinds:
            line = next(number for number in line_of_kind[kind] if free[number])
            free[line] -= 1
            chosen.append(line)
        units = [lines[line] for line in chosen]
        price = combo.price + sum(
            slot.premium(unit.item, unit.size) for slot, unit in zip(combo.slots, units, strict=True)
        )
        saving = sum(unit.unit_price for unit in units) - price
        if saving > 0:
            meals.append(Meal(combo, tuple(chosen), price, saving))
        else:
            for line in chosen:
                free[line] += 1
    return meals
