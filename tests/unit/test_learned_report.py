"""The report's figures for a learned rule (`pos.core.analytics.learned_rules`), worked out by hand
on a small log: each candidate's chances and kept money by context, each fixed choice's value by
inverse propensity weighting, what the learning adds, and the chances that count (once, live,
filtered, held out apart)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pos.core.analytics.learned_rules import LearnedRule
from pos.core.analytics.report import Filters, History, build_report
from pos.reports.learned_words import sentences
from pos.reports.text import json_text
from tests.support.hand_logs import write
from tests.support.learned_logs import BREAKFAST, RULE, chance, write_chances, write_floor

CHANCES = [
    chance(1, "20", propensity=0.5),
    chance(2, "20", "declined", propensity=0.5),
    chance(3, "9", propensity=0.25),
    chance(4, "40", "declined", propensity=0.25),
    chance(5, "9", propensity=0.8, context=BREAKFAST, hour=8),
    chance(6, "20", propensity=0.1, context=BREAKFAST, hour=8),
    chance(7, "9", "declined", propensity=0.8, context=BREAKFAST, candidates=("9", "40"), hour=9),
]
"""Lunch: fries twice (one yes), a hash brown (yes), a pie (no); breakfast: a hash brown (yes),
fries (yes, at a chance of 0.1), and a hash brown (no) where fries were not allowed."""
LEARNED_FIELDS = ("candidates", "propensity", "context")


def plain(event: dict[str, Any]) -> dict[str, Any]:
    """The event as a prompt that learned nothing logs it."""
    return {name: value for name, value in event.items() if name not in LEARNED_FIELDS}


def learned(data_dir: Path, filters: Filters | None = None) -> LearnedRule:
    (rule,) = build_report(data_dir, filters=filters).learned
    return rule


def test_each_candidate_kept_per_chance_by_context(data_dir: Path) -> None:
    write_chances(data_dir, CHANCES)
    rule = learned(data_dir)
    assert (rule["rule"], rule["offers"], rule["chances"], rule["held_out"]) == (
        RULE,
        ["20", "9", "40"],
        7,
        0,
    )
    assert rule["kept"] == 150 + 129 + 129 + 150
    assert rule["per_chance"] == round(558 / 7, 4)
    lunch, breakfast = rule["contexts"]  # the most chances first
    assert lunch["context"] == {"daypart": "lunch", "has": [], "lines": "1"}
    assert (lunch["chances"], lunch["kept"]) == (4, 279)
    assert [(c["offer"], c["chances"], c["kept"], c["per_chance"]) for c in lunch["candidates"]] == [
        ("20", 2, 150, 75.0),
        ("9", 1, 129, 129.0),
        ("40", 1, 0, 0.0),
    ]
    assert [(c["chances"], c["kept"]) for c in breakfast["candidates"]] == [(1, 150), (2, 129), (0, 0)]
    assert breakfast["candidates"][2]["per_chance"] is None, "never offered there: nothing to say"
    for figures in (rule, lunch, *lunch["candidates"]):
        low, mean, high = figures["low"], figures["per_chance"], figures["high"]
        assert low is not None and mean is not None and high is not None
        assert 0 <= low <= mean <= high <= 150


def test_each_fixed_choice_is_valued_by_the_chance_each_offer_had(data_dir: Path) -> None:
    """Always fries: where fries were offered, what they kept over their chance (150 / 0.5, 150 /
    0.1); where fries were not allowed, the first allowed (the hash brown of order 7, which kept
    nothing). The learning adds what its chances kept less that."""
    write_chances(data_dir, CHANCES)
    fries, hash_brown, pie = learned(data_dir)["fixed"]
    assert fries["per_chance"] == round((150 / 0.5 + 150 / 0.1) / 7, 4)
    assert hash_brown["per_chance"] == round((129 / 0.25 + 129 / 0.8) / 7, 4)
    assert pie["per_chance"] == 0.0
    assert fries["adds"] == round(558 / 7 - (300 + 1500) / 7, 4)
    for fixed in (fries, hash_brown, pie):
        assert fixed["adds_low"] is not None and fixed["adds_high"] is not None
        assert fixed["adds_low"] <= 0 <= fixed["adds_high"], "seven chances prove nothing"
        assert fixed["adds_low"] >= -150 * (10 - 1), "a weight is at most 1 / the least propensity"


def test_a_chance_below_its_days_floor_is_left_out_and_named_and_the_floor_bounds_the_weights(
    data_dir: Path,
) -> None:
    """The day's menu gave the rule a floor of 0.2: order 6's fries at 0.1 were chosen by no counter.
    Before, that one record set every weight's bound (1 / 0.1); a forged 1e-6 made the interval run
    to minus billions."""
    write_chances(data_dir, CHANCES)
    write_floor(data_dir, 0.2)
    history = History.load(data_dir)
    (rule,) = history.learned
    assert rule["chances"] == 6 and rule["unweighed"] is None
    path = data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl"
    assert (
        f"{path}: 1 learned prompt(s) of rule 'add-on after a main' logged a chance below the floor of 0.2 "
        "its day's menu allowed (as low as 0.1), which no counter makes: left out of what the learning adds"
    ) in history.notices
    for fixed in rule["fixed"]:
        assert fixed["adds_low"] is not None and fixed["adds_low"] >= -150 * (1 / 0.2 - 1)
    write_floor(data_dir, 0.1, terminal="T2")  # another terminal's menu allowed less: the lower holds
    (rule,) = build_report(data_dir).learned
    assert rule["chances"] == 7


def test_a_rule_learned_with_no_floor_is_weighed_against_no_fixed_offer(data_dir: Path) -> None:
    """explore = 0: an offer the learning stopped making is never made again, and nothing could weigh
    always making it; the report says so rather than show intervals that bound nothing."""
    write_chances(data_dir, CHANCES)
    write_floor(data_dir, 0.0)
    rule = learned(data_dir)
    assert rule["fixed"] == [] and rule["chances"] == 7
    assert rule["unweighed"] is not None and rule["unweighed"].startswith("explore = 0: no fair comparison")
    assert sentences(rule, {}, "USD", {}) == [f"{RULE}: {rule['unweighed']}."]


def test_a_chance_that_rounds_to_nothing_is_named_never_lost(data_dir: Path) -> None:
    """1e-10 and 5e-324 were read, then rounded to 0 in the columns and dropped without a word."""
    tiny, record = chance(8, "40", propensity=1e-10)
    write_chances(data_dir, [*CHANCES, (tiny, record)])
    history = History.load(data_dir)
    (rule,) = history.learned
    assert rule["chances"] == 7
    assert any(
        "1 record(s) could not be read and are left out (line 8)" in notice for notice in history.notices
    )


def test_a_chance_counts_once_live_and_as_the_filters_say(data_dir: Path) -> None:
    write_chances(data_dir, CHANCES)
    event, _ = CHANCES[0]
    training, _ = chance(8, "40", mode="training")
    other, record = chance(9, "40", cashier="B")
    write(data_dir, [event, training, other])  # order 1's event written again, a drill, B's chance
    write(data_dir, [record], table="orders")
    assert learned(data_dir)["chances"] == 8
    assert learned(data_dir, Filters(cashier="A"))["chances"] == 7
    assert learned(data_dir, Filters(mode="training"))["chances"] == 1


def test_a_chance_held_out_counts_for_asking_at_all_only(data_dir: Path) -> None:
    held, record = chance(8, "20", "held_out", response_ms=0)
    write_chances(data_dir, [*CHANCES, (held, record)])
    rule = learned(data_dir)
    assert (rule["chances"], rule["held_out"]) == (7, 1)
    assert rule["asking"] is not None and rule["asking"]["per_chance"] is not None
    assert sum(day["chosen"][0] for day in rule["by_day"]) == 4, "a choice, held out or not"


def test_the_json_holds_the_learned_rules_and_an_older_log_none(data_dir: Path, tmp_path: Path) -> None:
    write_chances(data_dir, CHANCES)
    shown = json.loads(json_text(build_report(data_dir)))
    (rule,) = shown["learned"]
    assert rule["rule"] == RULE and rule["fixed"][0]["offer"] == "20"
    assert rule["by_day"] == [{"day": "2026-11-23", "chosen": [3, 3, 1]}]
    lunch, breakfast = rule["contexts"]
    assert lunch["by_day"] == [{"day": "2026-11-23", "chosen": [2, 1, 1]}], "each context's own choices"
    assert breakfast["by_day"] == [{"day": "2026-11-23", "chosen": [1, 2, 0]}]
    older = tmp_path / "older"
    write(older, [plain(CHANCES[0][0])])
    assert "learned" not in json.loads(json_text(build_report(older)))


def test_a_closed_days_parquet_reads_the_same_choices(data_dir: Path) -> None:
    write_chances(data_dir, CHANCES)
    first = learned(data_dir)  # read from the log, the day compacted
    assert (data_dir / "cache" / "parquet" / "day=2026-11-23" / "learned_choices.parquet").is_file()
    assert learned(data_dir) == first


@pytest.mark.parametrize(
    "at", ["2026-11-23T12:30", "2026-11-23T12:30Z", "2026-11-23T12:30:05.1+01:00", "2026-11-23T12:30:٣٤.000Z"]
)
def test_a_time_logged_without_seconds_or_milliseconds_orders_its_chance_all_the_same(
    data_dir: Path, at: str
) -> None:
    event, record = chance(1, "20")
    write_chances(data_dir, [({**event, "ts": at}, record)])
    assert learned(data_dir)["chances"] == 1


def test_a_closed_days_choices_that_do_not_read_as_the_spec_says_are_left_out(data_dir: Path) -> None:
    """A Parquet whose manifest vouches for it is read as it is, whoever wrote it: a choice whose
    candidates are not a list of codes, or whose propensity is 0, is no chance to value, never a
    traceback."""
    write_chances(data_dir, CHANCES)
    learned(data_dir)  # the day compacted
    day = data_dir / "cache" / "parquet" / "day=2026-11-23"
    path = day / "learned_choices.parquet"
    table = pq.read_table(path)
    candidates = table.column("candidates").combine_chunks()
    broken = pa.DictionaryArray.from_arrays(
        candidates.indices,
        pa.array(["not json" if n == 1 else v for n, v in enumerate(candidates.dictionary.to_pylist())]),
    )
    chance = table.column("propensity").to_numpy().copy()
    chance[0] = 0  # order 1's
    table = table.set_column(table.schema.get_field_index("candidates"), "candidates", broken)
    table = table.set_column(table.schema.get_field_index("propensity"), "propensity", pa.array(chance))
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    path.write_bytes(sink.getvalue().to_pybytes())
    manifest = json.loads((day / "manifest.json").read_text())
    manifest["files"][path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    (day / "manifest.json").write_text(json.dumps(manifest))
    assert candidates.dictionary.to_pylist()[1] == '["9","40"]', "order 7's candidates spoilt"
    assert learned(data_dir)["chances"] == 5
