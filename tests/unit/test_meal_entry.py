"""Keying a meal: its code, then one answer per slot with a choice; Esc drops it."""

from __future__ import annotations

from pos.core.counter.counter_keys import Stage
from pos.core.selling.menu import Menu
from tests.support.counter_kit import key_in, make_counter, type_keys
from tests.support.small_menus import ITEMS, make_menu
from tests.unit.test_combos import MEAL

MORE_ITEMS = """
[[item]]
code = "21"
name = "Onion Rings"
category = "side"
sizes = [{ name = "Small", price = "2.19" }, { name = "Medium", price = "2.69" }]

[[item]]
code = "51"
name = "Lemonade"
category = "drink"
sizes = [{ name = "Small", price = "1.49" }, { name = "Medium", price = "1.79" }]
"""


def meal_menu() -> Menu:
    return make_menu(MEAL, items=ITEMS + MORE_ITEMS)


def test_a_meal_asks_each_slot_with_a_choice_and_adds_one_line() -> None:
    counter, recorder = make_counter(meal_menu())
    key_in(counter, "M1")
    assert counter.stage is Stage.MEAL and counter.meal is not None
    assert counter.meal.asking is not None and counter.meal.asking.name == "side"
    type_keys(counter, "2")  # Onion Rings: Medium, 0.40 more than Medium Fries
    assert (
        counter.meal is not None and counter.meal.asking is not None and counter.meal.asking.name == "drink"
    )
    type_keys(counter, "enter")  # the first: Medium Cola
    assert str(counter.stage) == "selling" and counter.meal is None
    (meal,) = counter.sale.order.meals
    assert [line.item.code for line in meal.components] == ["1", "21", "50"]
    assert (meal.price, counter.sale.order.subtotal) == (639, 639)
    assert counter.message == "1 × Cheeseburger Meal Deal"
    type_keys(counter, "f10")
    type_keys(counter, "enter")
    (line,) = recorder.orders[-1].lines
    assert (line.code, line.unit_price, line.source) == ("M1", 639, "entered")
    assert [(part.code, part.size) for part in line.parts[1:]] == [
        ("1", None),
        ("21", "Medium"),
        ("50", "Medium"),
    ]


def test_a_code_answers_too_a_wrong_one_is_refused_and_esc_drops_the_meal() -> None:
    counter, _ = make_counter(meal_menu())
    key_in(counter, "2*M1")
    type_keys(counter, "x", "y", "enter")
    assert counter.error and "'xy' is not a side of this meal" in counter.message
    assert counter.stage is Stage.MEAL
    type_keys(counter, "escape")
    assert (
        str(counter.stage) == "selling"
        and counter.sale.order.meals == []
        and counter.message == "Meal not added"
    )


def test_two_meals_keyed_at_once_share_the_answers_and_keys_typed_ahead_wait() -> None:
    counter, _ = make_counter(meal_menu())
    key_in(counter, "2*M1")
    type_keys(counter, "1", "2")  # fries, then lemonade
    assert [meal.combo.code for meal in counter.sale.order.meals] == ["M1", "M1"]
    assert counter.sale.order.subtotal == 2 * (599 + 20)  # Medium Lemonade 1.79 is 0.20 over Medium Cola


def test_a_meal_keyed_stays_when_payment_groups_the_loose_lines() -> None:
    counter, _ = make_counter(meal_menu())
    key_in(counter, "M1")
    type_keys(counter, "enter", "enter")
    for text in ("1", "20 medium", "50 medium"):
        key_in(counter, text)
    type_keys(counter, "f10")
    meals = counter.sale.order.meals
    assert len(meals) == 2 and [meal.grouped for meal in meals] == [False, True]


def test_an_order_of_a_keyed_meal_alone_is_kept_while_open() -> None:
    counter, recorder = make_counter(meal_menu())
    key_in(counter, "M1")
    type_keys(counter, "enter", "enter")
    assert recorder.open is not None and recorder.open.lines[0].code == "M1"


def test_a_meal_is_keyed_by_its_whole_name_too() -> None:
    counter, _ = make_counter(meal_menu())
    key_in(counter, "2*cheeseburger meal deal")
    assert counter.stage is Stage.MEAL and counter.meal is not None and counter.meal.qty == 2
    type_keys(counter, "enter", "enter")
    key_in(counter, "cheeseburger")  # an item's name is still the item
    order = counter.sale.order
    assert [line.item.code for line in order.lines] == ["1"] and len(order.meals) == 2
