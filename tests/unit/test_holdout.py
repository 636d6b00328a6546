"""The holdout: a share of prompt chances held out at random, not shown, logged `held_out`."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pos.core.analytics.dashboard import build_dashboard
from pos.core.analytics.lift import lift_metrics
from pos.core.analytics.report import History, build_report
from pos.core.base.events import Outcome
from pos.core.selling.menu_loader import MenuError
from pos.core.selling.order import MealLine
from pos.core.training.drill import DrillRun, Level
from pos.core.training.drill_coach import DrillCoach
from pos.reports.outcomes import lift_sentences
from tests.support.counter_kit import key_in, make_counter, type_keys
from tests.support.hand_logs import order, order_line, prompt, write
from tests.support.in_process import PosReport
from tests.support.sales import make_sale
from tests.support.small_menus import HEADER, make_menu

FRIES = '\n[[cross_sell]]\nwhen = ["1"]\noffer = "20"\nholdout = "0.5"\n'
HALF = HEADER + '\n[rules]\nholdout = "0.5"\n'


def test_a_rule_holds_out_about_its_share_of_chances_seeded() -> None:
    held = 0
    for seed in range(400):
        sale = make_sale(make_menu(FRIES), seed=seed)
        line = sale.add("1")
        offers = [offer for offer in sale.prompts_for(line) if offer.kind.name == "cross_sell"]
        held += offers[0].held_out
    assert 160 <= held <= 240, "about half of 400"
    again = [make_sale(make_menu(FRIES), seed=7) for _ in range(2)]
    first = [list(sale.prompts_for(sale.add("1")))[-1].held_out for sale in again]
    assert first[0] == first[1], "the same seed holds out the same chances"


def test_a_held_out_chance_is_logged_not_shown_and_not_counted_by_the_cap() -> None:
    menu = make_menu(header=HALF + "max_prompts_per_order = 1\n")
    for seed in range(20):
        counter, recorder = make_counter(menu)
        counter.shop.rng.seed(seed)
        key_in(counter, "20")  # the fries' upsell: a chance
        if recorder.prompts and recorder.prompts[0].outcome == "held_out":
            break
    else:
        pytest.fail("no chance held out in 20 seeds at a share of 0.5")
    event = recorder.prompts[0]
    assert (event.outcome, event.response_ms, event.seq) == ("held_out", 0, 1)
    assert not counter.prompting, "nothing shown"
    key_in(counter, "50")  # the cap of 1 counts prompts shown: the cola's upsell may still come
    assert counter.prompting or recorder.prompts[-1].outcome == "held_out"
    while counter.prompting:
        type_keys(counter, "n")
    type_keys(counter, "f10", "enter")
    assert recorder.orders[-1].prompts == sum(p.outcome != "held_out" for p in recorder.prompts)


def test_drills_never_hold_out() -> None:
    menu = make_menu(header=HALF)
    run = DrillRun("x", [], Level.EASY, random.Random(1), lambda: 0.0)
    counter, _ = make_counter(menu, DrillCoach(run))
    assert not counter.sale.holding_out


def test_the_report_counts_held_out_chances_in_no_rate(data_dir: Path) -> None:
    folder = data_dir
    counter, _ = make_counter(make_menu(header=HALF), log_to=folder)
    for _ in range(12):
        key_in(counter, "20")
        while counter.prompting:
            type_keys(counter, "y")
        type_keys(counter, "f10", "enter", "enter")
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    report = build_report(folder)
    lines = [line for path in folder.rglob("*.prompts.jsonl") for line in path.read_text().splitlines()]
    held = sum('"held_out"' in line for line in lines)
    assert held and report.totals["shown"] == len(lines) - held
    assert report.totals["accepted"] == report.totals["shown"], "every prompt shown was taken"


@pytest.mark.parametrize(
    ("text", "entry", "says"),
    [
        (HEADER + '\n[rules]\nholdout = "0.6"\n', "[rules]", "a share from 0 to 0.5"),
        (HEADER + '\n[rules]\nholdout = "-0.1"\n', "[rules]", "a share from 0 to 0.5"),
        (HEADER + '\n[rules]\nholdout = "half"\n', "[rules]", "expected a decimal number"),
    ],
)
def test_a_bad_holdout_names_file_line_entry_and_field(text: str, entry: str, says: str) -> None:
    with pytest.raises(MenuError) as caught:
        make_menu(header=text)
    (problem,) = caught.value.problems
    assert (problem.entry, problem.field) == (entry, "holdout") and says in problem.message
    assert problem.line is not None


def test_a_rule_s_holdout_overrides_the_menu_s_and_is_checked_too() -> None:
    menu = make_menu(FRIES, header=HEADER + '\n[rules]\nholdout = "0.05"\n')
    assert menu.holdout_for(("cross_sell", 1)) == menu.holdouts[("cross_sell", 1)]
    assert str(menu.holdout_for(("upsell", 3))) == "0.05"
    with pytest.raises(MenuError) as caught:
        make_menu(FRIES.replace('"0.5"', '"0.75"'))
    (problem,) = caught.value.problems
    assert (problem.entry, problem.field) == ("cross_sell #1", "holdout")


def test_outcome_held_out_is_the_spec_s_word() -> None:
    assert str(Outcome.HELD_OUT) == "held_out"


def test_the_lift_equals_a_reading_of_the_raw_files(tmp_path: Path) -> None:
    """Held-out chances, voided orders (left out), lines of 2 and meals: as the events spec says."""
    import json
    from datetime import date

    from pos.core.log.eventlog import EventLog
    from pos.core.selling.menu_loader import load_menu
    from pos.core.training.simulate import simulate
    from tests.conftest import MENUS

    text = (
        (MENUS / "burger_counter.toml")
        .read_text()
        .replace('max_upsell_ratio = "1.5"', 'max_upsell_ratio = "1.5"\nholdout = "0.3"')
    )
    menu_path = tmp_path / "menu.toml"
    menu_path.write_text(text)
    data = tmp_path / "data"
    data.mkdir()
    with EventLog(data, "SIM") as log:
        simulate(
            load_menu(menu_path), log, orders=900, seed=3, cashiers=2, first_day=date(2026, 11, 23), days=1
        )
    events = [
        json.loads(line) for path in data.rglob("*.prompts.jsonl") for line in path.read_text().splitlines()
    ]
    orders = {
        record["order"]: record
        for path in data.rglob("*.orders.jsonl")
        for record in map(json.loads, path.read_text().splitlines())
    }

    def ended_with(order: str, code: str, size: str | None) -> bool:
        lines = orders[order]["lines"]
        every = [*lines, *(part for line in lines for part in line.get("components") or [])]
        return any(line["code"] == code and line["size"] == size for line in every)

    chances = [e for e in events if e["outcome"] in ("accepted", "declined", "skipped", "held_out")]
    assert any(o["status"] == "voided" for o in orders.values()) and any(
        e["outcome"] == "held_out" for e in chances
    )
    rows = {(row["kind"], row["offer"]): row for row in build_report(data, ("kind", "offer")).rows}
    checked = 0
    for (kind, offer), row in rows.items():
        mine = [e for e in chances if (e["kind"], e["offer"]) == (kind, offer)]
        paid = [e for e in mine if orders[e["order"]]["status"] == "paid"]
        prompted = [e for e in paid if e["outcome"] != "held_out"]
        held = [e for e in paid if e["outcome"] == "held_out"]
        if not prompted or not held:
            assert row.get("lift") is None
            continue
        rate_p = sum(ended_with(e["order"], e["offer"], e["size"]) for e in prompted) / len(prompted)
        rate_h = sum(ended_with(e["order"], e["offer"], e["size"]) for e in held) / len(held)
        assert row["attach_prompted"] == pytest.approx(rate_p, abs=1e-6)
        assert row["attach_held_out"] == pytest.approx(rate_h, abs=1e-6)
        assert row["lift"] == pytest.approx(rate_p - rate_h, abs=2e-6)
        checked += 1
    assert checked >= 5
    assert any(line["qty"] == 2 for o in orders.values() for line in o["lines"]), "lines of 2 among them"


def _fries_held_out_meal_not(data_dir: Path) -> None:
    """Fries after a burger (the menu's id "fries") held out once in three chances, the meal upsell
    never (an older event, without `rule`)."""
    fries = {"kind": "cross_sell", "offer": "20", "rule": "fries", "delta": 150}
    chances: list[tuple[int, dict[str, Any], list[dict[str, Any]]]] = [
        (1, {**fries, "outcome": "accepted"}, [order_line("20", 150, prompt=1, source="cross_sell")]),
        (2, {**fries, "outcome": "declined"}, []),
        (3, {**fries, "outcome": "held_out"}, []),
        (4, {"outcome": "accepted"}, [order_line("31", 600, prompt=1, source="upsell")]),
        (5, {"outcome": "accepted"}, [order_line("31", 600, prompt=1, source="upsell")]),
    ]
    write(data_dir, [prompt(order=f"T1-20261123-000{n}", seq=1, **event) for n, event, _ in chances])
    write(data_dir, [order(order=f"T1-20261123-000{n}", lines=lines) for n, _, lines in chances], "orders")


def test_the_totals_lift_compares_only_the_rules_held_out(data_dir: Path) -> None:
    """The totals' shares, lift and worth are the fries rule's, as the text's sentence says, not a
    mix with the meal's prompted chances that nothing held out is compared with."""
    _fries_held_out_meal_not(data_dir)
    report = build_report(data_dir, ("rule",))
    (row,) = [row for row in report.rows if row["rule"] == "fries"]
    assert row["attach_prompted"] == 0.5 and row["attach_held_out"] == 0.0
    lift = (
        "attach_prompted",
        "attach_held_out",
        "lift",
        "lift_low",
        "lift_high",
        "caused_per_100",
        "more_chances",
    )
    assert {key: report.totals.get(key) for key in lift} == {key: row.get(key) for key in lift}
    (meal,) = [row for row in report.rows if row["rule"] != "fries"]
    assert meal["attach_prompted"] == 1.0 and meal["lift"] is None, "a rule never held out: its share alone"


def test_a_rule_of_the_menu_s_own_id_is_named_as_what_is_asked(data_dir: Path) -> None:
    """An id names no offer: "asking 'fries'", never "prompting for fries"."""
    _fries_held_out_meal_not(data_dir)
    (said,) = lift_sentences(build_dashboard(History.load(data_dir)), {"20": "Fries"}, "USD")
    more = build_report(data_dir).totals["more_chances"]
    assert (
        said
        == f"No proof yet that asking 'fries' changes what customers take, about {more:,} more chances needed."
    )


def _lift_of(prompted: np.ndarray, held: np.ndarray) -> tuple[float, float]:
    """The report's interval (`lift_metrics`) for one offer's chances."""
    took = np.concatenate([prompted, held]).astype(np.int64)
    is_held = np.concatenate([np.zeros(len(prompted), bool), np.ones(len(held), bool)])
    (row,) = lift_metrics(
        np.zeros(len(took), np.int64), 1, is_held, np.ones(len(took), bool), took, np.full(len(took), 100)
    )
    assert row["lift_low"] is not None and row["lift_high"] is not None
    return row["lift_low"], row["lift_high"]


def test_the_interval_covers_the_true_lift_at_every_look_in_at_least_95_percent_of_runs() -> None:
    rng = np.random.default_rng(16)
    runs, missed = 200, 0
    for _ in range(runs):
        prompted = rng.random(600) < 0.35  # the truth: 35 % take it when prompted, 20 % unprompted
        held = rng.random(150) < 0.20
        looks = [(n, n // 4) for n in range(100, 601, 100)]  # read after every 100 prompted chances
        if any(not low <= 0.15 <= high for low, high in (_lift_of(prompted[:p], held[:h]) for p, h in looks)):
            missed += 1
    assert missed / runs <= 0.05, f"missed the truth at some look in {missed} of {runs} runs"


def test_with_no_lift_the_verdict_names_no_winner_more_often_than_promised() -> None:
    rng = np.random.default_rng(61)
    runs, false_wins = 200, 0
    for _ in range(runs):
        prompted = rng.random(600) < 0.25
        held = rng.random(150) < 0.25
        looks = [(n, n // 4) for n in range(100, 601, 100)]
        if any(low > 0 or high < 0 for low, high in (_lift_of(prompted[:p], held[:h]) for p, h in looks)):
            false_wins += 1
    assert false_wins / runs <= 0.05, f"a winner named in {false_wins} of {runs} runs with equal rates"


LIFT_LAB = """
[menu]
name = "Lift Lab"
currency = "USD"
tax_rate = "0"

[rules]
holdout = "0.5"

[[item]]
code = "1"
name = "Burger"
category = "main"
price = "4.00"

[[item]]
code = "2"
name = "Fries"
category = "side"
price = "2.50"

[[item]]
code = "3"
name = "Cola"
category = "drink"
price = "1.50"

[[item]]
code = "4"
name = "Pie"
category = "dessert"
price = "1.50"

[[item]]
code = "5"
name = "Tea"
category = "tea"
price = "6.00"

[[combo]]
code = "M"
name = "Burger Meal"
price = "7.00"
slots = [{ name = "main", choose = ["1"] }, { name = "side", choose = ["2"] }, { name = "drink", choose = ["3"] }]

[[nudge]]
threshold = "10.00"
within = "6.00"
discount = "0.50"
suggest = ["5"]

[[checkout]]
offer = "4"
"""
"""The offers at payment, each of an item no other rule offers: a meal, a nudge and a checkout offer.
What the order holds by then cannot hold the offer (it would not be made), and no revisit follows,
so the simulator's lift for each chance is exact: the cashier's ask rate times the yes when asked,
less the share of customers not asked who take it anyway."""


def test_simulated_histories_report_a_lift_whose_interval_covers_the_model_s(tmp_path: Path) -> None:
    """A meal and two items (`LIFT_LAB`): over seeded shifts, the reported lift of each is centred on
    the simulated truth and its interval holds it in at least 95 % of (shift, offer) pairs. (Small
    shifts give wide intervals: how tight the interval is for its error rate is tested above, on
    many more chances.)"""
    from datetime import date

    from pos.core.log.eventlog import EventLog
    from pos.core.selling.menu_loader import load_menu
    from pos.core.training.simulate import simulate

    (tmp_path / "menu.toml").write_text(LIFT_LAB)
    menu = load_menu(tmp_path / "menu.toml")
    pairs = covered = 0
    gaps: dict[str, list[float]] = {"meal": [0.0, 0.0], "nudge": [0.0, 0.0], "checkout": [0.0, 0.0]}
    taken_unasked: dict[str, float] = dict.fromkeys(gaps, 0.0)
    for seed in range(16):
        data = tmp_path / f"shift{seed}"
        data.mkdir()
        with EventLog(data, "SIM", sync=False) as log:
            totals = simulate(
                menu, log, orders=300, seed=seed, cashiers=3, first_day=date(2026, 11, 23), days=1
            )
        for row in build_report(data, ("kind", "rule")).rows:
            truth = totals.expected_lift[row["rule"]]
            low, high, lift = row.get("lift_low"), row.get("lift_high"), row.get("lift")
            if low is None or high is None or lift is None:
                continue
            pairs += 1
            covered += low <= truth <= high
            gaps[row["kind"]][0] += (lift - truth) * row["shown"]
            gaps[row["kind"]][1] += row["shown"]
            taken_unasked[row["kind"]] += row.get("attach_held_out") or 0.0
    assert pairs == 48, "each kind in each shift"
    assert covered / pairs >= 0.95, f"the interval held the truth in {covered} of {pairs}"
    for kind, (gap, shown) in gaps.items():
        assert abs(gap / shown) < 0.06, f"the {kind} lift reported is centred on the model's"
        assert taken_unasked[kind] > 0, f"customers not asked take a {kind} offer anyway"


def test_the_verdicts_are_in_the_text_report_and_the_html_page(pos_report: PosReport, tmp_path: Path) -> None:
    from datetime import date

    from pos.core.log.eventlog import EventLog
    from pos.core.selling.menu_loader import load_menu
    from pos.core.training.simulate import simulate
    from tests.conftest import MENUS

    text = (
        (MENUS / "burger_counter.toml")
        .read_text()
        .replace('max_upsell_ratio = "1.5"', 'max_upsell_ratio = "1.5"\nholdout = "0.3"')
    )
    (tmp_path / "menu.toml").write_text(text)
    data = tmp_path / "data"
    data.mkdir()
    with EventLog(data, "SIM") as log:
        simulate(
            load_menu(tmp_path / "menu.toml"),
            log,
            orders=600,
            seed=5,
            cashiers=2,
            first_day=date(2026, 11, 23),
            days=1,
        )
    table = pos_report("--data", str(data))
    assert table.returncode == 0 and "Does prompting pay?" in table.stdout
    assert "more chances needed" in table.stdout or "worth asking" in table.stdout
    page = tmp_path / "report.html"
    assert pos_report("--data", str(data), "--format", "html", "--output", str(page)).returncode == 0
    html = page.read_text()
    assert "<h2>Does prompting pay?</h2>" in html and (
        "more chances needed" in html or "worth asking" in html
    )


def test_a_customer_not_asked_may_take_every_kind_of_offer_themselves() -> None:
    """Held out, a customer may still ask for the offer (`UNPROMPTED`, whatever its kind): the paid
    order then ends with the offered item and size, and no line names the prompt."""
    from pos.core.selling.engine import Sale
    from pos.core.selling.menu_loader import load_menu
    from pos.core.selling.offer import Offer
    from pos.core.training.simulate import _take_unprompted
    from tests.conftest import MENUS
    from tests.support.taco_menu import taco_menu

    burgers = load_menu(MENUS / "burger_counter.toml")
    shapes: set[str] = set()
    kinds: set[str] = set()

    def take(sale: Sale, offers: Iterator[Offer]) -> list[Offer]:
        taken = []
        for offer in offers:
            sale.answer(offer, Outcome.HELD_OUT, 0)
            _take_unprompted(random.Random(1), sale, offer)
            taken.append(offer)
            kinds.add(offer.kind.name)
            line = offer.line
            shapes.add(
                "meal one size up"
                if offer.kind.upgrades_line and isinstance(line, MealLine)
                else "a meal"
                if offer.makes_meal
                else "a size"
                if offer.kind.upgrades_line and line is not None and line.item is offer.item
                else "another item"
                if offer.kind.upgrades_line
                else "an add-on"
            )
        return taken

    def paid_with_each(sale: Sale, taken: list[Offer]) -> None:
        sale.best_deal()
        taken += take(sale, sale.payment_offers())
        record = sale.pay(sale.order.total)
        every = record.every_line
        for offer in taken:
            assert (offer.item.code, offer.size) in {(line.code, line.size) for line in every}, offer
        assert all(line.prompt is None and line.added == 0 for line in every)

    meal = make_sale(burgers)  # a meal made of a cheeseburger
    paid_with_each(meal, take(meal, meal.prompts_for(meal.add("1"))))
    large = make_sale(burgers)  # a keyed meal made large, and a pie with it
    combo = burgers.combos["31"]
    (keyed, *_) = large.add_meal(combo, [slot.choices[0] for slot in combo.slots], 1)
    paid_with_each(large, take(large, large.prompts_for(keyed)))
    sides = make_sale(burgers)  # fries in the next size, a cheeseburger with them, the meal at payment
    paid_with_each(sides, take(sides, sides.prompts_for(sides.add("20"))))
    tacos = make_sale(taco_menu())  # a burrito instead of the quesadilla
    paid_with_each(tacos, take(tacos, tacos.prompts_for(tacos.add("Q1"))))
    nudged = make_sale(taco_menu())  # 10.00 of 12.50: the nudge suggests an Elote
    nudged.add("Q1", qty=1)
    nudged.add("C1")
    paid_with_each(nudged, [])
    assert shapes == {"a meal", "meal one size up", "a size", "another item", "an add-on"}
    assert kinds == {"meal", "upsell", "cross_sell", "checkout", "nudge"}
