"""The best deal is exact: over generated orders and menus, no grouping costs the customer less."""

from __future__ import annotations

import random
from itertools import permutations

import pytest

from pos.core.best_deal import Loose, best_grouping
from pos.core.menu import Combo, Item, Size, Slot, Window

CATEGORIES = ("main", "side", "drink", "dessert")


def _menu(rng: random.Random) -> tuple[list[Item], list[Combo]]:
    items = []
    for number in range(rng.randint(4, 9)):
        category = CATEGORIES[number % len(CATEGORIES)]
        sizes: tuple[Size, ...]
        if rng.random() < 0.5:
            first = rng.randint(100, 300)
            sizes = (Size("Small", first), Size("Medium", first + 40), Size("Large", first + 90))
        else:
            sizes = (Size(None, rng.randint(99, 499)),)
        items.append(Item(f"I{number}", f"Item {number}", category, sizes))
    combos = []
    for number in range(rng.randint(1, 6)):
        slots = []
        for category in rng.sample(CATEGORIES, rng.randint(2, 3)):
            choices = tuple(item for item in items if item.category == category)
            if not choices:
                continue
            sized = all(item.has_sizes for item in choices)
            slots.append(Slot(category, choices, rng.choice(["Medium", None]) if sized else None))
        if not slots:
            continue
        alone = sum(slot.base for slot in slots)
        combos.append(
            Combo(
                number + 1,
                f"M{number}",
                f"Meal {number}",
                alone - rng.randint(-50, 200),
                tuple(slots),
                (),
                Window(),
            )
        )
    return items, combos


def _order(rng: random.Random, items: list[Item], lines: int, most: int) -> list[Loose]:
    order = []
    for _ in range(lines):
        item = rng.choice(items)
        size = rng.choice(item.sizes)
        price = size.price if rng.random() < 0.8 else size.price - rng.randint(1, 50)  # a discounted add-on
        order.append(Loose(item, size.name, rng.randint(1, most), price))
    return order


def _brute_force(order: list[Loose], combos: list[Combo]) -> int:
    """The lowest total over every way to put units into meals, trying every unit in every slot."""
    units = [(index, line) for index, line in enumerate(order) for _ in range(line.qty)]

    def lowest(left: tuple[int, ...]) -> int:
        if not left:
            return 0
        first, rest = left[0], left[1:]
        best = units[first][1].unit_price + lowest(rest)
        for combo in combos:
            for slot_index, slot in enumerate(combo.slots):
                if not slot.fits(units[first][1].item):
                    continue
                others = [s for i, s in enumerate(combo.slots) if i != slot_index]
                for picked in permutations(rest, len(others)):
                    if not all(slot.fits(units[u][1].item) for slot, u in zip(others, picked, strict=True)):
                        continue
                    filled = [(slot, first), *zip(others, picked, strict=True)]
                    price = combo.price + sum(
                        s.premium(units[u][1].item, units[u][1].size) for s, u in filled
                    )
                    remaining = tuple(u for u in rest if u not in picked)
                    best = min(best, price + lowest(remaining))
        return best

    return lowest(tuple(range(len(units))))


def _total(order: list[Loose], combos: list[Combo]) -> int:
    meals = best_grouping(order, combos)
    used = [0] * len(order)
    for meal in meals:
        for line in meal.lines:
            used[line] += 1
    assert all(used[i] <= line.qty for i, line in enumerate(order)), "a unit in two meals"
    loose = sum(line.unit_price * line.qty for line in order) - sum(
        order[line].unit_price for meal in meals for line in meal.lines
    )
    assert all(meal.saving > 0 for meal in meals)
    return loose + sum(meal.price for meal in meals)


@pytest.mark.parametrize("seed", range(60))
def test_the_grouping_costs_no_more_than_any_other(seed: int) -> None:
    rng = random.Random(seed)
    items, combos = _menu(rng)
    # Up to 12 lines of one unit, or up to 6 lines of up to 2 (brute force grows with the units).
    order = (
        _order(rng, items, rng.randint(1, 12), 1) if seed % 2 else _order(rng, items, rng.randint(1, 6), 2)
    )
    assert _total(order, combos) == _brute_force(order, combos)


def test_the_generated_orders_make_meals() -> None:
    made = 0
    for seed in range(60):
        rng = random.Random(seed)
        items, combos = _menu(rng)
        order = (
            _order(rng, items, rng.randint(1, 12), 1)
            if seed % 2
            else _order(rng, items, rng.randint(1, 6), 2)
        )
        made += bool(best_grouping(order, combos))
    assert made >= 20, "the comparison would prove little if few orders made a meal"


def test_a_meal_is_made_only_when_it_saves() -> None:
    rng = random.Random(5)
    items, combos = _menu(rng)
    dear = [Combo(1, "X", "Dear", 10_000, combo.slots, (), Window()) for combo in combos]
    order = [Loose(item, item.sizes[0].name, 1, item.sizes[0].price) for item in items]
    assert best_grouping(order, dear) == []
