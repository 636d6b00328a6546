"""A taco counter written for the tests of issue 24: sides listed in a meal's slot in another order
than the menu's, a grande upsell, a nudge and a checkout offer that suggest the same side."""

from __future__ import annotations

from pathlib import Path

from pos.core.selling.menu import Menu
from pos.core.selling.menu_loader import parse_menu

TACO_MENU = """\
[menu]
name = "Taco Stand"
currency = "USD"
tax_rate = "0"

[rules]
max_prompts_per_order = 5

[[item]]
code = "Q1"
name = "Quesadilla"
category = "main"
price = "6.50"

[[item]]
code = "B1"
name = "Burrito"
category = "main"
sizes = [{ name = "Regular", price = "8.50" }, { name = "Grande", price = "10.50" }]

[[item]]
code = "C1"
name = "Chips & Guac"
category = "side"
price = "2.98"

[[item]]
code = "E1"
name = "Elote"
category = "side"
price = "2.49"

[[item]]
code = "H1"
name = "Horchata"
category = "drink"
price = "2.25"

[[item]]
code = "P1"
name = "Pan de Muerto"
category = "dessert"
price = "1.00"

[[combo]]
code = "K1"
name = "Burrito Combo"
price = "11.50"
slots = [
  { name = "main", choose = ["B1"] },
  { name = "side", choose = ["E1", "C1"] },
  { name = "drink", choose = ["H1"] },
]

[[upsell]]
item = "Q1"
to = "B1"

[[cross_sell]]
when = ["category:main"]
offer = "H1"

[[nudge]]
threshold = "12.50"
within = "3.00"
discount = "1.00"
suggest = ["E1"]

[[checkout]]
offer = "E1"
"""


def taco_menu(text: str = TACO_MENU) -> Menu:
    return parse_menu(text, Path("taco.toml"))
