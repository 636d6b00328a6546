"""The three ways a prompt sells a meal: make it a meal at item entry (an upsell to a combo), make
the meal large (an upsell on a combo), and the meal prompt at payment. Prices worked by hand from
`tests/support/small_menus.py` and the meal below: a Cheeseburger 3.49, Medium Fries 2.29, Medium Cola
1.59; the meal 5.99 (a full set alone 7.37, saves 1.38)."""

from __future__ import annotations

import pytest

from pos.core.base.events import Outcome
from pos.core.selling.menu import Combo
from pos.core.selling.menu_loader import MenuError
from tests.support.sales import make_sale
from tests.support.small_menus import make_menu
from tests.unit.test_combos import MEAL

MAKE_IT_A_MEAL = """
[[upsell]]
item = "1"
to = "M1"
pitch = "Make it a {offer} for {delta} more? You save {saving}."
"""

LARGE_MEAL = """
[[upsell]]
item = "M1"
pitch = "Make that a {offer} for {delta} more?"
"""

FRIES_AFTER_A_BURGER = """
[[cross_sell]]
when = ["category:burger"]
offer = "20"
size = "Medium"
"""


BURGER_AND_PIE = """
[[combo]]
code = "P1"
name = "Burger and Pie"
price = "4.00"
slots = [{ name = "main", choose = ["1"] }, { name = "dessert", choose = ["40", "41"] }]
"""


def test_the_meal_prompt_offers_the_meal_a_burger_starts() -> None:
    sale = make_sale(make_menu(MEAL))
    sale.add("1")
    (offer,) = list(sale.payment_offers())
    assert isinstance(offer.item, Combo) and offer.item.code == "M1"
    assert offer.kind.name == "meal" and offer.line is sale.order.lines[0]
    # 5.99 for what was 3.49: 2.50 more; 3.49 + 2.29 + 1.59 = 7.37 alone, saves 1.38
    assert (offer.delta, offer.saving, offer.price) == (250, 138, 599)
    assert offer.pitch == "Make it a Cheeseburger Meal Deal? Only $2.50 more, you save $1.38."


def test_a_yes_makes_the_meal_with_the_slots_chosen_and_logs_what_it_added() -> None:
    sale = make_sale(make_menu(MEAL))
    sale.add("1")
    (offer,) = list(sale.payment_offers())
    event = sale.answer(offer, Outcome.ACCEPTED, 900)
    assert (event.kind, event.trigger, event.offer, event.delta) == ("meal", "1", "M1", 250)
    assert sale.order.lines[0].item.code == "1"  # nothing changes until the slots are chosen
    menu = sale.menu
    (meal,) = sale.make_meal(offer, [menu.items["1"], menu.items["20"], menu.items["50"]])
    assert sale.order.lines == [] and sale.order.meals == [meal]
    assert (meal.price, meal.prompt, meal.prompt_added, meal.source) == (599, 1, 250, "meal")
    (record,) = sale.pay(1000).lines
    assert (record.code, record.prompt, record.added) == ("M1", 1, 250)
    assert [(p.code, p.size, p.added) for p in record.parts[1:]] == [
        ("1", None, 0),
        ("20", "Medium", 0),
        ("50", "Medium", 0),
    ]


def test_a_premium_choice_after_the_yes_counts_as_what_the_prompt_added() -> None:
    sale = make_sale(make_menu(BURGER_AND_PIE))
    sale.add("1")
    (offer,) = list(sale.payment_offers())
    # 4.00 with the Cookie (0.99): 3.49 + 0.99 = 4.48 alone, saves 0.48; 0.51 more than the burger
    assert (offer.delta, offer.saving) == (51, 48)
    sale.answer(offer, Outcome.ACCEPTED, 900)
    menu = sale.menu
    (meal,) = sale.make_meal(offer, [menu.items["1"], menu.items["40"]])  # the Apple Pie: 0.40 more
    assert (meal.price, meal.prompt_added, meal.saving) == (440, 91, 48)


def test_loose_lines_that_fit_fill_their_slots_and_only_the_rest_is_asked() -> None:
    sale = make_sale(make_menu(MEAL))
    sale.add("1")
    sale.add("20", "Large")
    (offer,) = list(sale.payment_offers())
    burger, fries = sale.order.lines
    assert offer.fills == (burger, fries, None)
    # Large Fries in the Medium slot add 0.50: the meal is 6.49; had 3.49 + 2.79 = 6.28, so 0.21 more;
    # alone with a Medium Cola 6.28 + 1.59 = 7.87, saves 1.38
    assert (offer.price, offer.delta, offer.saving) == (649, 21, 138)
    sale.answer(offer, Outcome.ACCEPTED, 900)
    menu = sale.menu
    (meal,) = sale.make_meal(offer, [menu.items["1"], menu.items["20"], menu.items["50"]])
    assert [(line.item.code, line.size) for line in meal.components] == [
        ("1", None),
        ("20", "Large"),
        ("50", "Medium"),
    ]
    assert (meal.price, meal.prompt_added, sale.order.lines) == (649, 21, [])


def test_no_meal_prompt_when_the_meal_is_in_the_order_or_saves_nothing() -> None:
    sale = make_sale(make_menu(MEAL))
    sale.add("40")  # a pie fills no slot
    assert list(sale.payment_offers()) == []
    dear = make_menu(MEAL.replace('price = "5.99"', 'price = "7.37"'))
    sale = make_sale(dear)
    sale.add("1")
    assert list(sale.payment_offers()) == []
    sale = make_sale(make_menu(MEAL))
    menu = sale.menu
    sale.add_meal(menu.combos["m1"], [menu.items["1"], menu.items["20"], menu.items["50"]], 1)
    sale.add("1")
    assert list(sale.payment_offers()) == []


def test_the_meal_prompt_comes_before_the_checkout_offer_and_counts_toward_the_cap() -> None:
    checkout = '\n[[checkout]]\noffer = "40"\n'
    sale = make_sale(make_menu(MEAL + checkout))
    sale.add("1")
    assert [offer.kind.name for offer in sale.payment_offers()] == ["meal", "checkout"]
    capped = make_menu(MEAL + checkout, header=make_menu_header_with_cap(1))
    sale = make_sale(capped)
    sale.add("1")
    assert [offer.kind.name for offer in sale.payment_offers()] == ["meal"]


def make_menu_header_with_cap(cap: int) -> str:
    from tests.support.small_menus import HEADER

    return HEADER + f"\n[rules]\nmax_prompts_per_order = {cap}\n"


def test_make_it_a_meal_at_item_entry_and_no_prompts_for_the_burger_after() -> None:
    sale = make_sale(make_menu(MEAL + MAKE_IT_A_MEAL + FRIES_AFTER_A_BURGER))
    line = sale.add("1", qty=2)
    offers = sale.prompts_for(line)
    offer = next(offers)
    assert (offer.kind.name, offer.item.code, offer.delta, offer.saving) == ("upsell", "M1", 500, 138)
    assert offer.pitch == "Make it a Cheeseburger Meal Deal for $2.50 more? You save $1.38."
    sale.answer(offer, Outcome.ACCEPTED, 900)
    menu = sale.menu
    meals = sale.make_meal(offer, [menu.items["1"], menu.items["20"], menu.items["50"]])
    assert len(meals) == 2 and sale.order.lines == []
    assert list(offers) == []  # the burger's cross-sell does not fire: it is in a meal now
    record = sale.pay(2000)
    assert [(line.code, line.prompt, line.added) for line in record.lines] == [
        ("M1", 1, 250),
        ("M1", 1, 250),
    ]


def test_a_meal_keyed_is_offered_one_size_up_for_every_meal_keyed_with_it() -> None:
    sale = make_sale(make_menu(MEAL + LARGE_MEAL))
    menu = sale.menu
    meals = sale.add_meal(menu.combos["m1"], [menu.items["1"], menu.items["20"], menu.items["50"]], 2)
    (offer,) = list(sale.prompts_for(meals[0]))
    # Fries Medium 2.29 -> Large 2.79, Cola Medium 1.59 -> Large 1.89: 0.80 a meal, two meals
    assert (offer.size, offer.unit_delta, offer.delta) == ("Large", 80, 160)
    assert offer.pitch == "Make that a Large Cheeseburger Meal Deal for $0.80 more?"
    event = sale.answer(offer, Outcome.ACCEPTED, 900)
    assert (event.offer, event.size, event.delta, event.trigger) == ("M1", "Large", 160, "M1")
    for meal in meals:
        assert [(line.item.code, line.size) for line in meal.components] == [
            ("1", None),
            ("20", "Large"),
            ("50", "Large"),
        ]
        assert (meal.price, meal.size, meal.prompt_added) == (679, "Large", 80)
    assert sale.order.subtotal == 2 * 679


def test_a_yes_to_an_add_on_offered_with_a_meal_adds_it_and_leaves_the_meal_as_it_was() -> None:
    """A cross-sell on a meal (a pie with it) once made the meal Large at the pie's price."""
    sale = make_sale(make_menu(MEAL + '\n[[cross_sell]]\nwhen = ["M1"]\noffer = "40"\n'))
    menu = sale.menu
    (meal,) = sale.add_meal(menu.combos["m1"], [menu.items["1"], menu.items["20"], menu.items["50"]], 1)
    (offer,) = list(sale.prompts_for(meal))
    assert offer.kind.name == "cross_sell"
    sale.answer(offer, Outcome.ACCEPTED, 900)
    assert (meal.price, meal.size, meal.prompt, [line.size for line in meal.components]) == (
        599,
        None,
        None,
        [None, "Medium", "Medium"],
    )
    (pie,) = sale.order.lines
    assert (pie.item.code, pie.prompt, pie.total) == ("40", offer.seq, offer.delta)


def test_a_rule_price_sets_what_the_large_meal_adds() -> None:
    sale = make_sale(make_menu(MEAL + LARGE_MEAL.replace("pitch", 'price = "0.50"\npitch')))
    menu = sale.menu
    (meal,) = sale.add_meal(menu.combos["m1"], [menu.items["1"], menu.items["20"], menu.items["50"]], 1)
    (offer,) = list(sale.prompts_for(meal))
    sale.answer(offer, Outcome.ACCEPTED, 900)
    assert (meal.price, meal.components[1].size) == (649, "Large")


@pytest.mark.parametrize(
    ("rules", "field", "says"),
    [
        ('[[upsell]]\nitem = "20"\nto = "M1"\n', "to", 'item "20" is in no slot of meal "P1"'),
        ('[[upsell]]\ncategory = "side"\nto = "M1"\n', "to", 'item "20" is in no slot of meal "P1"'),
        ('[[upsell]]\nitem = "M1"\nto = "largest"\n', "to", 'to = "next"'),
        ('[[upsell]]\nitem = "M9"\n', "item", "unknown item or meal code 'P9'"),
    ],
)
def test_bad_meal_upsells_name_the_entry_and_field(rules: str, field: str, says: str) -> None:
    with pytest.raises(MenuError) as caught:
        make_menu(BURGER_AND_PIE + rules.replace("M1", "P1").replace("M9", "P9"))
    (problem,) = caught.value.problems
    assert problem.field == field and says in problem.message and "upsell #1" in str(problem.entry)


def test_a_meal_dearer_than_its_items_is_a_warning_naming_file_line_entry_and_field() -> None:
    menu = make_menu(MEAL.replace('price = "5.99"', 'price = "7.37"'))
    (warning,) = menu.warnings
    assert warning.startswith("test.toml:") and 'combo "M1", field "price"' in warning
    assert "never chosen at payment" in warning
    assert make_menu(MEAL).warnings == ()


def test_of_equal_savings_the_meal_that_asks_least_more_is_offered() -> None:
    from pos.core.selling.menu_loader import load_menu
    from tests.conftest import MENUS

    sale = make_sale(load_menu(MENUS / "burger_counter.toml"))
    sale.add("3")
    sale.add("20", "Medium")
    # The Cheeseburger Meal (around the fries) and the Double Cheeseburger Meal both save 0.88;
    # the Double needs only a drink: 7.99 - 4.99 - 2.29 = 0.71 more
    offer = next(sale.payment_offers())
    assert (offer.item.code, offer.delta, offer.saving) == ("33", 71, 88)
