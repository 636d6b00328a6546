"""Drills served through the counter with no screen: a perfect, a silent and a careless trainee."""

from __future__ import annotations

import random
from pathlib import Path

from pos.core.counter import Counter
from pos.core.counter_keys import Stage
from pos.core.drill import DrillRun, DrillSummary, Level
from pos.core.drill_coach import DrillCoach
from pos.core.drill_script import load_drill
from pos.core.events import Mode
from pos.core.menu_loader import load_menu
from pos.core.report import Filters, build_report
from tests.conftest import MENUS
from tests.unit.counter_kit import make_counter, type_keys

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
        for entry in customer.customer.order:
            code = "2" if wrong_item else entry.item.code
            type_keys(counter, *f"{entry.qty}*{code}" + (f" {entry.size}" if entry.size else ""), "enter")
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
        type_keys(counter, "y" if turn.customer_yes else "n")


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
