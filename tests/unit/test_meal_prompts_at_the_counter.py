"""Meal prompts at the counter: a yes asks the meal's missing slots, then the prompts go on; keys
typed in one burst act as keys typed one by one."""

from __future__ import annotations

from pos.core.counter.counter import Counter
from pos.core.counter.counter_keys import Stage
from pos.core.selling.menu import Menu
from tests.support.counter_kit import key_in, make_counter, outcomes, type_keys
from tests.support.small_menus import ITEMS, make_menu
from tests.unit.test_combos import MEAL
from tests.unit.test_meal_entry import MORE_ITEMS
from tests.unit.test_meal_prompts import LARGE_MEAL, MAKE_IT_A_MEAL

CHECKOUT_PIE = '\n[[checkout]]\noffer = "40"\n'


def kind_up(counter: Counter) -> str | None:
    """The kind of the prompt up, if any: read afresh, as each key may change it."""
    return counter.prompt.kind.name if counter.prompt else None


def menu(rules: str = "") -> Menu:
    return make_menu(MEAL + rules, items=ITEMS + MORE_ITEMS)


def test_a_yes_to_the_meal_prompt_asks_the_missing_slots_then_the_checkout_offer() -> None:
    counter, recorder = make_counter(menu(CHECKOUT_PIE))
    key_in(counter, "1")
    type_keys(counter, "f10")
    assert kind_up(counter) == "meal"
    type_keys(counter, "y")
    assert counter.stage is Stage.MEAL and counter.meal is not None
    assert counter.meal.asking is not None and counter.meal.asking.name == "side"  # the burger is in
    type_keys(counter, "2", "enter")  # Onion Rings (0.40 more), then the first drink: a Medium Cola
    assert kind_up(counter) == "checkout"
    type_keys(counter, "n")
    assert str(counter.stage) == str(Stage.TENDER)  # (mypy holds on to the stage checked above)
    type_keys(counter, "enter")
    assert outcomes(recorder) == [("meal", "M1", "accepted"), ("checkout", "40", "declined")]
    (line,) = recorder.orders[-1].lines
    # 5.99 + 0.40 for the rings: 6.39, of which 6.39 - 3.49 = 2.90 the prompt added
    assert (line.code, line.unit_price, line.prompt, line.added, line.source) == (
        "M1",
        639,
        1,
        290,
        "meal",
    )


def test_esc_while_the_slots_are_asked_leaves_the_order_as_it_was_and_goes_on() -> None:
    counter, recorder = make_counter(menu(CHECKOUT_PIE))
    key_in(counter, "1")
    type_keys(counter, "f10", "y", "escape")
    assert "Meal not added: the order stays as it was" in counter.message
    assert counter.prompt is not None and counter.prompt.kind.name == "checkout"
    type_keys(counter, "n", "enter")
    (line,) = recorder.orders[-1].lines
    assert (line.code, line.prompt, line.added) == ("1", None, 0)


def test_make_it_a_meal_at_item_entry_asks_the_slots_and_no_cross_sell_follows() -> None:
    fries = '\n[[cross_sell]]\nwhen = ["1"]\noffer = "20"\n'
    counter, recorder = make_counter(menu(MAKE_IT_A_MEAL + fries))
    key_in(counter, "1")
    assert counter.prompt is not None and counter.prompt.item.code == "M1"
    type_keys(counter, "y", "enter", "enter")
    assert counter.stage is Stage.SELLING and counter.prompt is None
    (meal,) = counter.sale.order.meals
    assert [line.item.code for line in meal.components] == ["1", "20", "50"]
    assert outcomes(recorder) == [("upsell", "M1", "accepted")]


def test_a_keyed_meal_is_offered_large() -> None:
    counter, recorder = make_counter(menu(LARGE_MEAL))
    key_in(counter, "M1")
    type_keys(counter, "enter", "enter")
    assert counter.prompt is not None and counter.prompt.size == "Large"
    type_keys(counter, "y")
    (meal,) = counter.sale.order.meals
    assert (meal.size, meal.price) == ("Large", 679)
    assert outcomes(recorder) == [("upsell", "M1", "accepted")]


def test_the_same_keys_in_one_burst_give_the_same_order_and_events() -> None:
    keys = ["1", "enter", "2", "0", "enter", "f10", "y", "enter", "n", "enter"]
    slow, slow_log = make_counter(menu(CHECKOUT_PIE + MAKE_IT_A_MEAL))
    for key in keys:
        type_keys(slow, key)
    burst, burst_log = make_counter(menu(CHECKOUT_PIE + MAKE_IT_A_MEAL))
    type_keys(burst, *keys)
    assert slow_log.orders == burst_log.orders and slow_log.prompts == burst_log.prompts
    assert slow_log.orders[-1].status == "paid"
