"""Choosing among a rule's candidates: the guards applied to each, the first allowed, or the one
learned by Thompson sampling on the money a chance keeps per context, with each candidate's floor
chance; the propensity logged is the chance the offer had."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import pytest

from pos.core.base.events import ChoiceContext, Outcome, encode
from pos.core.selling.engine import Sale
from pos.core.selling.learned_choice import DRAWS, Answers, FirstAllowed, Learning, drawn, policy
from pos.core.selling.offer import Offer
from tests.support.sales import LUNCH, events_for, make_sale, offers_for
from tests.support.small_menus import make_menu

ADD_ON = """
[[cross_sell]]
when = ["category:burger"]
offers = ["20", "50", "40"]
choose = "learn"
size = { "20" = "Medium" }
"""
"""Fries (side), a cola (drink) or an apple pie (dessert) after a burger."""
RULE = "cross_sell:category:burger>20@Medium,50,40"
LUNCH_ALONE = ChoiceContext(daypart="lunch", has=(), lines="1")
BREAKFAST = datetime(2026, 11, 23, 8, 0)


@dataclass
class Taught:
    """Answers given by hand, as the store's log would have them."""

    learned: Answers = field(default_factory=Answers)

    def answers(self) -> Answers:
        return self.learned

    def given(self, context: ChoiceContext, offer: str, yes: int, no: int) -> Taught:
        self.learned.add(RULE, context, offer, True, yes)
        self.learned.add(RULE, context, offer, False, no)
        return self


def learned_sale(
    rules: str = ADD_ON, taught: Taught | None = None, seed: int = 1, now: datetime = LUNCH
) -> Sale:
    return make_sale(make_menu(rules), now, seed, Learning(taught or Taught()))


def test_a_learned_prompt_logs_the_candidates_allowed_the_chance_its_offer_had_and_the_context() -> None:
    (event,) = events_for(learned_sale(), "1", [Outcome.ACCEPTED])
    assert event.candidates == ("20", "50", "40") and event.offer in event.candidates
    assert isinstance(event.propensity, float) and 0.05 <= event.propensity <= 0.9
    assert event.context == LUNCH_ALONE and event.rule == RULE


def test_a_candidate_in_the_order_or_offered_already_is_not_allowed() -> None:
    sale = learned_sale()
    offers_for(sale, "50", [Outcome.DECLINED])  # a cola, and its upsell
    (first,) = offers_for(sale, "1", [Outcome.DECLINED])
    assert first.learned is not None and first.learned.candidates == ("20", "40")
    (second,) = offers_for(sale, "2", [Outcome.DECLINED])
    assert second.learned is not None
    assert second.learned.candidates == tuple(code for code in ("20", "40") if code != first.item.code)
    assert second.learned.propensity == 1.0  # the one left: it had every chance
    assert offers_for(sale, "2", []) == [], "each offered once: nothing left to offer"


def test_context_says_the_daypart_the_offers_categories_the_order_has_and_its_lines() -> None:
    sale = learned_sale(now=BREAKFAST)
    for code in ("41", "2", "2", "1"):  # a cookie (dessert), two hamburgers, a cheeseburger
        sale.add(code)
    (offer,) = list(sale.prompts_for(sale.order.lines[-1]))
    assert offer.learned is not None
    assert offer.learned.context == ChoiceContext(daypart="breakfast", has=("dessert",), lines="4+")


def test_an_order_holding_a_candidate_itself_has_its_category() -> None:
    """A cola in the order is not offered again, and the order has a drink all the same: the context
    says what the order holds of the rule's candidates' categories, not of those allowed."""
    sale = learned_sale()
    offers_for(sale, "50", [Outcome.DECLINED])  # a cola (drink), and its upsell
    (offer,) = offers_for(sale, "1", [Outcome.DECLINED])
    assert offer.learned is not None and offer.learned.candidates == ("20", "40")
    assert offer.learned.context == ChoiceContext(daypart="lunch", has=("drink",), lines="2-3")


def test_the_guards_stand_for_a_learned_rule_as_for_any_other() -> None:
    capped = learned_sale("[rules]\nmax_prompts_per_order = 1\n" + ADD_ON)
    offers_for(capped, "1", [Outcome.DECLINED])
    assert offers_for(capped, "2", []) == [], "the cap: one prompt an order"
    at_breakfast = learned_sale(ADD_ON + 'dayparts = ["breakfast"]\n')
    assert offers_for(at_breakfast, "1", []) == [], "its dayparts"
    too_dear = learned_sale(
        '[rules]\nmax_upsell_ratio = "1.2"\n[[upsell]]\nitem = "2"\noffers = ["1", "31"]\nchoose = "learn"\n'
    )
    (upsell,) = offers_for(too_dear, "2", [])
    assert upsell.learned is not None and upsell.learned.candidates == ("1",), "the meal adds 4.00 to 2.99"


def test_with_none_allowed_the_next_rule_is_offered() -> None:
    sale = learned_sale(ADD_ON + 'priority = 1\n[[cross_sell]]\nwhen = ["1"]\noffer = "41"\n')
    for code in ("20", "50", "40"):
        offers_for(sale, code, [Outcome.DECLINED])
    (cookie,) = offers_for(sale, "1", [])
    assert (cookie.item.code, cookie.learned) == ("41", None)


def test_choose_first_offers_the_first_allowed_and_logs_no_learning() -> None:
    sale = make_sale(make_menu(ADD_ON.replace('choose = "learn"', 'choose = "first"')))
    offers_for(sale, "20", [Outcome.DECLINED])
    (event,) = events_for(sale, "1", [Outcome.DECLINED])
    assert event.offer == "50" and not event.learned
    assert b"candidates" not in encode(event) and b"propensity" not in encode(event)


def test_a_drill_shows_the_candidate_its_script_names_else_the_first() -> None:
    menu = make_menu(ADD_ON)
    assert offers_for(make_sale(menu, choosing=FirstAllowed(("40",))), "1", [])[0].item.code == "40"
    (first,) = offers_for(make_sale(menu, choosing=FirstAllowed()), "1", [])
    assert (first.item.code, first.learned) == ("20", None)


def test_the_same_seed_makes_the_same_choices() -> None:
    def choices(seed: int) -> list[tuple[str, float | None]]:
        made = []
        for order in range(1, 9):
            sale = make_sale(make_menu(ADD_ON), LUNCH, seed + order, Learning(Taught()), order)
            (offer,) = offers_for(sale, "1", [])
            made.append((offer.item.code, offer.learned.propensity if offer.learned else None))
        return made

    assert choices(1) == choices(1)
    assert choices(1) != choices(2)


def test_the_offer_that_keeps_most_in_its_context_is_made_most_often() -> None:
    """Pie taken at lunch, fries at breakfast: each context is offered its own."""
    taught = (
        Taught()
        .given(LUNCH_ALONE, "40", 40, 0)
        .given(LUNCH_ALONE, "20", 0, 40)
        .given(LUNCH_ALONE, "50", 0, 40)
    )
    at_breakfast = ChoiceContext(daypart="breakfast", has=(), lines="1")
    taught.given(at_breakfast, "20", 40, 0).given(at_breakfast, "40", 0, 40).given(at_breakfast, "50", 0, 40)
    lunch = [_offered(learned_sale(taught=taught, seed=seed)) for seed in range(60)]
    breakfast = [_offered(learned_sale(taught=taught, seed=seed, now=BREAKFAST)) for seed in range(60)]
    assert lunch.count("40") >= 48 and breakfast.count("20") >= 48
    assert {"20", "50"} <= set(lunch), "the others keep their floor chance"


def _offered(sale: Sale) -> str:
    (offer,) = offers_for(sale, "1", [])
    return offer.item.code


def test_what_a_chance_keeps_counts_in_cents_not_only_yes() -> None:
    """Taken as often, the dearer add-on keeps more."""
    chances = policy([(50, 50), (50, 50)], [100, 300], Decimal("0.05"), random.Random(1))
    assert chances == [0.05, 0.95]


def test_the_propensity_is_the_floor_and_the_share_of_draws_won() -> None:
    rng = random.Random(7)
    chances = policy([(0, 100), (3, 3), (100, 0)], [150, 150, 150], Decimal("0.1"), rng)
    assert chances == [0.1, 0.1, 0.8], "the clear winner wins every draw"
    even = policy([(0, 0), (0, 0)], [100, 100], Decimal("0.05"), rng)
    assert sum(even) == 1.0 and all(0.05 <= chance <= 0.95 for chance in even)
    wins = [(chance - 0.05) / 0.9 * DRAWS for chance in even]
    assert all(abs(won - round(won)) < 1e-9 for won in wins), "a share in 32nds"


@pytest.mark.parametrize("seed", range(20))
def test_the_offer_drawn_had_a_chance_even_with_no_floor(seed: int) -> None:
    rng = random.Random(seed)
    chances = policy([(1, 5), (2, 2), (0, 0)], [100, 90, 80], Decimal(0), rng)
    assert chances[drawn(chances, rng)] > 0


def test_a_revisit_is_asked_again_not_chosen_and_a_chance_held_out_keeps_its_choice() -> None:
    sale = learned_sale(ADD_ON + 'holdout = "0.5"\n', seed=3)
    answered: list[Offer] = []
    for code in ("1", "2", "1", "2"):
        answered += offers_for(sale, code, [])
    held = [offer for offer in answered if offer.held_out]
    assert held and all(offer.learned is not None for offer in held)
    asked = next(offer for offer in answered if not offer.held_out)
    again = sale.revisit(asked.line) if asked.line is not None else None
    assert again is not None and again.learned is None
    assert not sale.answer(again, Outcome.ACCEPTED, 500).learned


def test_an_answer_counted_twice_is_taken_back_once() -> None:
    answers = Answers()
    answers.add(RULE, LUNCH_ALONE, "40", True, 3)
    answers.add(RULE, LUNCH_ALONE, "40", False)
    answers.add(RULE, LUNCH_ALONE, "40", True, -1)
    assert answers.tally(RULE, LUNCH_ALONE, "40") == (2, 1)
    assert answers.tally(RULE, LUNCH_ALONE, "20") == (0, 0)


def test_the_propensity_logged_is_the_chance_the_offer_was_drawn_with() -> None:
    taught = Taught().given(LUNCH_ALONE, "40", 6, 4).given(LUNCH_ALONE, "20", 3, 7)
    (offer,) = offers_for(learned_sale(taught=taught, seed=5), "1", [])
    rng = random.Random(5)  # the sale's, which draws nothing before the choice
    chances = policy([(3, 7), (0, 0), (6, 4)], [229, 129, 139], Decimal("0.05"), rng)
    chosen = drawn(chances, rng)
    assert offer.learned is not None
    assert (offer.item.code, offer.learned.propensity) == (("20", "50", "40")[chosen], chances[chosen])


def test_weighted_by_their_propensities_the_offers_made_count_each_candidate_once_a_chance() -> None:
    """What an off-policy estimate rests on: over chances, 1 / propensity for each time a candidate
    was made sums to about one a chance for every candidate, the rarely made ones too."""
    taught = Taught().given(LUNCH_ALONE, "40", 6, 4).given(LUNCH_ALONE, "20", 3, 7)
    weights = dict.fromkeys(("20", "50", "40"), 0.0)
    chances = 300
    for seed in range(chances):
        (offer,) = offers_for(learned_sale(taught=taught, seed=seed), "1", [])
        assert offer.learned is not None
        weights[offer.item.code] += 1 / offer.learned.propensity
    assert all(0.75 < weight / chances < 1.25 for weight in weights.values()), weights
