"""Small menus written in tests, with the line numbers of what they test in view."""

from __future__ import annotations

from pathlib import Path

from pos.core.selling.menu import Menu
from pos.core.selling.menu_loader import parse_menu

HEADER = """\
[menu]
name = "Test Counter"
currency = "USD"
tax_rate = "0.0825"

[menu.dayparts]
breakfast = "05:00-10:30"
lunch = "10:30-16:00"
dinner = "16:00-05:00"
"""

ITEMS = """
[[item]]
code = "1"
name = "Cheeseburger"
category = "burger"
price = "3.49"

[[item]]
code = "2"
name = "Hamburger"
category = "burger"
price = "2.99"

[[item]]
code = "20"
name = "Fries"
category = "side"
sizes = [{ name = "Small", price = "1.79" }, { name = "Medium", price = "2.29" }, { name = "Large", price = "2.79" }]

[[item]]
code = "50"
name = "Cola"
category = "drink"
sizes = [{ name = "Small", price = "1.29" }, { name = "Medium", price = "1.59" }, { name = "Large", price = "1.89" }]

[[item]]
code = "31"
name = "Cheeseburger Meal"
category = "meal"
price = "6.99"

[[item]]
code = "40"
name = "Apple Pie"
category = "dessert"
price = "1.39"

[[item]]
code = "41"
name = "Cookie"
category = "dessert"
price = "0.99"
"""


def menu_text(rules: str = "", header: str = HEADER, items: str = ITEMS) -> str:
    return header + items + rules


def make_menu(rules: str = "", header: str = HEADER, items: str = ITEMS) -> Menu:
    return parse_menu(menu_text(rules, header, items), Path("test.toml"))
