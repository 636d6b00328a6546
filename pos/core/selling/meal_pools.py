"""The best deal when slots draw from separate pools: exact, and quick for big orders.

A pool is a set of slots (of one or more combos) that value every unit alike, such
as the drink slot of six meals that all include a Medium drink. When no unit fits
two pools, the best grouping only depends on how many meals of each combo are made:
each pool then gives its best units, so what it adds is the sum of its top values.
A pool that one combo alone uses is settled with that combo; the pools several
combos share are the state of a dynamic programme over the combos.

That state grows as the product of the shared pools' sizes: three meals that each pair two of
three items (a burger and fries, a burger and a drink, fries and a drink) on an order of 99 of
each keep tens of thousands of states, and take a second. So the programme counts its steps (a number of meals tried for a
combo from a state, counted and never timed, so that an order is grouped the same way on any
till) and gives up past `budget`, leaving the order to the search with its own budget
(`pos.core.selling.deal_search`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pos.core.selling.deal_units import Made, Units


@dataclass(frozen=True)
class Pool:
    top: list[int]
    """top[d]: the sum of the d best values of its units (d up to how many it has)."""
    units: list[int]
    """Its units' kinds, best value first, a kind repeated for each of its units."""


POOL_BUDGET = 10_000
"""Steps of the dynamic programme: about 20 ms. The bundled menu's 30-line orders take under 50; the same
lines of up to 99 units each, up to some 35,000."""


@dataclass(frozen=True)
class Pooled:
    meals: list[Made] | None
    """The meals that give the largest saving; None when a unit fits two pools or the budget ran out
    (the search decides then)."""
    steps: int


def pooled_meals(units: Units, budget: int = POOL_BUDGET) -> list[Made] | None:
    """The meals that give the largest saving; None when a unit fits two pools or the programme would
    take more than `budget` steps (the search decides then)."""
    return pooled(units, budget).meals


def pooled(units: Units, budget: int = POOL_BUDGET) -> Pooled:
    pools, uses = _pools(units)
    if pools is None:
        return Pooled(None, 0)
    steps = 0
    shared = sorted({pool for used in uses for pool in used if sum(pool in other for other in uses) > 1})
    # state: the demand on each shared pool -> (saving so far, meals of each combo so far)
    states: dict[tuple[int, ...], tuple[int, tuple[int, ...]]] = {tuple(0 for _ in shared): (0, ())}
    for shape, used in zip(units.shapes, uses, strict=True):
        following: dict[tuple[int, ...], tuple[int, tuple[int, ...]]] = {}
        for state, (saving, made) in states.items():
            room = min(
                (len(pools[pool].units) - (state[shared.index(pool)] if pool in shared else 0)) // times
                for pool, times in used.items()
            )
            steps += room + 1
            if steps > budget:
                return Pooled(None, steps)
            for count in range(room + 1):
                private = sum(
                    pools[pool].top[times * count] for pool, times in used.items() if pool not in shared
                )
                gained = saving - count * shape.price + private
                after = tuple(
                    demand + used.get(pool, 0) * count for demand, pool in zip(state, shared, strict=True)
                )
                if after not in following or following[after][0] < gained:
                    following[after] = (gained, (*made, count))
        states = following
    best_saving, best = 0, tuple(0 for _ in units.shapes)
    for state, (saving, made) in states.items():
        total = saving + sum(pools[pool].top[demand] for pool, demand in zip(shared, state, strict=True))
        if total > best_saving:
            best_saving, best = total, made
    # Each pool hands out its best units first; any order gives the same total.
    taken = [0] * len(pools)
    meals = []
    for shape, used, times in zip(units.shapes, uses, best, strict=True):
        for _ in range(times):
            kinds = [0] * sum(len(group.slots) for group in shape.groups)
            for group, pool in zip(shape.groups, used, strict=True):
                for slot in group.slots:
                    kinds[slot] = pools[pool].units[taken[pool]]
                    taken[pool] += 1
            meals.append((shape.combo, tuple(kinds)))
    return Pooled(meals, steps)


def _pools(units: Units) -> tuple[list[Pool] | None, list[dict[int, int]]]:
    """The pools (the distinct columns), and for each shape the pool of each of its groups and how many
    slots it has."""
    uses = [{group.column: len(group.slots) for group in shape.groups} for shape in units.shapes]
    owner: dict[int, int] = {}
    pools = []
    for index, column in enumerate(units.columns):
        for kind, _ in column:
            if owner.setdefault(kind, index) != index:
                return None, uses
        ranked = sorted(column, key=lambda fit: -fit[1])
        pool_units = [kind for kind, _ in ranked for _ in range(units.counts[kind])]
        value = dict(column)
        top = [0]
        for kind in pool_units:
            top.append(top[-1] + value[kind])
        pools.append(Pool(top, pool_units))
    return pools, uses
