"""An attack on issue 26: a prompt logs the id of the menu RULE that made it (the menu's `id`, or one
derived from the rule), not one made of the item first keyed; ids read back unambiguously."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pos.core.analytics.coaching import coaching
from pos.core.analytics.insights import wording_tests
from pos.core.analytics.report import History
from pos.core.base.events import Outcome
from pos.core.selling.menu_loader import MenuError, parse_menu
from pos.core.selling.rule_ids import event_rule_id, rule_label
from tests.support.hand_logs import prompt, write
from tests.support.sales import make_sale, offers_for
from tests.support.small_menus import ITEMS, make_menu, menu_text

SWAP_THEN_CHIPS = """
[[upsell]]
item = "1"
to = "31"

[[cross_sell]]
when = ["1"]
offer = "40"
pitch = ["CB-a {price}", "CB-b {price}"]

[[cross_sell]]
when = ["31"]
offer = "40"
pitch = ["MEAL-a {price}", "MEAL-b {price}"]
"""


def _rules(rules: str) -> list[str | None]:
    sale = make_sale(make_menu(rules))
    line = sale.add("1")
    events = []
    for offer in sale.prompts_for(line):
        events.append(sale.answer(offer, Outcome.ACCEPTED, 900))
    return [event.rule for event in events]


def test_a_cross_sell_after_an_upsell_logs_the_rule_that_fired() -> None:
    """The Cheeseburger upsold to the Cheeseburger Meal item: the meal's cross-sell rule fires, and it
    was logged under the Cheeseburger's id (`cross_sell:1>40`), mixing two rules' wordings."""
    assert _rules(SWAP_THEN_CHIPS) == ["upsell:1>31", "cross_sell:31>40"]


def test_a_category_rule_is_one_rule_whichever_item_fired_it() -> None:
    rules = '\n[[cross_sell]]\nwhen = ["category:burger", "41"]\noffer = "20"\nsize = "Medium"\n'
    menu = make_menu(rules)
    logged = set()
    for code in ("1", "2"):
        sale = make_sale(menu)
        (offer,) = offers_for(sale, code, [])
        logged.add(sale.answer(offer, Outcome.DECLINED, 900).rule)
    assert logged == {"cross_sell:category:burger,41>20@Medium"}
    assert (
        rule_label(str(logged.pop()), menu.names()) == "cross-sell: Burger (category), Cookie -> Medium Fries"
    )


def test_an_upsell_no_rule_made_is_derived_from_the_item() -> None:
    sale = make_sale(make_menu())
    (offer,) = offers_for(sale, "20", [])
    assert sale.answer(offer, Outcome.DECLINED, 900).rule == "upsell:20>20@Medium"


def test_a_menu_id_names_the_rule_in_every_kind() -> None:
    rules = """
[[upsell]]
id = "meal deal"
item = "1"
to = "31"

[[cross_sell]]
id = "pie: after the meal"
when = ["31"]
offer = "40"
"""
    assert _rules(rules) == ["meal deal", "pie: after the meal"]
    assert rule_label("pie: after the meal", {}) == "pie: after the meal"
    menu = make_menu(
        rules
        + '\n[[checkout]]\nid = "co"\noffer = "41"\n'
        + '\n[[after_sale]]\nid = "back"\noffer = "40"\nvalid_days = 7\n'
        + '\n[[nudge]]\nid = "ten"\nthreshold = "10.00"\nwithin = "2.00"\ndiscount = "1.00"\nsuggest = ["40"]\n'
    )
    assert sorted(menu.rule_ids.values()) == ["back", "co", "meal deal", "pie: after the meal", "ten"]


def test_derived_ids_of_each_kind() -> None:
    menu = make_menu(
        '\n[[upsell]]\ncategory = "side"\nto = "largest"\n'
        '\n[[nudge]]\nthreshold = "10.00"\nwithin = "2.00"\nreward = "40"\nsuggest = ["41"]\n'
        '\n[[nudge]]\nthreshold = "20.00"\nwithin = "2.00"\ndiscount = "1.50"\nsuggest = ["41"]\n'
        '\n[[checkout]]\noffer = "50"\nsize = "Large"\n'
    )
    names = menu.names()
    assert [rule_label(rule, names) for rule in menu.rule_ids.values()] == [
        "upsell: Side (category) -> largest size",
        "nudge: spend 10.00 -> Apple Pie",
        "nudge: spend 20.00 -> 1.50 off",
        "checkout: Large Cola",
    ]


def _errors(rules: str) -> str:
    with pytest.raises(MenuError) as caught:
        parse_menu(menu_text(rules), Path("shop.toml"))
    return str(caught.value)


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ('""', "expected 1 to 64 printable characters"),
        ("7", "expected 1 to 64 printable characters"),
        ('"' + "x" * 65 + '"', "expected 1 to 64 printable characters"),
        ('"   "', "expected 1 to 64 printable characters"),
        ('"upsell:1>40"', "reads like an id pos makes"),
    ],
)
def test_a_bad_menu_id_names_file_rule_and_field(written: str, problem: str) -> None:
    errors = _errors(f'\n[[checkout]]\nid = {written}\noffer = "40"\n')
    assert "shop.toml:" in errors and 'checkout #1, field "id"' in errors and problem in errors


def test_a_menu_id_is_unique_across_the_menu() -> None:
    errors = _errors(
        '\n[[checkout]]\nid = "pie"\noffer = "40"\n\n[[cross_sell]]\nid = "pie"\nwhen = ["1"]\noffer = "41"\n'
    )
    assert "checkout #1, field \"id\": 'pie' is the id of cross_sell #1 too" in errors
    assert "cross_sell #1, field \"id\": 'pie' is the id of checkout #1 too" in errors
    taken = _errors(
        '\n[[checkout]]\noffer = "40"\n\n[[cross_sell]]\nid = "x"\nwhen = ["1"]\noffer = "41"\n'
        '\n[[cross_sell]]\nid = "x"\nwhen = ["2"]\noffer = "41"\n'
    )
    assert "is the id of cross_sell #2 too" in taken


def test_two_rules_deriving_one_id_are_warned_of() -> None:
    menu = make_menu(
        '\n[[cross_sell]]\nwhen = ["1"]\noffer = "40"\ndayparts = ["lunch"]\n'
        '\n[[cross_sell]]\nwhen = ["1"]\noffer = "40"\ndayparts = ["dinner"]\n'
    )
    assert any("cross_sell #1, cross_sell #2 have one id, 'cross_sell:1>40'" in w for w in menu.warnings)


def test_menu_check_lists_each_rules_id_and_refuses_a_bad_one(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text(menu_text(SWAP_THEN_CHIPS.replace('to = "31"', 'to = "31"\nid = "make it a meal"')))
    bad.write_text(menu_text('\n[[checkout]]\nid = ""\noffer = "40"\n'))
    run = [sys.executable, "-m", "pos", "menu", "check"]
    shown = subprocess.run([*run, str(good)], capture_output=True, text=True, check=True).stdout
    assert "upsell #1" in shown and "make it a meal" in shown and "cross_sell:31>40" in shown
    refused = subprocess.run([*run, str(bad)], capture_output=True, text=True)
    assert refused.returncode == 2 and 'checkout #1, field "id"' in refused.stderr
    assert "Traceback" not in refused.stderr


ODD_SIZES = (
    ITEMS.replace('name = "Small", price = "1.79"', 'name = "S:1>2", price = "1.79"')
    .replace('name = "Medium", price = "2.29"', 'name = "M@big,x", price = "2.29"')
    .replace('category = "burger"', 'category = "a:b>c@d,e"')
)


def test_ids_read_back_whatever_a_size_or_category_holds() -> None:
    rules = '\n[[cross_sell]]\nwhen = ["category:a:b>c@d,e", "20"]\noffer = "20"\nsize = "M@big,x"\n'
    menu = parse_menu(menu_text(rules, items=ODD_SIZES), Path("odd.toml"))
    (rule,) = menu.rule_ids.values()
    assert rule_label(rule, menu.names()) == "cross-sell: A:b>c@d,e (category), Fries -> M@big,x Fries"
    assert rule_label(event_rule_id("upsell", "20", "20", "S:1>2"), menu.names()) == "upsell: Fries -> S:1>2"
    assert rule_label(event_rule_id("cross_sell", "1", "20", "M@big,x"), {}) == "cross-sell: 1 -> M@big,x 20"
    assert event_rule_id("upsell", "20", "20", "S:1>2") != event_rule_id("upsell", "20", "20", "S:1")


# -- a rule is compared within its store -------------------------------------------------------------


def _shown(store: str, cashier: str, variant: int, asked: int, skipped: int) -> list[dict[str, Any]]:
    fields: dict[str, Any] = {"store": store, "cashier": cashier, "variant": variant, "rule": "upsell:1>31"}
    return [prompt(**fields)] * asked + [prompt(**fields, outcome="skipped")] * skipped


def test_two_stores_reusing_a_rule_id_are_compared_within_each_store(tmp_path: Path) -> None:
    """North asks the meal upsell nine times in ten, South once: South's cashiers, who ask as each
    other do, were flagged beside North's, and one wording verdict mixed both stores' customers."""
    north, south = tmp_path / "north", tmp_path / "south"
    write(north, _shown("North", "A", 0, 90, 10) + _shown("North", "B", 1, 90, 10))
    write(south, _shown("South", "C", 0, 10, 90) + _shown("South", "D", 1, 10, 90))
    history = History.load([north, south])
    tests = wording_tests(history)
    assert sorted(test.title({"1": "Cheeseburger", "31": "Meal"}) for test in tests) == [
        "North: upsell: Cheeseburger -> Meal",
        "South: upsell: Cheeseburger -> Meal",
    ]
    assert sorted(sum(row["asked"] for row in test.variants) for test in tests) == [20, 180]
    _, cashiers = coaching(history)
    assert [coach.flag for coach in cashiers] == [None, None, None, None]
    rows = history.report(("rule",)).rows
    assert len(rows) == 1, "--by rule alone: the same rule across the chain"


def test_the_simulators_truth_is_per_rule(tmp_path: Path) -> None:
    """Two cross-sells offer the Apple Pie (after a Cheeseburger, after the meal it was upsold to):
    two truths, as the reports show two lifts; the truth was one per kind and item."""
    from datetime import date

    from pos.core.log.eventlog import EventLog
    from pos.core.training.simulate import simulate

    menu = parse_menu(
        menu_text(SWAP_THEN_CHIPS).replace("[menu.dayparts]", '[rules]\nholdout = "0.3"\n\n[menu.dayparts]'),
        Path("lab.toml"),
    )
    with EventLog(tmp_path, "SIM", sync=False) as log:
        totals = simulate(menu, log, orders=150, seed=2, cashiers=2, first_day=date(2026, 11, 23), days=1)
    assert {"upsell:1>31", "cross_sell:1>40", "cross_sell:31>40"} <= set(totals.expected_lift)
    rules = {
        row["rule"] for row in History.load(tmp_path).report(("rule",)).rows if row.get("lift") is not None
    }
    assert rules <= set(totals.expected_lift)
