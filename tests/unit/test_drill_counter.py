"""Drills served through the counter with no screen: a perfect, a silent and a careless trainee."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from pos.core.analytics.report import Filters, build_report
from pos.core.base.events import Mode
from pos.core.counter.counter import Counter
from pos.core.counter.counter_keys import Stage
from pos.core.counter.meal_entry import MealOrder
from pos.core.selling.learned_choice import FirstAllowed
from pos.core.selling.menu_loader import load_menu
from pos.core.training.customers import random_customers
from pos.core.training.drill import DrillRun, DrillSummary, Level
from pos.core.training.drill_coach import DrillCoach
from pos.core.training.drill_script import DrillError, load_drill
from tests.conftest import MENUS
from tests.support.counter_kit import make_counter, make_shop, type_keys
from tests.support.trainee_keys import answer_keys, order_keys, to_key

SCRIPT = MENUS / "drills" / "lunch_basics.toml"


def drill_counter(log_to: Path | None = None) -> tuple[Counter, DrillRun]:
    menu = load_menu(MENUS / "burger_counter.toml")
    script = load_drill(SCRIPT, menu)
    run = DrillRun(script.name, list(script.customers), Level.NORMAL, random.Random(3), lambda: 0.0)
    assert script.now is not None
    counter, _ = make_counter(menu, DrillCoach(run), now=script.now, log_to=log_to, mode=Mode.TRAINING)
    return counter, run


def serve(counter: Counter, run: DrillRun, mode: str, wrong_item: bool = False) -> DrillSummary:
    """'perfect' asks and records truly, 'silent' skips every prompt."""
    while counter.stage is not Stage.FINISHED:
        customer = run.current
        assert customer is not None
        brought = re.search(r"my code ([A-Z0-9-]{14})", customer.says)
        if brought:  # a returning customer's code first
            type_keys(counter, *brought.group(1), "enter")
        for entry in to_key(customer):
            type_keys(counter, *(["2", "enter"] if wrong_item else order_keys(entry)))
            answer(counter, mode)
        type_keys(counter, "f10")
        answer(counter, mode)
        type_keys(counter, "enter", "enter")  # the exact amount; the receipt: next customer
    return run.summary()


def answer(counter: Counter, mode: str) -> None:
    coach = counter.coach
    assert isinstance(coach, DrillCoach)
    while counter.prompting:
        if mode == "silent":
            type_keys(counter, "escape")
            continue
        type_keys(counter, "space")
        turn = coach._turn
        assert turn is not None and turn.asked and "The customer" in counter.note
        type_keys(counter, *answer_keys(turn))
        if "press F6" in counter.message:  # the customer changed their mind: ask again
            type_keys(counter, "f6")


def test_a_perfect_trainee_scores_100() -> None:
    counter, run = drill_counter()
    summary = serve(counter, run, "perfect")
    assert summary.score == 100 and "Perfect" in summary.tips[0]


def test_a_trainee_who_skips_everything_has_ask_rate_0() -> None:
    counter, run = drill_counter()
    summary = serve(counter, run, "silent")
    assert summary.parts["ask rate"] == 0.0
    assert summary.score == 60  # 30 for no wrong answers, 20 for orders right, 10 for speed
    assert any(tip.startswith("You skipped") and "cross-sells" in tip for tip in summary.tips)


def test_a_wrong_order_is_caught() -> None:
    counter, run = drill_counter()
    summary = serve(counter, run, "perfect", wrong_item=True)
    assert summary.parts["orders right"] < 1.0
    assert any("order was keyed wrong" in tip for tip in summary.tips)


def test_y_before_asking_is_refused_and_no_to_all_is_not_for_drills() -> None:
    counter, _ = drill_counter()
    type_keys(counter, "1", "enter", "y")
    assert counter.prompting and "Ask first" in counter.message
    type_keys(counter, "f7")
    assert counter.prompting and "In a drill" in counter.message
    type_keys(counter, "space", "y")
    assert "Ask first" not in counter.message, "the hint goes once the answer is right"


def test_drill_events_are_training_and_left_out_of_live_reports(data_dir: Path) -> None:
    counter, run = drill_counter(log_to=data_dir)
    serve(counter, run, "perfect")
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    training = build_report(data_dir, filters=Filters(mode="training")).totals["shown"]
    assert training > 0 and build_report(data_dir).totals["shown"] == 0


@pytest.fixture
def meal_drill(data_dir: Path) -> Iterator[tuple[Counter, DrillRun]]:
    """The shipped meal deals drill, logged as training (its receipts' codes kept apart)."""
    menu = load_menu(MENUS / "burger_counter.toml")
    script = load_drill(MENUS / "drills" / "meal_deals.toml", menu)
    run = DrillRun(script.name, list(script.customers), Level.NORMAL, random.Random(3), lambda: 0.0)
    assert script.now is not None
    counter, _ = make_counter(menu, DrillCoach(run), now=script.now, log_to=data_dir, mode=Mode.TRAINING)
    yield counter, run
    counter.shop.recorder.close()  # type: ignore[attr-defined]


def test_a_scripted_meal_drill_scores_a_perfect_trainee_100(meal_drill: tuple[Counter, DrillRun]) -> None:
    counter, run = meal_drill
    summary = serve(counter, run, "perfect")
    assert summary.score == 100, summary.tips
    first, second, third, fourth, _, back = run.results
    assert back.says.startswith("Hi, I'm back with my code ") and ("40", None) in back.keyed
    assert [turn.offer.kind.name for turn in first.turns] == ["upsell", "cross_sell", "checkout"]
    assert first.keyed[("20", "Large")] == 0 and first.keyed[("21", "Large")] == 1  # the rings went large
    assert second.turns[0].offer.item.code == "31" and second.keyed == {
        ("1", None): 1,
        ("20", "Medium"): 1,
        ("51", "Medium"): 1,
    }, "make it a meal: the customer's picks were keyed"
    assert third.turns[0].offer.item.code == "33" and third.turns[0].customer_yes
    assert third.keyed[("21", "Medium")] == 1, "the onion rings, 0.20 more in the meal"
    assert fourth.expected[("21", "Medium")] == 2 and fourth.expected[("51", "Medium")] == 2


def test_a_customer_who_changes_their_mind_is_asked_again_with_f6(
    meal_drill: tuple[Counter, DrillRun],
) -> None:
    counter, run = meal_drill
    summary = serve(counter, run, "perfect")
    minded = run.results[4]
    first, again = [turn for turn in minded.turns if turn.offer.item.code == "20"]
    assert (first.recorded, first.customer_yes, again.offer.revisit, again.recorded) == (
        "declined",
        False,
        True,
        "accepted",
    )
    assert minded.order_right and summary.score == 100


def test_not_asking_again_after_a_change_of_mind_leaves_the_order_wrong_and_a_tip(
    meal_drill: tuple[Counter, DrillRun],
) -> None:
    counter, run = meal_drill
    # the first four served as a perfect trainee would; the last without F6
    while len(run.results) < 5 or run.results[4].seconds == 0:
        current = run.current
        assert current is not None
        for entry in to_key(current):
            type_keys(counter, *order_keys(entry))
            while counter.prompting:
                type_keys(counter, "space")
                coach = counter.coach
                assert isinstance(coach, DrillCoach) and coach._turn is not None
                type_keys(counter, *answer_keys(coach._turn))
                if "press F6" in counter.message and current.number < 5:
                    type_keys(counter, "f6")
        type_keys(counter, "f10")
        answer(counter, "perfect")
        type_keys(counter, "enter", "enter")
    summary = run.summary()
    assert not run.results[-1].order_right
    assert any(
        "changed their mind about Medium Fries: select its line and press F6" in tip for tip in summary.tips
    )


def test_keying_another_side_than_the_customer_picked_is_a_wrong_order(
    meal_drill: tuple[Counter, DrillRun],
) -> None:
    counter, run = meal_drill
    type_keys(counter, "3", "1", "enter", "1", "2")  # Fries and Lemonade, not the rings asked for
    answer(counter, "perfect")
    type_keys(counter, "f10")
    answer(counter, "perfect")
    type_keys(counter, "enter")
    assert run.results[0].order_right is False


def test_random_customers_order_meals_and_a_perfect_trainee_still_scores_100() -> None:
    menu = load_menu(MENUS / "burger_counter.toml")
    customers = random_customers(menu, 30, random.Random(5))
    assert sum(isinstance(entry, MealOrder) for c in customers for entry in c.order) >= 4
    run = DrillRun("random", customers, Level.NORMAL, random.Random(5), lambda: 0.0)
    counter, _ = make_counter(menu, DrillCoach(run), now=datetime(2026, 11, 23, 12, 30))
    summary = serve(counter, run, "perfect")
    assert summary.score == 100, summary.tips
    meal_yeses = [t for r in run.results for t in r.turns if t.offer.makes_meal and t.customer_yes]
    assert meal_yeses, "some random customers say yes to a meal"


def test_a_finished_drill_leaves_no_gap_in_the_order_numbers(data_dir: Path) -> None:
    from pos.core.log.eventlog import EventLog

    menu = load_menu(MENUS / "burger_counter.toml")
    script = load_drill(SCRIPT, menu)
    assert script.now is not None
    for _session in range(2):
        run = DrillRun(script.name, list(script.customers[:1]), Level.NORMAL, random.Random(3), lambda: 0.0)
        counter, _ = make_counter(menu, DrillCoach(run), now=script.now, log_to=data_dir, mode=Mode.TRAINING)
        serve(counter, run, "perfect")
        counter.shop.recorder.close()  # type: ignore[attr-defined]
    orders = [
        json.loads(line)["order"] for path in sorted(data_dir.rglob("*.orders.jsonl")) for line in path.open()
    ]
    assert [order[-4:] for order in orders] == ["0001", "0002"]
    with EventLog(data_dir, "T1") as log:
        assert log.new_order_id(script.now).endswith("0003")


def test_a_drill_is_stamped_with_the_real_time_and_sells_at_the_script_s() -> None:
    """The script's `now` (lunch, 2026-11-23) sets dayparts and seasons; the records, the order
    numbers and the score book carry the real day (here 2027-02-01 at breakfast time)."""
    menu = load_menu(MENUS / "burger_counter.toml")
    script = load_drill(SCRIPT, menu)
    assert script.now is not None
    run = DrillRun(script.name, list(script.customers[:1]), Level.NORMAL, random.Random(3), lambda: 0.0)
    real = datetime(2027, 2, 1, 8, 30)
    counter, recorder = make_counter(menu, DrillCoach(run), now=real, mode=Mode.TRAINING, menu_now=script.now)
    serve(counter, run, "perfect")
    (order,) = recorder.orders
    assert order.order.startswith("T1-20270201-") and order.ts.startswith("2027-02-01T08:30")
    assert recorder.prompts and {p.daypart for p in recorder.prompts} == {"lunch"}
    assert all(p.ts.startswith("2027-02-01") for p in recorder.prompts)


@pytest.mark.parametrize(
    ("order", "accepts"),
    [
        ('"1", "20", "50 small"', ""),  # made a meal at payment: its Medium fries and drink
        ('"50 small"', '"cross_sell", "meal"'),  # the meal prompt takes their Small Cola as Medium
    ],
)
def test_a_customers_own_lines_served_at_a_meals_sizes_are_keyed_right(
    tmp_path: Path, order: str, accepts: str
) -> None:
    drill = tmp_path / "drill.toml"
    drill.write_text(
        f'[drill]\nname = "Theirs in a meal"\nmenu = "{(MENUS / "burger_counter.toml").as_posix()}"\n'
        f'now = "2026-11-23T12:30:00"\n\n[[customer]]\nsays = "A meal of mine."\n'
        f"order = [{order}]\naccepts = [{accepts}]\n"
    )
    menu = load_menu(MENUS / "burger_counter.toml")
    run = DrillRun(
        "mine", list(load_drill(drill, menu).customers), Level.NORMAL, random.Random(3), lambda: 0.0
    )
    counter, recorder = make_counter(menu, DrillCoach(run), now=datetime(2026, 11, 23, 12, 30))
    summary = serve(counter, run, "perfect")
    assert summary.score == 100, summary.tips
    (paid,) = recorder.orders
    assert "31" in [line.code for line in paid.lines], "a Cheeseburger Meal"


def test_a_drill_offer_that_no_rule_with_several_offers_has_is_refused(tmp_path: Path) -> None:
    """A cola is on the menu, but no rule chooses among offers with it: the script would show it never."""
    path = tmp_path / "drill.toml"
    path.write_text('[drill]\nname = "x"\noffers = ["9", "50"]\n[[customer]]\nsays = "Hi"\norder = ["1"]\n')
    with pytest.raises(DrillError) as caught:
        load_drill(path, load_menu(MENUS / "all_day_counter.toml"))
    assert str(caught.value) == (
        f"{path}:3: [drill], field \"offers\": '50' is no candidate of a rule with several offers, so "
        'never shown by one (the menu\'s candidates: "20", "9", "40")'
    )


def test_a_drill_shows_a_learned_rule_the_offer_its_script_names_else_the_first(data_dir: Path) -> None:
    """A drill never learns: every trainee hears the hash brown the script names, or, once the order
    has one, the rule's first allowed (fries); asking scores as for any prompt."""
    path = MENUS / "drills" / "all_day_add_ons.toml"
    menu = load_menu(MENUS / "all_day_counter.toml")
    script = load_drill(path, menu)
    assert script.offers == ("9",) and script.now is not None
    run = DrillRun(
        script.name, list(script.customers), Level.NORMAL, random.Random(3), lambda: 0.0, shown=script.offers
    )
    shop, _ = make_shop(menu, script.now, data_dir, Mode.TRAINING)
    counter = Counter(replace(shop, choosing=FirstAllowed(run.shown)), DrillCoach(run), timer=lambda: 0.0)
    summary = serve(counter, run, "perfect")
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    assert summary.score == 100
    logged = [
        json.loads(line)
        for line in (data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl").read_text().splitlines()
    ]
    offered = [(event["trigger"], event["offer"]) for event in logged if event["kind"] == "cross_sell"]
    assert offered == [("8", "9"), ("1", "20"), ("8", "9")]
    assert all("candidates" not in event and event["mode"] == "training" for event in logged)
