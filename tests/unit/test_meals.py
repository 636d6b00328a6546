"""Meals at payment: loose lines grouped into the combos that make the total lowest, and what the
prompts kept when an item they added became part of a meal."""

from __future__ import annotations

from datetime import datetime

from pos.core.base.events import Outcome
from tests.support.sales import make_sale, offers_for
from tests.support.small_menus import make_menu
from tests.unit.test_combos import MEAL

FRIES_FOR_150 = """
[[cross_sell]]
when = ["category:burger"]
offer = "20"
size = "Medium"
price = "1.50"
"""


def test_a_burger_fries_and_a_drink_become_the_meal() -> None:
    sale = make_sale(make_menu(MEAL))
    for code, size in (("1", None), ("20", "Medium"), ("50", "Medium")):
        sale.add(code, size)
    (meal,) = sale.best_deal()
    assert (meal.combo.code, meal.price, meal.saving) == ("M1", 599, 138)  # 3.49 + 2.29 + 1.59 = 7.37
    assert sale.order.lines == [] and sale.order.subtotal == 599
    (line,) = sale.pay(1000).lines
    assert (line.code, line.qty, line.unit_price, line.prompt, line.added) == (
        "M1",
        1,
        599,
        None,
        0,
    )
    assert [part.code for part in line.parts[1:]] == ["1", "20", "50"]


def test_an_add_on_in_a_meal_kept_what_it_added_less_the_saving() -> None:
    sale = make_sale(make_menu(MEAL + FRIES_FOR_150))
    offers_for(sale, "1", [Outcome.ACCEPTED])  # the cross-sold fries, 1.50, prompt 1
    sale.add("50", "Medium")
    (meal,) = sale.best_deal()
    # 3.49 + 1.50 + 1.59 = 6.58 for 5.99: saves 0.59. Without the fries the order is 5.08; with them
    # the meal is 5.99: they brought 0.91, which is 1.50 less the saving.
    assert meal.saving == 59
    (line,) = sale.pay(1000).lines
    fries = line.parts[2]
    assert (fries.code, fries.prompt, fries.added) == ("20", 1, 91)


def test_lines_of_two_make_two_meals_and_a_third_burger_stays_loose() -> None:
    sale = make_sale(make_menu(MEAL))
    sale.add("1", qty=3)
    sale.add("20", "Medium", qty=2)
    sale.add("50", "Medium", qty=2)
    meals = sale.best_deal()
    assert [meal.combo.code for meal in meals] == ["M1", "M1"]
    assert [(line.item.code, line.qty) for line in sale.order.lines] == [("1", 1)]
    assert sale.order.subtotal == 2 * 599 + 349
    assert len(sale.best_deal()) == 2, "grouping again gives the same"
    assert sale.order.subtotal == 2 * 599 + 349


def test_no_meal_outside_its_dayparts() -> None:
    sale = make_sale(make_menu(MEAL), now=datetime(2026, 11, 23, 8, 0))  # breakfast
    for code, size in (("1", None), ("20", "Medium"), ("50", "Medium")):
        sale.add(code, size)
    assert sale.best_deal() == [] and len(sale.order.lines) == 3
