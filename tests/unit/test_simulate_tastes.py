"""`pos simulate --tastes`: customers whose taste depends on the context, and a learned rule choosing
through the counter's own core (`Sale`, `Learning`, the store's answers read from its log) on them.

The all-day counter's tastes (`menus/tastes/all_day_counter.toml`) make a hash brown best at
breakfast, fries at lunch and a pie at dinner or after a side: what each candidate keeps per chance
asked is its chance times its price, known, so the learning can be checked against the truth.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pos.cli import main
from pos.core.log.eventlog import EventLog
from pos.core.selling.menu_loader import load_menu
from pos.core.training.simulate import simulate
from pos.core.training.tastes import Tastes, TastesError, load_tastes
from tests.conftest import MENUS

MENU = load_menu(MENUS / "all_day_counter.toml")
TASTES_FILE = MENUS / "tastes" / "all_day_counter.toml"
PRICES = {"20": 150, "9": 129, "40": 139}
"""What each candidate adds: Medium Fries at the rule's $1.50, a hash brown and a pie at the menu's."""
SETTLED = 150
"""Chances of a context after which the learning has settled on its best candidate."""


def learned_chances(data_dir: Path) -> list[dict[str, Any]]:
    """The learned prompts shown, in the order they were logged."""
    return [
        event
        for path in sorted((data_dir / "log").glob("*/SIM.prompts.jsonl"))
        for line in path.read_text().splitlines()
        if "candidates" in (event := json.loads(line)) and event["outcome"] != "held_out"
    ]


def worth(tastes: Tastes, context: dict[str, Any], code: str) -> float:
    """What an asked chance of `code` keeps on average in `context`: the taste's chance times its price."""
    item = MENU.offered(code)
    assert item is not None
    chance = tastes.chance(context["daypart"], item.key)
    assert chance is not None
    held = item.category in context["has"]
    return (chance * tastes.holding if held else chance) * PRICES[code]


@pytest.fixture(scope="module")
def three_days(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 orders over three days of the all-day counter's customers, in a folder of its own."""
    folder = tmp_path_factory.mktemp("tastes")
    with EventLog(folder, "SIM", sync=False) as log:
        simulate(
            MENU,
            log,
            orders=3_000,
            seed=3,
            cashiers=3,
            first_day=date(2026, 11, 2),
            days=3,
            tastes=load_tastes(TASTES_FILE, MENU),
        )
    return folder


def test_the_learned_choice_settles_on_each_contexts_best_candidate(three_days: Path) -> None:
    """In each context with 250 chances or more, after its first 150, at least 80 % of the choices
    are the best of the candidates allowed, and what the choices made keep per chance (in truth) is
    at least 85 % of what always the best would."""
    tastes = load_tastes(TASTES_FILE, MENU)
    by_context: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in learned_chances(three_days):
        by_context[json.dumps(event["context"], sort_keys=True)].append(event)
    settled = {key: events[SETTLED:] for key, events in by_context.items() if len(events) >= 250}
    assert {json.loads(key)["daypart"] for key in settled} == {"breakfast", "lunch", "dinner"}
    for key, events in settled.items():
        context = json.loads(key)
        best = [max(event["candidates"], key=lambda code: worth(tastes, context, code)) for event in events]
        share = sum(event["offer"] == code for event, code in zip(events, best, strict=True)) / len(events)
        made = sum(worth(tastes, context, event["offer"]) for event in events)
        assert share >= 0.8, (context, share)
        assert made >= 0.85 * sum(worth(tastes, context, code) for code in best), context


def test_the_tastes_are_the_true_chance_of_a_yes_in_every_context(three_days: Path) -> None:
    """What docs/manager.md says the true values are: asked, a customer says yes at the file's chance
    for the daypart (times `holding` where the context has the offer's category), whatever the
    order's lines and whether their basket still holds the item offered (keyed after it, after a
    no as after a yes). Each group's yeses lie within 4 standard deviations of the chances' sum."""
    orders = {
        record["order"]: record
        for path in (three_days / "log").glob("*/SIM.orders.jsonl")
        for record in map(json.loads, path.read_text().splitlines())
    }
    tastes = load_tastes(TASTES_FILE, MENU)
    groups: dict[tuple[str, bool], list[tuple[float, bool]]] = defaultdict(list)
    for event in learned_chances(three_days):
        if event["outcome"] == "skipped":
            continue
        record = orders[event["order"]]
        keyed = [
            line["code"] for line in record["lines"] + record["voided_lines"] if line["source"] == "entered"
        ]
        chance = worth(tastes, event["context"], event["offer"]) / PRICES[event["offer"]]
        groups[(event["context"]["lines"], event["offer"] in keyed)].append(
            (chance, event["outcome"] == "accepted")
        )
    assert {("1", True), ("2-3", False), ("2-3", True)} <= set(groups), "each kind of context is there"
    for group, answers in groups.items():
        expected = sum(chance for chance, _ in answers)
        spread = math.sqrt(sum(chance * (1 - chance) for chance, _ in answers))
        assert abs(sum(yes for _, yes in answers) - expected) <= 4 * spread, group


def test_the_tastes_give_each_offer_its_chance_by_daypart_and_what_the_order_holds() -> None:
    tastes = load_tastes(TASTES_FILE, MENU)
    assert tastes.holding == 0.1
    assert (tastes.chance("breakfast", "9"), tastes.chance("lunch", "20"), tastes.chance("dinner", "40")) == (
        0.5,
        0.45,
        0.45,
    )
    assert tastes.chance("lunch", "50") is None, "an item not named: the simulator's usual chance"
    assert tastes.chance(None, "9") is None


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "[tastes]\nholding = 2\n",
            'tastes.toml:2: [tastes], field "holding": expected a chance from 0 to 1, got 2',
        ),
        ('[tastes.brunch]\n"9" = 0.5\n', 'field "brunch": not a daypart of the menu'),
        ('[tastes.lunch]\n"99" = 0.5\n', 'tastes.toml:2: [tastes.lunch], field "99": unknown item code'),
        ('[tastes.lunch]\n"9" = "half"\n', "expected a chance from 0 to 1, got 'half'"),
        ("[tastes]\nlunch = 3\n", 'field "lunch": expected a table of item codes and chances'),
        ("[menu]\nname = 1\n", "expected one [tastes] table"),
        ("[tastes\n", "tastes.toml:1:"),
    ],
)
def test_a_bad_tastes_file_is_refused_naming_file_line_and_field(
    tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "tastes.toml"
    path.write_text(text)
    with pytest.raises(TastesError, match="^" + str(path).replace("\\", "\\\\")) as error:
        load_tastes(path, MENU)
    assert said in str(error.value)


def test_pos_simulate_with_tastes_learns_and_a_bad_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "store"
    data.mkdir()
    menu = ["--menu", str(MENUS / "all_day_counter.toml"), "--data", str(data), "--date", "2026-11-02"]
    assert main(["simulate", "--orders", "60", *menu, "--tastes", str(TASTES_FILE)]) == 0
    assert learned_chances(data), "the learned rule chose, and logged how"
    bad = tmp_path / "bad.toml"
    bad.write_text('[tastes.lunch]\n"9" = 1.5\n')
    assert main(["simulate", "--orders", "60", *menu, "--tastes", str(bad)]) == 2
    assert (
        f'{bad}:2: [tastes.lunch], field "9": expected a chance from 0 to 1, got 1.5'
        in capsys.readouterr().err
    )
