"""The best deal is exact: over generated orders and menus, no grouping costs the customer less.

Where the search decides (slots that value the same units unlike), it is exact within its budget
and never costs the customer more than leaving the lines loose past it, and the same order is
grouped the same way every time.
"""

from __future__ import annotations

import io
import random
from functools import cache
from itertools import permutations, product
from pathlib import Path

import pytest
from rich.console import Console

from pos.commands import menu_check
from pos.core.selling.best_deal import POOL_BUDGET, SEARCH_BUDGET, Loose, Meal, best_grouping
from pos.core.selling.deal_clashes import clashes
from pos.core.selling.deal_relaxation import relax
from pos.core.selling.deal_search import search
from pos.core.selling.deal_units import order_units
from pos.core.selling.meal_pools import pooled, pooled_meals
from pos.core.selling.menu import Combo, Item, Size, Slot, Window
from pos.core.selling.menu_loader import load_menu
from tests.support.deal_menus import (
    BUNDLED,
    FAMILY_BOX,
    family_box_menu,
    generated_menu,
    nine_lines,
    random_order,
)

CATEGORIES = ("main", "side", "drink", "dessert")


def _menu(rng: random.Random, repeat: bool = False) -> tuple[list[Item], list[Combo]]:
    """Items and combos at random; with `repeat`, a combo may have two slots of one category."""
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
        categories = rng.sample(CATEGORIES, rng.randint(2, 3))
        if repeat and rng.random() < 0.5:
            categories.insert(1, categories[0])
        for position, category in enumerate(categories):
            choices = tuple(item for item in items if item.category == category)
            if not choices:
                continue
            sized = all(item.has_sizes for item in choices)
            size = rng.choice(["Medium", None]) if sized else None
            slots.append(Slot(f"{category} {position}", choices, size))
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
    return _checked(order, best_grouping(order, combos))


def _checked(order: list[Loose], meals: list[Meal]) -> int:
    """The order's total with these meals, each checked: its slots filled by units that fit them, its
    price the combo's and the premiums, a saving, no unit in two meals."""
    used = [0] * len(order)
    for meal in meals:
        assert len(meal.lines) == len(meal.combo.slots)
        units = [order[line] for line in meal.lines]
        assert all(slot.fits(unit.item) for slot, unit in zip(meal.combo.slots, units, strict=True))
        premiums = sum(
            slot.premium(unit.item, unit.size) for slot, unit in zip(meal.combo.slots, units, strict=True)
        )
        assert meal.price == meal.combo.price + premiums
        assert meal.saving == sum(unit.unit_price for unit in units) - meal.price > 0
        for line in meal.lines:
            used[line] += 1
    assert all(used[i] <= line.qty for i, line in enumerate(order)), "a unit in two meals"
    loose = sum(line.unit_price * line.qty for line in order) - sum(
        order[line].unit_price for meal in meals for line in meal.lines
    )
    return loose + sum(meal.price for meal in meals)


def _lowest_total(order: list[Loose], combos: list[Combo]) -> int:
    """The lowest total, exhaustively: the first unit left stays loose or fills a slot of a meal whose
    other slots take any units left; remembered by the units left of each line."""

    @cache
    def lowest(left: tuple[int, ...]) -> int:
        first = next((index for index, count in enumerate(left) if count), None)
        if first is None:
            return 0
        after = list(left)
        after[first] -= 1
        best = order[first].unit_price + lowest(tuple(after))
        for combo in combos:
            fitting = [
                [i for i, line in enumerate(order) if left[i] and slot.fits(line.item)]
                for slot in combo.slots
            ]
            for fill in product(*fitting):
                if first not in fill or any(fill.count(i) > left[i] for i in fill):
                    continue
                rest = list(left)
                for i in fill:
                    rest[i] -= 1
                premiums = sum(
                    slot.premium(order[i].item, order[i].size)
                    for slot, i in zip(combo.slots, fill, strict=True)
                )
                best = min(best, combo.price + premiums + lowest(tuple(rest)))
        return best

    return lowest(tuple(line.qty for line in order))


def _loose(order: list[Loose]) -> int:
    return sum(line.unit_price * line.qty for line in order)


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


@pytest.mark.parametrize("seed", range(40))
def test_meals_with_two_slots_alike_cost_no_more_than_any_other(seed: int) -> None:
    """Two burger slots in one meal, beside meals that take the same items at other sizes: the search."""
    rng = random.Random(1000 + seed)
    items, combos = _menu(rng, repeat=True)
    order = _order(rng, items, rng.randint(1, 9), 1) if seed % 2 else _order(rng, items, rng.randint(1, 5), 2)
    assert _total(order, combos) == _lowest_total(order, combos)


@pytest.mark.parametrize("seed", range(60))
def test_the_search_alone_finds_the_lowest_total(seed: int) -> None:
    """The search on every order, pools or not: what it saves is what the exhaustive grouping saves."""
    rng = random.Random(2000 + seed)
    items, combos = _menu(rng, repeat=True)
    order = _order(rng, items, rng.randint(1, 9), 1) if seed % 2 else _order(rng, items, rng.randint(1, 5), 2)
    units = order_units(order, combos)
    found = search(units, relax(units, 200), SEARCH_BUDGET)
    assert found.proven
    assert found.saving == _loose(order) - _lowest_total(order, combos)


def test_the_family_box_order_that_froze_payment_is_grouped_exactly() -> None:
    menu = family_box_menu()
    combos = list(menu.combos.values())
    order = nine_lines(menu)
    units = order_units(order, combos)
    assert pooled_meals(units) is None, (
        "the Family Box's slots value the same units unlike: the search decides"
    )
    assert search(units, relax(units, 200), SEARCH_BUDGET).proven
    total = _total(order, combos)
    assert total == _lowest_total(order, combos)
    assert total < _loose(order)


@pytest.mark.parametrize("seed", range(12))
def test_family_box_orders_cost_no_more_than_any_other(seed: int) -> None:
    menu = family_box_menu()
    combos = list(menu.combos.values())
    rng = random.Random(seed)
    order = random_order(rng, menu, rng.randint(4, 8))
    assert _total(order, combos) == _lowest_total(order, combos)


def test_30_lines_on_a_menu_of_50_meals_of_6_slots_never_cost_more_than_loose() -> None:
    menu = generated_menu(1)
    combos = list(menu.combos.values())
    rng = random.Random(2)
    for _ in range(20):
        order = random_order(rng, menu)
        meals = best_grouping(order, combos)
        assert _checked(order, meals) <= _loose(order)
        assert best_grouping(order, combos) == meals, "the same order, grouped the same way"


@pytest.mark.parametrize("budget", [0, 1, 10, 100, 1000])
def test_past_its_budget_the_search_keeps_the_best_grouping_found_never_dearer_than_loose(
    budget: int,
) -> None:
    menu = generated_menu(1)
    combos = list(menu.combos.values())
    rng = random.Random(3)
    proven = []
    for _ in range(8):
        order = random_order(rng, menu)
        units = order_units(order, combos)
        found = search(units, relax(units, 200), budget)
        again = search(units, relax(units, 200), budget)
        assert (found.meals, found.saving, found.proven) == (again.meals, again.saving, again.proven)
        assert found.saving >= 0
        used = [0] * len(units.counts)
        saving = 0
        for index, kinds in found.meals:
            combo = combos[index]
            saving -= combo.price
            for slot, kind in zip(combo.slots, kinds, strict=True):
                unit = order[units.lines[kind][0]]
                assert slot.fits(unit.item)
                saving += unit.unit_price - slot.premium(unit.item, unit.size)
                used[kind] += 1
        assert all(n <= count for n, count in zip(used, units.counts, strict=True)), "a unit in two meals"
        assert saving == found.saving
        proven.append(found.proven)
    if budget <= 10:
        assert not all(proven), "so small a budget should run out on these orders"


@pytest.mark.parametrize("seed", range(10))
def test_the_search_finds_what_the_pools_find(seed: int) -> None:
    """On the bundled menu the pools decide; the search, given the same 30 lines, saves as much."""
    menu = family_box_menu()
    combos = [combo for combo in menu.combos.values() if combo.code != "F1"]
    order = random_order(random.Random(seed), menu)
    units = order_units(order, combos)
    assert pooled_meals(units) is not None
    found = search(units, relax(units, 200), SEARCH_BUDGET)
    assert found.proven
    assert found.saving == _loose(order) - _total(order, combos)


def test_menu_check_warns_of_the_meals_that_send_orders_to_the_search(tmp_path: Path) -> None:
    (warning,) = family_box_menu().warnings
    assert warning.startswith("family_box.toml:") and 'combo "F1", field "slots"' in warning
    assert 'meals "31", "33" and "34"' in warning and "its other slots" in warning
    menu = tmp_path / "family.toml"
    menu.write_text(BUNDLED.read_text(encoding="utf-8") + FAMILY_BOX, encoding="utf-8")
    printed = io.StringIO()
    assert menu_check.run(menu, Console(file=printed, width=400)) == 0
    assert 'combo "F1", field "slots": takes Cheeseburger' in printed.getvalue()
    assert "best grouping found within it" in printed.getvalue()


def test_menus_whose_slots_value_items_alike_get_no_warning() -> None:
    assert load_menu(BUNDLED).warnings == ()


def _paired(items: int) -> tuple[list[Item], list[Combo]]:
    """B 5.00, S 3.00, D 2.00 (and E 1.50) and a meal of every two of them, each $1.00 below the pair:
    meals that share their pools two by two (`pos menu check` gives no warning)."""
    codes = ("B", "S", "D", "E")[:items]
    prices = {"B": 500, "S": 300, "D": 200, "E": 150}
    made = [Item(code, code, CATEGORIES[n], (Size(None, prices[code]),)) for n, code in enumerate(codes)]
    combos = [
        Combo(
            len(made) * n + m,
            first.code + second.code,
            f"{first.name} and {second.name}",
            prices[first.code] + prices[second.code] - 100,
            (Slot("one", (first,), None), Slot("two", (second,), None)),
            (),
            Window(),
        )
        for n, first in enumerate(made)
        for m, second in enumerate(made)
        if n < m
    ]
    return made, combos


@pytest.mark.parametrize(
    ("items", "qty", "times", "meals"),
    [(3, 99, 1, 148), (3, 99, 2, 297), (4, 40, 1, 80), (4, 99, 2, 396)],
)
def test_meals_sharing_pools_two_by_two_take_bounded_steps(
    items: int, qty: int, times: int, meals: int
) -> None:
    """The paired menu's big orders (that froze F10 for 1 s to 72 s) give up the pools within their budget;
    the search, within its own, finds the most meals (each saves $1.00)."""
    made, combos = _paired(items)
    order = [Loose(item, None, qty, item.sizes[0].price) for _ in range(times) for item in made]
    units = order_units(order, combos)
    tried = pooled(units, POOL_BUDGET)
    assert tried.meals is None
    assert tried.steps <= POOL_BUDGET + len(order) * qty
    found = search(units, relax(units, 30), SEARCH_BUDGET)
    assert found.steps <= 2 * SEARCH_BUDGET
    grouped = best_grouping(order, combos)
    assert _checked(order, grouped) == _loose(order) - 100 * meals
    assert len(grouped) == meals


@pytest.mark.parametrize("seed", range(30))
def test_meals_sharing_pools_two_by_two_cost_no_more_than_any_other(seed: int) -> None:
    """Small orders on the paired menus: the pools, exact within their budget; and past it (a budget of a
    few steps) the search: both as low as the exhaustive grouping."""
    rng = random.Random(3000 + seed)
    made, combos = _paired(rng.choice([3, 4]))
    order = [
        Loose(item, None, rng.randint(0, 4), item.sizes[0].price)
        for item in made
        for _ in range(rng.randint(1, 2))
    ]
    order = [line for line in order if line.qty] or [Loose(made[0], None, 1, made[0].sizes[0].price)]
    lowest = _lowest_total(order, combos)
    assert _total(order, combos) == lowest
    units = order_units(order, combos)
    if units.shapes:
        assert pooled(units, POOL_BUDGET).meals is not None, "a small order stays with the pools"
        tried = pooled(units, 3)
        assert tried.meals is None or tried.steps <= 3
        found = search(units, relax(units, 30), SEARCH_BUDGET)
        assert found.saving == _loose(order) - lowest


def test_menus_that_pair_their_meals_get_no_warning() -> None:
    _, combos = _paired(4)
    assert all(combo.saving > 0 for combo in combos)
    assert clashes(combos) == []
