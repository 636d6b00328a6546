"""The best deal for an order of 30 lines: the goal is under 5 ms (issue: meals).

Two menus: the version 1 burger menu with six meals added that share their side
and drink slots, and the bundled burger menu as shipped (four meals, a premium
side and drink). Orders of 30 lines drawn from each (mains, sides and drinks in
several sizes, some lines of 2). Prints the median and the slowest of the orders,
each the median of several runs.

    python3 benchmarks/best_deal.py [--orders 50] [--runs 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pos.core.best_deal import Loose, best_grouping
from pos.core.menu import Menu
from pos.core.menu_loader import load_menu

ROOT = Path(__file__).resolve().parent.parent
V1_MENU = ROOT / "tests" / "menus" / "burger_counter_v1.toml"
BUNDLED = ROOT / "menus" / "burger_counter.toml"
MEALS = """
[[combo]]
code = "{code}"
name = "{name} Meal"
price = "{price}"
slots = [
  {{ name = "main", choose = ["{main}"] }},
  {{ name = "side", choose = ["20"], size = "Medium" }},
  {{ name = "drink", choose = ["category:drink"] }},
]
"""


UNLIKE = """
[[combo]]
code = "M9"
name = "Any Burger Meal"
price = "6.99"
slots = [
  { name = "main",  choose = ["category:burger"] },
  { name = "side",  choose = ["20", "21", "22"] },
  { name = "drink", choose = ["category:drink"] },
]
"""
"""A meal whose side and drink slots take the bundled meals' items at other sizes: the slots value
the same units unlike, so no pools: the general search decides (the slow case)."""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    text = V1_MENU.read_text()
    mains = [
        ("1", "Cheeseburger", "5.49"),
        ("2", "Hamburger", "4.99"),
        ("3", "Double", "6.99"),
        ("4", "Chicken", "6.29"),
        ("5", "Veggie", "6.49"),
        ("10", "Nuggets", "5.49"),
    ]
    for number, (main, name, price) in enumerate(mains, start=1):
        text += MEALS.format(code=f"M{number}", name=name, price=price, main=main)
    path = Path("/tmp/best_deal_menu.toml")
    path.write_text(text)
    unlike = Path("/tmp/best_deal_unlike.toml")
    unlike.write_text(BUNDLED.read_text() + UNLIKE)
    menus = (("six meals", path), ("bundled menu", BUNDLED), ("slots unlike", unlike))
    for label, menu_path in menus:
        measure(label, load_menu(menu_path), args.orders, args.runs)


def measure(label: str, menu: Menu, orders: int, runs_each: int) -> None:
    combos = list(menu.combos.values())
    by_category: dict[str, list] = {}
    for item in menu.items.values():
        by_category.setdefault(item.category or "", []).append(item)
    fries = menu.items["20"]
    meal_mains = [slot.choices[0] for combo in combos for slot in combo.slots[:1]]
    mixes = {
        "any lines": lambda rng: rng.choice(
            by_category[rng.choice(["burger", "side", "drink", "dessert", "nuggets"])]
        ),
        "meal-shaped": lambda rng: rng.choice(
            [rng.choice(meal_mains), fries, rng.choice(by_category["drink"])]
        ),
    }
    for mix, pick in mixes.items():
        rng = random.Random(1)
        timings = []
        for _ in range(orders):
            order = []
            for _ in range(30):
                item = pick(rng)
                size = rng.choice(item.sizes)
                order.append(Loose(item, size.name, rng.choice([1, 1, 1, 2]), size.price))
            runs = []
            for _ in range(runs_each):
                start = time.perf_counter()
                meals = best_grouping(order, combos)
                runs.append(time.perf_counter() - start)
            timings.append((statistics.median(runs), len(meals)))
        medians = sorted(t for t, _ in timings)
        made = statistics.median(m for _, m in timings)
        print(
            f"{label}, {mix}: {orders} orders of 30 lines, {len(combos)} meals on the menu, {made:.0f} meals made "
            f"(median); median {statistics.median(medians) * 1000:.2f} ms, slowest {medians[-1] * 1000:.2f} ms "
            "(goal: under 5 ms)"
        )


if __name__ == "__main__":
    main()
