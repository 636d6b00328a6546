"""The parts of a sale (its prompts, the till, a meal being keyed) are handed no counter: each returns
a `Step` saying what a key changes and what follows, and the counter alone takes it."""

from __future__ import annotations

import inspect
from concurrent.futures import Future

import pytest

from pos.core.base.events import Outcome
from pos.core.counter.coach import Coach
from pos.core.counter.counter_keys import Stage
from pos.core.counter.counter_step import Ask, KeyMeal, Select, Step, Then
from pos.core.counter.meal_entry import MealDraft, parse_combo
from pos.core.counter.meal_keying import MealKeying
from pos.core.counter.prompt_flow import PromptFlow
from pos.core.counter.till import Till
from pos.core.selling.menu_loader import load_menu
from tests.conftest import MENUS
from tests.support.counter_kit import make_shop

MEALS = load_menu(MENUS / "burger_counter.toml")


@pytest.mark.parametrize("part", [PromptFlow, Till, MealKeying])
def test_no_part_of_the_sale_is_handed_the_counter(part: type) -> None:
    assert "counter" not in inspect.signature(part).parameters


def test_a_prompt_waits_for_the_write_before_it_and_its_answer_says_what_follows() -> None:
    shop, recorder = make_shop()
    sale, flow = shop.new_sale(True), PromptFlow(Coach(), shop.recorder, timer=lambda: 0.0)
    line = sale.add("20", None, 1)
    assert flow.run(sale.prompts_for(line)) == Step(then=Then.NEXT_PROMPT)
    written: Future[None] = Future()
    assert flow.next(sale, written) == Step(), "the upsell is up: nothing of the counter's changes"
    assert flow.prompt is not None and flow.prompt.kind.name == "upsell" and flow.waiting_on is written
    declined = flow.answer(sale, Outcome.DECLINED)
    assert (declined.select, declined.then) == (Select.SAME, Then.NEXT_PROMPT), "the line's mark"
    assert declined.wrote is not None and [event.outcome for event in recorder.prompts] == ["declined"]
    assert flow.next(sale, declined.wrote) == Step() and flow.waiting_on is declined.wrote
    accepted = flow.answer(sale, Outcome.ACCEPTED)
    assert accepted.select == 1, "the cross-sell's item added: the second line selected"
    assert flow.next(sale, accepted.wrote) == Step(then=Then.KEYED_AHEAD), "the prompts done"


def test_a_prompt_closed_by_paying_goes_on_to_the_tender_and_one_closed_by_voiding_to_nothing() -> None:
    shop, recorder = make_shop()
    sale, flow = shop.new_sale(True), PromptFlow(Coach(), shop.recorder, timer=lambda: 0.0)
    line = sale.add("20", None, 1)
    flow.run(sale.payment_offers(), pay_after=True)
    flow.next(sale, None)
    assert flow.prompt is not None and flow.prompt.kind.name == "checkout"
    assert flow.close(sale).then is Then.TENDER and flow.prompt is None
    flow.run(sale.prompts_for(line))
    flow.next(sale, None)
    assert flow.close(sale).then is Then.NOTHING, "the key that closed it decides, not the items keyed ahead"
    assert flow.close(sale) == Step(), "no prompt up: nothing to close"
    assert [event.outcome for event in recorder.prompts] == ["skipped", "skipped"]


def test_a_yes_to_a_meal_hands_it_to_be_keyed_then_the_prompts_go_on() -> None:
    shop, _recorder = make_shop(MEALS)
    sale, flow = shop.new_sale(True), PromptFlow(Coach(), shop.recorder, timer=lambda: 0.0)
    flow.run(sale.prompts_for(sale.add("1", None, 1)))
    flow.next(sale, None)
    sold = flow.answer(sale, Outcome.ACCEPTED).then
    assert isinstance(sold, KeyMeal) and sold.offer.item.key == "31"
    meals = MealKeying()
    assert meals.start(sale, sold.draft, sold.offer) == Step(stage=Stage.MEAL)
    assert meals.press(sale, "enter", None) == Step(stage=Stage.MEAL, entry=""), "the side: the first"
    made = meals.press(sale, "enter", None)
    assert (made.stage, made.select, made.then) == (Stage.SELLING, 0, Then.NEXT_PROMPT)
    assert made.message == "1 × Cheeseburger Meal" and meals.draft is None


def test_a_meal_keyed_by_its_code_asks_its_own_prompts_once_made_and_esc_drops_it() -> None:
    shop, _recorder = make_shop(MEALS)
    sale, meals = shop.new_sale(True), MealKeying()
    combo = parse_combo("31", MEALS)
    assert combo is not None
    meals.start(sale, MealDraft.start(*combo))
    dropped = meals.press(sale, "escape", None)
    assert (dropped.stage, dropped.then) == (Stage.SELLING, Then.KEYED_AHEAD) and sale.order.entries == []
    meals.start(sale, MealDraft.start(*combo))
    meals.press(sale, "enter", None)
    made = meals.press(sale, "enter", None)
    assert made.stage is Stage.SELLING and isinstance(made.then, Ask)
    assert [offer.kind.name for offer in made.then.offers][:1] == ["upsell"], "make it large"


def test_the_till_takes_the_payment_and_says_what_the_counter_shows() -> None:
    shop, recorder = make_shop()
    sale, till = shop.new_sale(True), Till(shop, Coach())
    sale.add("40", None, 1)
    assert till.open() == Step(stage=Stage.TENDER, entry="")
    assert till.press(sale, "5", "5") == Step(entry="5")
    cancelled = "Payment cancelled: the order is still open"
    assert till.press(sale, "escape", None) == Step(stage=Stage.SELLING, entry="", message=cancelled)
    till.open()
    till.press(sale, "5", "5")
    paid = till.press(sale, "enter", None)
    assert paid.wrote is not None and till.receipt is not None and recorder.orders == [till.receipt]
    change = "Change due $3.50"
    assert paid == Step(Stage.RECEIPT, entry="", message=change, select=Select.LAST, wrote=paid.wrote)
