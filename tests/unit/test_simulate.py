"""`pos simulate`: a deterministic, realistic shift through the real engine and log."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

from pos.core.log.eventlog import EventLog
from pos.core.selling.menu_loader import load_menu
from pos.core.training.simulate import simulate
from tests.conftest import MENUS


def run(
    data_dir: Path,
    seed: int = 3,
    orders: int = 600,
    days: int = 3,
    cashiers: int = 3,
    menu: str = "burger_counter.toml",
) -> list[dict[str, object]]:
    with EventLog(data_dir, "SIM", sync=False) as log:
        totals = simulate(
            load_menu(MENUS / menu),
            log,
            orders=orders,
            seed=seed,
            cashiers=cashiers,
            first_day=date(2026, 11, 20),
            days=days,
        )
    assert totals.orders == orders
    events = [
        json.loads(line)
        for path in sorted((data_dir / "log").glob("*/SIM.prompts.jsonl"))
        for line in path.read_text().splitlines()
    ]
    assert totals.prompts == sum(e["outcome"] in ("accepted", "declined", "skipped") for e in events)
    assert totals.codes == sum(e["outcome"] == "issued" for e in events)
    assert totals.accepted_value == sum(e["delta"] for e in events if e["outcome"] == "accepted")
    assert totals.kept < totals.accepted_value, "some customers change their minds"
    return events


def test_same_seed_same_shift(tmp_path: Path) -> None:
    """The same shift but for the receipt codes and the store id: each folder's secret and id come
    from the system's random source, never from a seed, so nobody can work out a store's codes from
    its simulations, and two simulated stores are two stores."""
    first = run(tmp_path / "a")
    second = run(tmp_path / "b")
    assert _without_codes(first) == _without_codes(second)
    codes = [event["code"] for event in first if "code" in event]
    assert codes and codes != [event["code"] for event in second if "code" in event]
    assert first[0]["store_id"] != second[0]["store_id"]
    assert run(tmp_path / "c", seed=4) != first


def _without_codes(events: list[dict[str, object]]) -> list[dict[str, object]]:
    hidden = {"code": "", "pitch": "", "template": "", "store_id": ""}
    return [event | {key: hidden[key] for key in hidden if key in event} for event in events]


def test_orders_spread_over_the_days_and_dayparts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    events = run(data)
    orders = [
        json.loads(line)
        for path in sorted((data / "log").glob("*/SIM.orders.jsonl"))
        for line in path.read_text().splitlines()
    ]
    assert Counter(o["ts"][:10] for o in orders) == {"2026-11-20": 200, "2026-11-21": 200, "2026-11-22": 200}
    assert {"breakfast", "lunch", "dinner"} <= {e["daypart"] for e in events}
    assert len({o["order"] for o in orders}) == 600
    paid = [o for o in orders if o["status"] == "paid"]
    assert 0 < len(orders) - len(paid) < 30, "a few customers walk away at the total"
    assert all(o["tendered"] >= o["total"] == o["subtotal"] + o["tax"] for o in paid)
    assert all(o["change"] == o["tendered"] - o["total"] for o in paid)
    assert any(o["voided_lines"] for o in orders), "and a few take a line back"


def test_every_kind_and_outcome_with_cashiers_who_differ(tmp_path: Path) -> None:
    events = run(tmp_path, orders=1200, days=2, cashiers=4)
    assert {e["kind"] for e in events} == {"upsell", "cross_sell", "meal", "nudge", "checkout", "after_sale"}
    assert {e["outcome"] for e in events} == {"accepted", "declined", "skipped", "issued", "redeemed"}
    meals = [e for e in events if e["offer"] in ("31", "33", "34", "B1")]
    assert {(e["kind"], e["outcome"]) for e in meals} >= {
        ("meal", "accepted"),
        ("upsell", "accepted"),
    }, "meal prompts, make it a meal and make the meal large are answered yes too"
    assert {e["variant"] for e in events} == {0, 1}
    asked = [e for e in events if e["kind"] != "after_sale"]  # a receipt's code is printed, not asked
    ask_rates = {}
    for cashier in {e["cashier"] for e in asked}:
        theirs = [e for e in asked if e["cashier"] == cashier]
        ask_rates[cashier] = sum(e["outcome"] != "skipped" for e in theirs) / len(theirs)
    assert len(ask_rates) == 4
    assert max(ask_rates.values()) - min(ask_rates.values()) > 0.1
    assert all(int(str(e["response_ms"])) > 0 for e in asked)


def test_sometimes_a_size_is_named_and_sometimes_two(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run(data, orders=1000, days=1)
    lines = [
        line
        for path in (data / "log").glob("*/SIM.orders.jsonl")
        for order in map(json.loads, path.read_text().splitlines())
        for line in order["lines"]
    ]
    assert any(line["qty"] == 2 for line in lines)
    assert any(
        line["source"] == "entered" and line["size"] not in (None, "Small", "Regular", "6 pc")
        for line in lines
    )


def test_another_menu(tmp_path: Path) -> None:
    events = run(tmp_path, menu="coffee_bar.toml", orders=300, days=1)
    assert events and all(e["store"] == "Corner Coffee Bar" for e in events)


def test_some_declined_offers_are_brought_back_and_reported_apart(tmp_path: Path) -> None:
    events = run(tmp_path, orders=800, days=1, cashiers=2)
    again = [e for e in events if e.get("revisit")]
    assert again and all(e["kind"] in ("upsell", "cross_sell") for e in again)
    assert all(e["revisit"] is True for e in again)


def test_a_quarter_of_the_orders_are_paid_by_card_exactly_the_rest_in_cash(tmp_path: Path) -> None:
    run(tmp_path, orders=200, days=1)
    paid = [
        record
        for path in (tmp_path / "log").glob("*/SIM.orders.jsonl")
        for line in path.read_text().splitlines()
        if (record := json.loads(line))["status"] == "paid"
    ]
    by_card = [record for record in paid if record["tenders"][0]["kind"] == "card"]
    assert 0.15 < len(by_card) / len(paid) < 0.35
    for record in by_card:
        assert record["tenders"] == [{"kind": "card", "amount": record["total"]}] and record["change"] == 0
    for record in paid:
        if record not in by_card:
            assert record["tenders"] == [{"kind": "cash", "amount": record["tendered"]}]
