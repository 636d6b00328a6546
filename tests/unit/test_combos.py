"""`[[combo]]` (menu format version 2): read exactly, every problem named by entry and field."""

from __future__ import annotations

import pytest

from pos.core.selling.menu_loader import MenuError
from tests.support.small_menus import make_menu

MEAL = """
[[combo]]
code = "M1"
name = "Cheeseburger Meal Deal"
price = "5.99"
slots = [
  { name = "main",  choose = ["1"] },
  { name = "side",  choose = ["category:side"],  size = "Medium" },
  { name = "drink", choose = ["category:drink"], size = "Medium" },
]
pitch = "Make it a {offer}? Only {delta} more, you save {saving}."
dayparts = ["lunch", "dinner"]
"""


def test_the_specs_example_reads_with_its_prices() -> None:
    menu = make_menu(MEAL)
    (combo,) = menu.combos.values()
    assert (combo.code, combo.name, combo.price, combo.number) == ("M1", "Cheeseburger Meal Deal", 599, 1)
    assert [slot.name for slot in combo.slots] == ["main", "side", "drink"]
    main, side, drink = combo.slots
    assert [item.code for item in main.choices] == ["1"] and main.size is None
    assert side.size == "Medium" and [item.code for item in side.choices] == ["20"]
    # Cheeseburger 3.49 + Medium Fries 2.29 + Medium Cola 1.59 = 7.37 alone; the meal saves 1.38.
    assert (main.base, side.base, drink.base) == (349, 229, 159)
    assert (combo.a_la_carte, combo.saving) == (737, 138)
    fries = menu.items["20"]
    assert side.premium(fries, "Large") == 50 and side.premium(fries, "Small") == 0
    assert combo.window.dayparts == frozenset({"lunch", "dinner"})
    assert menu.item("M1") is None, "a combo is not an item"


def test_a_version_1_menu_has_no_combos() -> None:
    assert dict(make_menu().combos) == {}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (('code = "M1"', 'code = "20"'), "code", "duplicate code: '20' is already an item's"),
        (('choose = ["category:side"]', 'choose = ["category:soup"]'), "choose", "unknown category 'soup'"),
        (('choose = ["1"] }', 'choose = ["1"], size = "Large" }'), "size", 'item "1" has no size'),
        (('name = "main", ', 'name = "main", pick = 1, '), "pick", "unknown field"),
        (("you save {saving}", "you save {short}"), "pitch", "unknown placeholder {short}"),
        (('price = "5.99"\n', ""), "price", "missing"),
        (
            (
                '{ name = "drink", choose = ["category:drink"], size = "Medium" },',
                '{ name = "side", choose = ["50"] },',
            ),
            "name",
            "duplicate slot 'side'",
        ),
    ],
)
def test_a_bad_combo_names_its_entry_and_field(change: tuple[str, str], field: str, message: str) -> None:
    with pytest.raises(MenuError) as raised:
        make_menu(MEAL.replace(*change))
    text = str(raised.value)
    assert "combo" in text and field in text and message in text, text


def test_a_combo_with_no_slots_is_an_error() -> None:
    with pytest.raises(MenuError, match="slots"):
        make_menu(
            MEAL.replace(
                MEAL[MEAL.index("slots") : MEAL.index("]\n", MEAL.index("slots")) + 2], "slots = []\n"
            )
        )
