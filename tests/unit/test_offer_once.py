"""No item is offered twice in one order, whatever the kinds; the prompt cap holds for every kind and
for revisits (menu format version 3)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from pos.core.counter.counter_keys import Stage
from pos.core.log.eventlog import EventLog
from pos.core.selling.menu_loader import load_menu
from pos.core.training.simulate import simulate
from tests.conftest import MENUS
from tests.support.counter_kit import key_in, make_counter, outcomes, type_keys
from tests.support.small_menus import HEADER, make_menu
from tests.support.taco_menu import taco_menu


def test_a_side_declined_as_the_nudge_is_not_offered_again_at_checkout() -> None:
    counter, recorder = make_counter(taco_menu())
    key_in(counter, "B1 grande")  # the size chosen: no upsell
    type_keys(counter, "n")  # the horchata cross-sell
    type_keys(counter, "f10")
    type_keys(counter, "n")  # the Burrito Combo meal prompt
    assert counter.prompt is not None and counter.prompt.kind.name == "nudge"
    assert counter.prompt.item.code == "E1"
    type_keys(counter, "n")
    assert counter.prompt is None and counter.stage is Stage.TENDER, "Elote was asked already"
    type_keys(counter, "enter")
    assert outcomes(recorder) == [
        ("cross_sell", "H1", "declined"),
        ("meal", "K1", "declined"),
        ("nudge", "E1", "declined"),
    ]


def test_f6_at_the_cap_says_why_and_asks_nothing() -> None:
    counter, recorder = make_counter(make_menu(header=HEADER + "\n[rules]\nmax_prompts_per_order = 2\n"))
    key_in(counter, "20")
    type_keys(counter, "n")  # Medium Fries? no
    key_in(counter, "50")
    type_keys(counter, "n")  # Medium Cola? no: two prompts, the cap
    assert not any(counter.sale.can_revisit(line) for line in counter.sale.order.lines)
    type_keys(counter, "up", "f6")
    assert counter.prompt is None
    assert "max_prompts_per_order" in counter.message
    type_keys(counter, "f10", "enter")
    assert recorder.orders[-1].prompts == 2 and len(recorder.prompts) == 2


def test_simulated_orders_never_show_more_prompts_than_the_cap(tmp_path: Path) -> None:
    menu = load_menu(MENUS / "burger_counter.toml")
    capped = replace(menu, max_prompts_per_order=3)
    with EventLog(tmp_path, "SIM", sync=False) as log:
        simulate(capped, log, orders=300, seed=3, cashiers=2, first_day=date(2026, 11, 20), days=1)
    orders = [
        json.loads(line)
        for path in (tmp_path / "log").glob("*/SIM.orders.jsonl")
        for line in path.read_text().splitlines()
    ]
    assert len(orders) == 300 and max(order["prompts"] for order in orders) == 3


def test_f6_brings_back_a_meals_declined_cross_sell() -> None:
    counter, recorder = make_counter(load_menu(MENUS / "burger_counter.toml"))
    key_in(counter, "1")
    type_keys(counter, "y", "enter", "enter")  # make it a meal: Medium Fries, Medium Cola
    assert counter.prompt is not None and counter.prompt.kind.name == "cross_sell"
    type_keys(counter, "n")  # no Pumpkin Pie
    (meal,) = counter.sale.order.meals
    assert counter.sale.can_revisit(meal)
    type_keys(counter, "f6")
    assert counter.prompt is not None and counter.prompt.revisit and counter.prompt.item.code == "43"
    type_keys(counter, "y")
    assert outcomes(recorder)[-1] == ("cross_sell", "43", "accepted")
    assert not counter.sale.can_revisit(meal), "once"
