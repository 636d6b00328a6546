"""The meal prompt completes a meal around a main the customer ordered (menu format version 3): it
never adds a main, and never offers a meal the customer declined as an upsell in the same order."""

from __future__ import annotations

from datetime import datetime

from pos.core.selling.menu_loader import load_menu
from tests.conftest import MENUS
from tests.support.counter_kit import key_in, make_counter, outcomes, type_keys
from tests.support.taco_menu import taco_menu

BUNDLED = load_menu(MENUS / "burger_counter.toml")
EVENING = datetime(2026, 11, 23, 18, 30)


def test_a_hamburger_and_fries_are_not_offered_a_cheeseburger_meal() -> None:
    counter, recorder = make_counter(BUNDLED, now=EVENING)
    key_in(counter, "2")
    type_keys(counter, "n")  # Medium Fries for 1.50? no: the customer keys their own
    key_in(counter, "20")
    type_keys(counter, "n", "n")  # no Medium Fries, no cheeseburger
    type_keys(counter, "f10")
    assert all(offer != "meal" for offer, *_ in outcomes(recorder))
    assert counter.prompt is None or counter.prompt.kind.name != "meal"


def test_a_meal_declined_as_an_upsell_is_not_offered_again_at_payment() -> None:
    counter, recorder = make_counter(BUNDLED, now=EVENING)
    key_in(counter, "3")
    type_keys(counter, "n", "n")  # no meal, no fries
    type_keys(counter, "f10")
    assert counter.prompt is None or counter.prompt.kind.name != "meal"
    assert ("upsell", "33", "declined") in outcomes(recorder)


def test_after_make_it_a_meal_the_meals_own_cross_sell_follows() -> None:
    counter, recorder = make_counter(BUNDLED, now=EVENING)
    key_in(counter, "1")
    type_keys(counter, "y", "enter", "enter")  # the meal: Medium Fries, Medium Cola
    assert counter.prompt is not None and counter.prompt.kind.name == "cross_sell"
    assert counter.prompt.item.code == "43", "keying the meal offers the seasonal Pumpkin Pie"
    type_keys(counter, "n")
    assert outcomes(recorder) == [("upsell", "31", "accepted"), ("cross_sell", "43", "declined")]


def test_a_slots_first_choice_is_the_one_its_choose_lists_first() -> None:
    menu = taco_menu()
    (combo,) = menu.combos.values()
    assert [item.code for item in combo.slots[1].choices] == ["E1", "C1"], "not the menu's item order"
    counter, _ = make_counter(menu)
    key_in(counter, "K1")
    type_keys(counter, "enter")  # the side: Elote, the first; the drink has one choice
    (meal,) = counter.sale.order.meals
    assert [line.item.code for line in meal.components] == ["B1", "E1", "H1"]
    assert meal.price == 1150, "the default side costs nothing extra"


def test_the_meal_prompts_slot_asking_offers_the_first_listed_choice_by_default() -> None:
    counter, _ = make_counter(taco_menu())
    key_in(counter, "B1")
    type_keys(counter, "n", "n")  # no grande, no horchata
    type_keys(counter, "f10", "y")  # the Burrito Combo around it
    assert counter.meal is not None and counter.meal.asking is not None
    assert counter.meal.asking.choices[0].code == "E1"
    type_keys(counter, "enter")
    (meal,) = counter.sale.order.meals
    assert [line.item.code for line in meal.components] == ["B1", "E1", "H1"] and meal.price == 1150
