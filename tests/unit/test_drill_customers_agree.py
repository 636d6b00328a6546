"""A drill customer agrees with themselves: a meal they take is made of what they ordered where it
fits, and they do not take a second of what they already asked for."""

from __future__ import annotations

import random

from pos.core.base.events import Mode, Outcome
from pos.core.counter.entry import parse_entry
from pos.core.selling.menu_loader import load_menu
from pos.core.selling.offer import Offer
from pos.core.training.customers import Customer
from pos.core.training.drill import DrillRun, Level
from pos.core.training.drill_coach import DrillCoach
from pos.core.training.drill_script import load_drill
from tests.conftest import MENUS
from tests.support.counter_kit import make_counter
from tests.support.sales import make_sale
from tests.unit.test_drill_counter import serve

BURGERS = load_menu(MENUS / "burger_counter.toml")


def first_offers(customer: Customer, code: str) -> tuple[DrillRun, list[Offer]]:
    run = DrillRun("Test", [customer], Level.NORMAL, random.Random(2), lambda: 0.0)
    run.next_customer()
    sale = make_sale(BURGERS)
    return run, list(sale.prompts_for(sale.add(code)))


def test_a_customer_with_a_large_lemonade_to_come_takes_the_meal_with_it() -> None:
    """Lunch basics' third customer: "a chicken sandwich and a large lemonade", yes to the meal."""
    script = load_drill(MENUS / "drills" / "lunch_basics.toml", BURGERS)
    assert script.now is not None
    run = DrillRun(script.name, list(script.customers), Level.NORMAL, random.Random(3), lambda: 0.0)
    counter, _ = make_counter(BURGERS, DrillCoach(run), now=script.now, mode=Mode.TRAINING)
    summary = serve(counter, run, "perfect")
    third = run.results[2]
    meal = next(turn for turn in third.turns if turn.offer.makes_meal)
    assert meal.words.endswith("With Fries and my Lemonade."), meal.words
    assert third.in_meals == {1}, "the large lemonade is the meal's drink now: not keyed on its own"
    assert +third.expected == {("4", None): 1, ("20", "Medium"): 1, ("51", "Medium"): 1} == +third.keyed
    assert summary.score == 100, summary.tips


def test_a_drawn_customer_picks_their_own_drink_for_a_meal() -> None:
    cola = Customer(
        "A cheeseburger and a large cola.",
        (parse_entry("1", BURGERS), parse_entry("50 large", BURGERS)),
        chances={"31": 1.0},
    )
    run, offers = first_offers(cola, "1")
    meal = offers[0]
    assert meal.item.code == "31" and meal.makes_meal
    turn = run.prompt_shown(meal)
    words = run.ask(turn)
    assert turn.picks is not None and turn.picks.items[1].code == "50" and turn.picks.moved == (None, 1)
    assert words.endswith("and my Cola."), words
    current = run.current
    assert current is not None and current.expected[("50", "Large")] == 0
    assert current.expected[("50", "Medium")] == 1 and current.in_meals == {1}


def test_two_meals_do_not_take_one_drink_so_it_stays_their_own() -> None:
    two = Customer(
        "Two cheeseburgers and a lemonade.",
        (parse_entry("2*1", BURGERS), parse_entry("51", BURGERS)),
        frozenset({"upsell"}),
    )
    run = DrillRun("Test", [two], Level.NORMAL, random.Random(2), lambda: 0.0)
    run.next_customer()
    sale = make_sale(BURGERS)
    meal = next(iter(sale.prompts_for(sale.add("1", None, 2))))
    turn = run.prompt_shown(meal)
    run.ask(turn)
    assert turn.picks is not None and turn.picks.items[1].code == "51" and turn.picks.moved == (None, None)
    current = run.current
    assert current is not None and current.in_meals == set() and current.expected[("51", "Small")] == 1


def test_no_second_of_what_they_ordered_even_when_the_script_says_yes_to_the_kind() -> None:
    fries = Customer(
        "A hamburger and fries.",
        (parse_entry("2", BURGERS), parse_entry("20", BURGERS)),
        frozenset({"cross_sell"}),
        changes_mind=True,
    )
    run, offers = first_offers(fries, "2")
    (cross_sell,) = [offer for offer in offers if offer.kind.name == "cross_sell"]
    assert cross_sell.item.code == "20"
    turn = run.prompt_shown(cross_sell)
    run.ask(turn)
    assert turn.customer_yes is False and not turn.changes_mind
    assert run.record(turn, Outcome.DECLINED) == ""
    current = run.current
    assert current is not None and current.expected[("20", "Small")] == 1
