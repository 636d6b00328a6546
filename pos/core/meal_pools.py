"""The best deal when slots draw from separate pools: exact, and quick for big orders.

A pool is a set of slots (of one or more combos) that value every unit alike, such
as the drink slot of six meals that all include a Medium drink. When no unit fits
two pools, the best grouping only depends on how many meals of each combo are made:
each pool then gives its best units, so what it adds is the sum of its top values.
A pool that one combo alone uses is settled with that combo; the pools several
combos share are the state of a dynamic programme over the combos.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pos.core.menu import Combo

Column = tuple[int | None, ...]
"""What a slot values each kind of unit at (None: the kind does not fit it)."""


@dataclass(frozen=True)
class Pool:
    column: Column
    top: list[int]
    """top[d]: the sum of the d best values of its units (d up to how many it has)."""
    units: list[int]
    """Its units' kinds, best value first, a kind repeated for each of its units."""


def pooled_meals(
    columns: list[Column], counts: Sequence[int], combos: Sequence[Combo]
) -> list[tuple[int, tuple[int, ...]]] | None:
    """The meals that give the largest saving, each as its combo's index and the kind of unit in
    each slot; None when a unit fits two pools (the general search decides then)."""
    pools, slot_pool = _pools(columns, counts)
    if pools is None:
        return None
    uses: list[dict[int, int]] = []
    position = 0
    for combo in combos:
        used: dict[int, int] = {}
        for _ in combo.slots:
            used[slot_pool[position]] = used.get(slot_pool[position], 0) + 1
            position += 1
        uses.append(used)
    shared = sorted({pool for used in uses for pool in used if sum(pool in other for other in uses) > 1})
    # state: the demand on each shared pool -> (saving so far, meals of each combo so far)
    states: dict[tuple[int, ...], tuple[int, tuple[int, ...]]] = {tuple(0 for _ in shared): (0, ())}
    for combo, used in zip(combos, uses, strict=True):
        following: dict[tuple[int, ...], tuple[int, tuple[int, ...]]] = {}
        for state, (saving, made) in states.items():
            room = min(
                (len(pools[pool].units) - (state[shared.index(pool)] if pool in shared else 0)) // times
                for pool, times in used.items()
            )
            for count in range(room + 1):
                private = sum(
                    pools[pool].top[times * count] for pool, times in used.items() if pool not in shared
                )
                gained = saving - count * combo.price + private
                after = tuple(
                    demand + used.get(pool, 0) * count for demand, pool in zip(state, shared, strict=True)
                )
                if after not in following or following[after][0] < gained:
                    following[after] = (gained, (*made, count))
        states = following
    best_saving, best = 0, tuple(0 for _ in combos)
    for state, (saving, made) in states.items():
        total = saving + sum(pools[pool].top[demand] for pool, demand in zip(shared, state, strict=True))
        if total > best_saving:
            best_saving, best = total, made
    # Each pool hands out its best units first; any order gives the same total.
    taken = [0] * len(pools)
    meals = []
    position = 0
    for index, (combo, times) in enumerate(zip(combos, best, strict=True)):
        slots = slot_pool[position : position + len(combo.slots)]
        position += len(combo.slots)
        for _ in range(times):
            kinds = []
            for pool in slots:
                kinds.append(pools[pool].units[taken[pool]])
                taken[pool] += 1
            meals.append((index, tuple(kinds)))
    return meals


def _pools(columns: list[Column], counts: Sequence[int]) -> tuple[list[Pool] | None, list[int]]:
    distinct: list[Column] = []
    slot_pool = []
    for column in columns:
        if column not in distinct:
            distinct.append(column)
        slot_pool.append(distinct.index(column))
    owner: dict[int, int] = {}
    pools = []
    for index, column in enumerate(distinct):
        fitting = [kind for kind, value in enumerate(column) if value is not None]
        for kind in fitting:
            if owner.setdefault(kind, index) != index:
                return None, slot_pool
        units = sorted(
            (kind for kind in fitting for _ in range(counts[kind])), key=lambda kind: -(column[kind] or 0)
        )
        top = [0]
        for kind in units:
            top.append(top[-1] + (column[kind] or 0))
        pools.append(Pool(column, top, units))
    return pools, slot_pool
