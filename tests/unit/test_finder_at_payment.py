"""An item found by name (Ctrl+P) while the amount tendered is typed, or the void asked, is not
keyed: its characters would be taken as cash, or as the answer."""

from __future__ import annotations

from tests.support.counter_kit import key_in, make_counter, type_keys
from tests.support.small_menus import make_menu
from tests.unit.test_combos import MEAL


def test_an_item_found_by_name_while_the_tender_is_typed_is_not_taken_as_cash() -> None:
    counter, recorder = make_counter(make_menu(MEAL))
    key_in(counter, "2")
    type_keys(counter, "f10")
    while counter.prompt is not None:
        type_keys(counter, "n")
    counter.key_in("20")  # Ctrl+P, "fries", Enter
    assert counter.error and "Esc first" in counter.message
    assert recorder.orders == [] and counter.till.tender == ""


def test_an_item_found_by_name_while_the_void_is_asked_does_not_answer_it() -> None:
    counter, recorder = make_counter(make_menu(MEAL))
    key_in(counter, "2")
    type_keys(counter, "n", "f9")
    counter.key_in("Y1")
    assert counter.error and "Esc first" in counter.message and recorder.orders == []


def test_the_finder_lists_meals_beside_items_and_keys_them_in() -> None:
    from pos.palette import item_choices

    keyed: list[str] = []
    choices = item_choices(make_menu(MEAL), keyed.append)
    (meal,) = [choice for choice in choices if "Cheeseburger Meal Deal" in choice.line]
    meal.run()
    assert keyed == ["M1"] and "meal $5.99" in meal.help


def test_a_function_key_while_the_tender_is_typed_says_to_go_back_first() -> None:
    counter, _ = make_counter(make_menu(MEAL))
    key_in(counter, "2")
    type_keys(counter, "n", "f10")
    while counter.prompt is not None:
        type_keys(counter, "n")
    type_keys(counter, "f9")
    assert counter.message == "F9: Esc first, back to the order (the payment is open)"
