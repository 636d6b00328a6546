"""Issue 26: an offer is its rule, not its item (`rule`), and a prompt's number is among the prompts
the customer heard (`heard`), for new records and for version 1 and 2 records alike."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pos.core.analytics.coaching import coaching
from pos.core.analytics.dashboard import build_dashboard
from pos.core.analytics.insights import wording_tests
from pos.core.analytics.report import History
from pos.core.base.events import Outcome, PromptEvent
from pos.core.log.eventlog import EventLog
from pos.core.selling.engine import Sale
from pos.core.selling.menu_loader import load_menu, parse_menu
from pos.core.selling.prompt_kinds import upsell
from pos.core.selling.rule_ids import event_rule_id, rule_label
from pos.core.training.simulate import simulate
from pos.reports.outcomes import lift_sentences
from pos.reports.row_labels import key_text
from tests.conftest import MENUS
from tests.support.hand_logs import order, prompt, write
from tests.support.sales import make_sale
from tests.support.small_menus import HEADER, make_menu
from tests.support.taco_menu import TACO_MENU, taco_menu

BURGERS = load_menu(MENUS / "burger_counter.toml")
NAMES = BURGERS.names()
MEAL, LARGE_MEAL = "upsell:1>31", "upsell:31>~next size"
SWAP, GRANDE = "upsell:Q1>B1", "upsell:B1>B1@Grande"
OLD_LARGE_MEAL = "upsell:31>31@Large"
"""An older event's id for what the rule of LARGE_MEAL makes: derived from the event."""


def _events(data_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for path in data_dir.glob("log/*/*.prompts.jsonl") for line in path.open()]


@pytest.fixture(scope="module")
def burgers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled menu, simulated with a cap of 5 prompts and a tenth of chances held out: both
    upsells to a Cheeseburger Meal are made, and receipts' codes come back."""
    data_dir = tmp_path_factory.mktemp("burgers")
    text = (MENUS / "burger_counter.toml").read_text(encoding="utf-8")
    capped = text.replace("max_prompts_per_order = 6", 'max_prompts_per_order = 5\nholdout = "0.1"')
    with EventLog(data_dir, "SIM", sync=False) as log:
        simulate(
            parse_menu(capped, Path("capped.toml")),
            log,
            orders=300,
            seed=1,
            cashiers=3,
            first_day=date(2026, 11, 1),
            days=3,
        )
    return data_dir


@pytest.fixture(scope="module")
def tacos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A taco menu whose chances are held out half the time."""
    data_dir = tmp_path_factory.mktemp("tacos")
    menu = taco_menu(TACO_MENU.replace("[rules]\n", '[rules]\nholdout = "0.5"\n'))
    with EventLog(data_dir, "T1", sync=False) as log:
        simulate(menu, log, orders=400, seed=3, cashiers=2, first_day=date(2026, 11, 2), days=1)
    return data_dir


# -- an offer is its rule ------------------------------------------------------------------------


def test_a_rule_id_is_its_kind_trigger_offer_and_size_and_reads_as_the_items() -> None:
    assert event_rule_id("upsell", "1", "31", None) == MEAL
    assert event_rule_id("upsell", "31", "31", "Large") == OLD_LARGE_MEAL
    assert event_rule_id("checkout", None, "40", None) == "checkout:>40"
    assert rule_label(MEAL, NAMES) == "upsell: Cheeseburger -> Cheeseburger Meal"
    assert rule_label(OLD_LARGE_MEAL, NAMES) == "upsell: Cheeseburger Meal -> Large"
    assert rule_label(LARGE_MEAL, NAMES) == "upsell: Cheeseburger Meal -> next size"
    assert rule_label("cross_sell:1>20@Medium", NAMES) == "cross-sell: Cheeseburger -> Medium Fries"
    assert rule_label("checkout:>40", NAMES) == "checkout: Apple Pie"
    assert rule_label("upsell:10>10@10 pc", NAMES) == "upsell: Chicken Nuggets -> 10 pc"
    assert rule_label("upsell:Z9>Z8", {}) == "upsell: Z9 -> Z8", "codes where the names are not known"
    assert rule_label("a-rule-named-so", NAMES) == "a-rule-named-so"


def test_each_prompt_logs_the_rule_that_made_it() -> None:
    sale = make_sale(BURGERS)
    line = sale.add("1")
    (meal, *_) = sale.prompts_for(line)
    assert sale.answer(meal, Outcome.DECLINED, 900).rule == MEAL
    big = make_sale(BURGERS)
    (keyed,) = big.add_meal(BURGERS.combos["31"], [BURGERS.items[code] for code in ("1", "20", "50")], 1)
    (large, *_) = big.prompts_for(keyed)
    assert big.answer(large, Outcome.ACCEPTED, 900).rule == LARGE_MEAL


def test_the_bundled_menus_two_upsells_to_the_meal_are_two_wording_comparisons(burgers: Path) -> None:
    """Issue 26: "upsell: Cheeseburger Meal" set rule 31 -> Large's wording against rule 1 -> 31's,
    and mixed rule 1's first wording into the large meal's."""
    history = History.load(burgers)
    tests = {test.rule: test for test in wording_tests(history)}
    assert LARGE_MEAL not in tests, "one wording: nothing to compare"
    meal = tests[MEAL]
    (to_meal,) = next(
        rule for rule in upsell.KIND.rules(BURGERS) if rule.candidates[0].code == "31"
    ).candidates
    assert [row["pitch"] for row in meal.variants] == list(to_meal.pitches)
    asked = Counter(
        event["variant"]
        for event in _events(burgers)
        if event["rule"] == MEAL and event["outcome"] in ("accepted", "declined")
    )
    assert [row["asked"] for row in meal.variants] == [asked[0], asked[1]]
    rows = {row["rule"]: row for row in history.report(("rule",)).rows}
    assert rows[MEAL]["shown"] and rows[LARGE_MEAL]["shown"], "two rows, one per rule"
    assert key_text(MEAL, "rule", NAMES) == "upsell: Cheeseburger -> Cheeseburger Meal"


def test_on_a_taco_menu_the_swap_and_the_grande_upsell_are_two_lifts(tacos: Path) -> None:
    """Issue 26: "Burrito (upsell)" added the quesadilla -> burrito swap to the burrito -> grande upsell."""
    events = [event for event in _events(tacos) if event["rule"] in (SWAP, GRANDE)]
    orders = {
        record["order"]: record
        for path in tacos.glob("log/*/*.orders.jsonl")
        for record in map(json.loads, path.open())
    }
    rows = {row["rule"]: row for row in History.load(tacos).report(("rule",)).rows}
    for rule in (SWAP, GRANDE):
        chances = [
            event for event in events if event["rule"] == rule and orders[event["order"]]["status"] == "paid"
        ]
        ended = {
            (event["order"], event["seq"]): any(
                (part["code"], part["size"]) == (event["offer"], event["size"])
                for line in orders[event["order"]]["lines"]
                for part in [line, *line.get("components", [])]
            )
            for event in chances
        }
        prompted = [ended[(e["order"], e["seq"])] for e in chances if e["outcome"] != "held_out"]
        held = [ended[(e["order"], e["seq"])] for e in chances if e["outcome"] == "held_out"]
        assert prompted and held
        assert rows[rule]["attach_prompted"] == pytest.approx(sum(prompted) / len(prompted), abs=1e-6)
        assert rows[rule]["attach_held_out"] == pytest.approx(sum(held) / len(held), abs=1e-6)
    sentences = " ".join(lift_sentences(build_dashboard(History.load(tacos)), taco_menu().names(), "USD"))
    assert "Quesadilla -> Burrito (upsell)" in sentences
    assert "Burrito -> Grande (upsell)" in sentences


def test_older_records_are_given_the_rule_a_new_one_logs(data_dir: Path) -> None:
    write(
        data_dir,
        [
            prompt(),  # version 2: no rule
            prompt(rule=MEAL, outcome="declined"),
            prompt(trigger="31", size="Large"),
            prompt(kind="checkout", trigger=None, offer="40"),
        ],
    )
    rows = History.load(data_dir).report(("rule",)).rows
    assert [(row["rule"], row["shown"]) for row in rows] == [
        ("checkout:>40", 1),
        (MEAL, 2),
        (OLD_LARGE_MEAL, 1),
    ]


def test_the_per_rule_views_name_the_rule(burgers: Path) -> None:
    dashboard = build_dashboard(History.load(burgers))
    labels = [key_text(row["rule"], "rule", NAMES) for row in dashboard.by_rule.rows]
    assert "upsell: Cheeseburger -> Cheeseburger Meal" in labels
    assert "upsell: Cheeseburger Meal -> next size" in labels
    assert "meal: Cheeseburger Meal" in labels, "the meal prompt at payment is a rule of its own"


# -- coaching, rule by rule ------------------------------------------------------------------------


def _asks(cashier: str, trigger: str, asked: int, skipped: int) -> list[dict[str, Any]]:
    return [prompt(cashier=cashier, trigger=trigger)] * asked + [
        prompt(cashier=cashier, trigger=trigger, outcome="skipped")
    ] * skipped


def test_a_cashier_is_set_beside_the_others_on_the_same_rules(data_dir: Path) -> None:
    """D works the hard prompt alone (rule 3 -> 31, which nobody asks much), and asks it as the others
    do: not flagged, though D's 30 % is far below the store's. E asks the easy one less than the others."""
    write(
        data_dir,
        _asks("A", "1", 180, 20)
        + _asks("A", "3", 30, 70)
        + _asks("B", "1", 170, 30)
        + _asks("B", "3", 35, 65)
        + _asks("D", "3", 30, 70)
        + _asks("E", "1", 60, 40),
    )
    _, cashiers = coaching(History.load(data_dir))
    flags = {coach.row["cashier"]: coach.flag for coach in cashiers}
    assert flags["D"] is None
    # E beside A and B on rule 1 only: 350 of 400 (83-90 %), E's 60 of 100 (50-69 %)
    assert flags["E"] == "asks less than the others on the same prompts: 60% (50%-69%) against 88% (84%-90%)"
    assert flags["A"] is None and flags["B"] is None
    ranks = {coach.row["cashier"]: coach.row.get("rank") for coach in cashiers}
    assert ranks["E"] == 4, "last: the furthest below the others on its prompts"


def test_a_cashier_no_other_worked_beside_is_neither_flagged_nor_ranked(data_dir: Path) -> None:
    write(data_dir, _asks("A", "1", 10, 90) + _asks("B", "3", 90, 10))
    _, cashiers = coaching(History.load(data_dir))
    assert [(coach.flag, coach.row.get("rank")) for coach in cashiers] == [(None, None), (None, None)]


# -- the position heard ----------------------------------------------------------------------------


MEAL_AND_PIE = '\n[[upsell]]\nitem = "1"\nto = "31"\n\n[[cross_sell]]\nwhen = ["1"]\noffer = "40"\n'


def _answered(sale: Sale, code: str, outcomes: list[Outcome]) -> list[PromptEvent]:
    replies = list(outcomes)
    return [
        sale.answer(offer, Outcome.HELD_OUT if offer.held_out else replies.pop(0), 500)
        for offer in sale.prompts_for(sale.add(code))
    ]


def test_heard_counts_the_prompts_the_customer_heard() -> None:
    """A skipped prompt carries the number it would have had, and the next prompt heard takes it too."""
    sale = make_sale(make_menu(MEAL_AND_PIE))
    events = _answered(sale, "1", [Outcome.SKIPPED, Outcome.DECLINED])
    events += _answered(sale, "20", [Outcome.ACCEPTED])
    assert [(event.seq, event.heard) for event in events] == [(1, 1), (2, 1), (3, 2)]


def test_a_chance_held_out_is_never_heard() -> None:
    menu = make_menu(MEAL_AND_PIE, header=HEADER + '\n[rules]\nholdout = "0.5"\n')
    for seed in range(40):
        events = _answered(make_sale(menu, seed=seed), "1", [Outcome.DECLINED, Outcome.DECLINED])
        if [event.outcome for event in events] == ["held_out", "declined"]:
            break
    else:
        pytest.fail("no seed held out the upsell alone")
    assert [(event.seq, event.heard) for event in events] == [(1, 0), (2, 1)]


def test_with_a_cap_of_5_no_prompt_is_heard_sixth(burgers: Path) -> None:
    history = History.load(burgers)
    assert max(row["seq"] for row in history.report(("seq",)).rows) > 5, (
        "chances held out and codes count in seq"
    )
    places = build_dashboard(history).by_place.rows
    assert [row["heard"] for row in places] == [1, 2, 3, 4, 5]


def test_an_order_that_opens_with_a_code_redeemed_starts_its_prompts_at_1(burgers: Path) -> None:
    events = _events(burgers)
    opened = {event["order"] for event in events if event["outcome"] == "redeemed" and event["seq"] == 1}
    firsts = {}
    for event in sorted(events, key=lambda event: event["seq"]):
        if event["order"] in opened and event["heard"] and event["order"] not in firsts:
            firsts[event["order"]] = event
    assert len(firsts) > 1
    assert {event["heard"] for event in firsts.values()} == {1}


def test_by_heard_has_no_row_for_the_chances_held_out(tacos: Path) -> None:
    """A chance held out is never heard: its `heard` 0 row showed zeros everywhere, its holdout
    figures null (a lift compares prompted and held-out chances of one group)."""
    history = History.load(tacos)
    for by in (("heard",), ("heard", "kind")):
        report = history.report(by)
        assert report.rows and all(row["heard"] > 0 for row in report.rows)
        assert len(report.row_stores) == len(report.rows)
        assert sum(row["shown"] for row in report.rows) == report.totals["shown"], "nothing shown is left out"
    assert any(event["outcome"] == "held_out" for event in _events(tacos))


def _v2_order(**fields: Any) -> dict[str, Any]:
    return prompt(order="T1-20261123-0007", **fields)


def test_older_records_number_the_prompts_heard_from_their_order(data_dir: Path) -> None:
    """An order that opens with a redeemed code starts its prompts at no. 1."""
    write(
        data_dir,
        [
            _v2_order(seq=1, kind="after_sale", trigger=None, offer="40", outcome="redeemed", code="X"),
            _v2_order(seq=2, outcome="held_out"),
            _v2_order(seq=3, kind="cross_sell", offer="20", outcome="skipped"),
            _v2_order(seq=4, kind="cross_sell", offer="50", outcome="declined"),
            _v2_order(seq=5, kind="checkout", trigger=None, offer="42", outcome="accepted"),
        ],
    )
    write(data_dir, [order(order="T1-20261123-0007", voided_lines=[])], table="orders")
    rows = History.load(data_dir).report(("heard",)).rows
    assert [(row["heard"], row["shown"]) for row in rows] == [(1, 2), (2, 1)], "the chance held out: no row"


def test_a_report_by_rule_or_heard_says_so_in_every_format(burgers: Path) -> None:
    from pos.reports.text import csv_text, json_text

    report = History.load(burgers, by=("rule", "heard")).report(("rule", "heard"))
    assert csv_text(report).splitlines()[0].startswith("rule,heard,shown")
    rows = json.loads(json_text(report))["rows"]
    assert {"rule", "heard"} <= set(rows[0]) and isinstance(rows[0]["heard"], int)


def test_the_html_page_names_each_rule_whole(burgers: Path) -> None:
    from pos.reports.html import rate_bars

    rows = History.load(burgers).report(("rule",)).rows
    labels = [key_text(row["rule"], "rule", NAMES) for row in rows]
    svg = rate_bars("By rule", rows, labels)
    assert ">upsell: Cheeseburger -&gt; Cheeseburger Meal<" in svg
    assert ">cross-sell: Burger (category), Chicken Nuggets -&gt; Medium Fries<" in svg
