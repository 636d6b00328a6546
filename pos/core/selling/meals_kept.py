"""Which meals the best deal keeps when the order has threshold deals: meal prices can take it under
a threshold, so the meals kept are those that make the total lowest with the rewards it then earns
(the most meals of equal totals)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import product

from pos.core.selling.order import MealLine

MEALS_WEIGHED_TOGETHER = 10
"""Up to this many meals made at payment, every choice of them is weighed against the rewards."""


def not_worth_it(spent: int, made: list[MealLine], total_at: Callable[[int], int]) -> list[MealLine]:
    """The meals of `made` to leave as loose lines for the lowest total (`total_at` what the order
    would cost if it spent that before rewards; it spends `spent` now): every choice of them when
    few, else one at a time, the least saving first."""
    undone = [sum(line.total for line in meal.loose) - meal.price for meal in made]
    if len(made) <= MEALS_WEIGHED_TOGETHER:
        choices = (
            [meal for meal, out in zip(made, mask, strict=True) if out]
            for mask in product((False, True), repeat=len(made))
        )
        return min(choices, key=lambda out: (total_at(spent + _sum(out, made, undone)), len(out)))
    dropped: list[MealLine] = []
    for meal in sorted(made, key=lambda meal: meal.saving):
        if total_at(spent + _sum([*dropped, meal], made, undone)) < total_at(
            spent + _sum(dropped, made, undone)
        ):
            dropped.append(meal)
    return dropped


def _sum(out: list[MealLine], made: list[MealLine], undone: list[int]) -> int:
    """What leaving `out` loose adds to what the order spends."""
    return sum(extra for meal, extra in zip(made, undone, strict=True) if meal in out)
