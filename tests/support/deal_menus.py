"""Menus and orders that make the best deal work hard, for its tests and `benchmarks/best_deal.py`.

- The bundled burger menu with a six-slot Family Box (issue 24): its burger slots take
  any burger, one takes a Hamburger or Cheeseburger, one Medium Fries or Rings, one
  Large Fries or Rings, so its slots value the same units unlike the meals' slots
  (and each other), and an order goes to the search, not the pools.
- A generated menu of 50 meals of 6 slots each, drawn from the bundled menu's items:
  mains, sides, drinks and desserts, one item or several, at a size or not.
"""

from __future__ import annotations

import random
from pathlib import Path

from pos.core.selling.best_deal import Loose
from pos.core.selling.menu import Menu
from pos.core.selling.menu_loader import parse_menu

BUNDLED = Path(__file__).resolve().parents[2] / "menus" / "burger_counter.toml"

FAMILY_BOX = """
[[combo]]
code = "F1"
name = "Family Box"
price = "13.99"
slots = [
  { name = "burger",   choose = ["category:burger"] },
  { name = "burger 2", choose = ["category:burger"] },
  { name = "small",    choose = ["2", "1"] },
  { name = "side",     choose = ["20", "21"], size = "Medium" },
  { name = "big side", choose = ["20", "21"], size = "Large" },
  { name = "drink",    choose = ["category:drink"] },
]
"""

NINE_LINES = (
    ("21", "Medium", 2),
    ("1", None, 1),
    ("20", "Medium", 1),
    ("50", "Large", 1),
    ("52", "Large", 1),
    ("3", None, 1),
    ("4", None, 2),
    ("20", "Large", 1),
    ("2", None, 1),
)
"""An order on the Family Box menu that froze payment for 78 s and ended in a RecursionError."""

_ROLES: dict[str, list[tuple[list[str], list[str | None]]]] = {
    "main": [
        (["1"], [None]),
        (["2"], [None]),
        (["3"], [None]),
        (["4"], [None]),
        (["5"], [None]),
        (["1", "2"], [None]),
        (["3", "4"], [None]),
        (["category:burger"], [None]),
    ],
    "side": [
        (["20", "21"], ["Medium", "Large"]),
        (["20"], ["Small", "Medium", "Large"]),
        (["22"], [None]),
        (["9"], [None]),
    ],
    "drink": [
        (["50", "51"], ["Small", "Medium", "Large"]),
        (["category:drink"], ["Small", "Large", None]),
        (["55"], ["Small", "Medium"]),
    ],
    "dessert": [(["category:dessert"], [None]), (["40", "43"], [None]), (["41"], [None]), (["42"], [None])],
}


def family_box_menu() -> Menu:
    return parse_menu(BUNDLED.read_text(encoding="utf-8") + FAMILY_BOX, Path("family_box.toml"))


def nine_lines(menu: Menu) -> list[Loose]:
    return [_line(menu, code, size, qty) for code, size, qty in NINE_LINES]


def generated_menu(seed: int, meals: int = 50, slots: int = 6) -> Menu:
    """`meals` meals of `slots` slots: two mains, sides, drinks or a dessert, each meal $0.50 to $4.00
    below its cheapest items."""
    rng = random.Random(seed)
    combos = []
    for number in range(1, meals + 1):
        roles = sorted(
            rng.sample(["main", "main", "side", "side", "drink", "drink", "dessert"], slots),
            key=list(_ROLES).index,
        )
        written = []
        for position, role in enumerate(roles, start=1):
            codes, sizes = rng.choice(_ROLES[role])
            size = rng.choice(sizes)
            choose = ", ".join(f'"{code}"' for code in codes)
            written.append(
                f'{{ name = "{role} {position}", choose = [{choose}]'
                + (f', size = "{size}"' if size else "")
                + " }"
            )
        combos.append((number, ",\n  ".join(written), rng.randint(50, 400)))
    text = BUNDLED.read_text(encoding="utf-8")
    # Read once at any price to learn what each meal's cheapest items cost, then priced below that.
    draft = parse_menu(
        text + "".join(_combo(number, slots, 99_99) for number, slots, _ in combos), Path("g.toml")
    )
    priced = "".join(
        _combo(number, slots, draft.combos[f"g{number}"].a_la_carte - below)
        for number, slots, below in combos
    )
    return parse_menu(text + priced, Path("generated.toml"))


def random_order(rng: random.Random, menu: Menu, lines: int = 30) -> list[Loose]:
    """`lines` lines of the menu's items at any of their sizes, one in four a line of 2."""
    items = list(menu.items.values())
    order = []
    for _ in range(lines):
        item = rng.choice(items)
        size = rng.choice(item.sizes)
        order.append(Loose(item, size.name, rng.choice([1, 1, 1, 2]), size.price))
    return order


def _combo(number: int, slots: str, price: int) -> str:
    return (
        f'\n[[combo]]\ncode = "G{number}"\nname = "Meal {number}"\nprice = "{price // 100}.{price % 100:02d}"\n'
        f"slots = [\n  {slots},\n]\n"
    )


def _line(menu: Menu, code: str, size: str | None, qty: int) -> Loose:
    item = menu.items[code]
    price = next(each.price for each in item.sizes if each.name == size)
    return Loose(item, size, qty, price)
