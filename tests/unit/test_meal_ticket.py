"""What the cashier sees when payment makes meals: the ticket shows what the customer gets, a reward
the meal price takes away is said, and lines stay in the order they were keyed."""

from __future__ import annotations

from tests.support.counter_kit import key_in, make_counter, type_keys
from tests.support.small_menus import make_menu
from tests.unit.test_combos import MEAL

COOKIE_FROM_6_50 = '\n[[nudge]]\nthreshold = "6.50"\nreward = "41"\nwithin = "0.10"\nsuggest = ["41"]\n'


def test_small_fries_grouped_into_a_meal_with_medium_fries_show_as_medium() -> None:
    counter, recorder = make_counter(make_menu(MEAL))
    key_in(counter, "1")
    key_in(counter, "20 small")
    key_in(counter, "50 medium")
    type_keys(counter, "f10")
    (meal,) = counter.sale.order.meals
    assert [(line.item.code, line.size) for line in meal.components] == [
        ("1", None),
        ("20", "Medium"),
        ("50", "Medium"),
    ]
    assert meal.price == 599 and counter.sale.order.total == 648  # 5.99 and 8.25 % tax
    type_keys(counter, "escape", "f10")  # payment again: the meal's lines are grouped anew, as keyed
    (again,) = counter.sale.order.meals
    assert [line.unit_price for line in again.loose] == [349, 179, 159], "the Small Fries as keyed"
    assert counter.sale.order.total == 648
    type_keys(counter, "enter")
    components = recorder.orders[-1].lines[0].parts[1:]
    assert [(part.code, part.size) for part in components] == [
        ("1", None),
        ("20", "Medium"),
        ("50", "Medium"),
    ]


def test_a_reward_the_meal_price_takes_away_is_said() -> None:
    counter, _ = make_counter(make_menu(MEAL + COOKIE_FROM_6_50))
    key_in(counter, "1")
    key_in(counter, "20 small")
    key_in(counter, "50 medium")  # 6.87: a free Cookie
    assert [reward.label for reward in counter.sale.order.rewards] == ["Cookie free"]
    type_keys(counter, "f10")  # the meal: 5.99
    assert counter.sale.order.rewards == []
    assert counter.message == "Cookie free no longer applies: the order is now under $6.50"


def test_a_meal_keyed_first_stays_above_the_lines_keyed_after_it() -> None:
    counter, _ = make_counter(make_menu(MEAL))
    key_in(counter, "M1")
    type_keys(counter, "enter", "enter")  # the first side and drink
    key_in(counter, "40")
    assert [entry.item.code for entry in counter.sale.order.entries] == ["M1", "40"]
    assert counter.selected == 1, "the line just keyed is selected"


def test_a_meal_that_would_lose_the_order_its_reward_is_not_made() -> None:
    # 6.87 loose with $1.00 off from 6.50: 5.87; the meal (5.99) would lose the discount: 5.99.
    dollar_off = '\n[[nudge]]\nthreshold = "6.50"\ndiscount = "1.00"\nwithin = "0.10"\nsuggest = ["41"]\n'
    counter, _ = make_counter(make_menu(MEAL + dollar_off))
    key_in(counter, "1")
    key_in(counter, "20 small")
    key_in(counter, "50 medium")
    before = counter.sale.order.total
    type_keys(counter, "f10")
    assert counter.sale.order.meals == [] and counter.sale.order.total == before
    assert [reward.label for reward in counter.sale.order.rewards] == ["$1.00 off"]


def test_a_grouped_meal_costs_what_the_same_meal_keyed_costs() -> None:
    counter, _ = make_counter(make_menu(MEAL))
    key_in(counter, "1")
    key_in(counter, "20 large")  # a premium side: Large Fries in a Medium-fries meal, 0.50 more
    key_in(counter, "50 small")  # served as the meal's Medium Cola
    type_keys(counter, "f10")
    (grouped,) = counter.sale.order.meals
    keyed, _ = make_counter(make_menu(MEAL))
    key_in(keyed, "M1")
    type_keys(keyed, "enter", "enter")  # Medium Fries, Medium Cola: the meal's own price
    (meal,) = keyed.sale.order.meals
    assert [(line.item.code, line.size) for line in grouped.components] == [
        ("1", None),
        ("20", "Large"),
        ("50", "Medium"),
    ]
    assert grouped.price == meal.price + 50, "the same premium as keyed: Large over Medium fries"
    assert grouped.saving == 349 + 279 + 129 - grouped.price, "saved against what was keyed"
