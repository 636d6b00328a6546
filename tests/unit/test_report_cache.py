"""A closed day's Parquet (`pos.core.analytics.day_parquet`) and an open day's JSON lines: what was appended is
counted, a cache that does not match is rebuilt, and the log is never outranked."""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from pathlib import Path

import pytest

from pos.core.analytics.report import build_report
from tests.support.hand_logs import prompt, simulated, write


def cache_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "cache" / "parquet").glob("day=*/*.parquet"))


def test_a_report_sees_what_was_appended_since_the_last(data_dir: Path) -> None:
    write(data_dir, [prompt()])
    assert build_report(data_dir).totals["shown"] == 1
    assert cache_files(data_dir)
    write(data_dir, [prompt(outcome="declined"), prompt(outcome="skipped")])
    totals = build_report(data_dir).totals
    assert (totals["shown"], totals["accepted"], totals["declined"], totals["skipped"]) == (3, 1, 1, 1)


def test_fields_a_first_report_did_not_need_are_kept_for_the_next(data_dir: Path) -> None:
    write(data_dir, [prompt(pitch="Large?", template="Large?")])
    assert build_report(data_dir, ("cashier",)).totals["shown"] == 1  # reads no wording
    write(data_dir, [prompt(pitch="Go big?", template="Go big?", outcome="declined")])
    assert build_report(data_dir, ("cashier",)).totals["shown"] == 2
    by_pitch = {row["pitch"]: row["shown"] for row in build_report(data_dir, ("pitch",)).rows}
    assert by_pitch == {"Large?": 1, "Go big?": 1}


def test_a_cache_cut_short_is_read_again_from_the_log(data_dir: Path) -> None:
    write(data_dir, [prompt(), prompt()])
    build_report(data_dir)
    (cache, *_) = cache_files(data_dir)
    cache.write_bytes(cache.read_bytes()[:-3])
    assert build_report(data_dir, ("pitch",)).totals["shown"] == 2


def test_an_unfinished_last_line_waits_for_its_writer(data_dir: Path) -> None:
    write(data_dir, [prompt()])
    path = data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl"
    line = json.dumps(prompt(outcome="declined")) + "\n"
    with open(path, "a") as handle:
        handle.write(line[:40])
    assert build_report(data_dir).totals["shown"] == 1
    with open(path, "a") as handle:
        handle.write(line[40:])
    assert build_report(data_dir).totals["shown"] == 2


def test_a_damaged_or_stale_cache_is_rebuilt_from_the_log(data_dir: Path) -> None:
    write(data_dir, [prompt(), prompt()])
    build_report(data_dir)
    for cache in cache_files(data_dir):
        cache.write_bytes(b"garbage")
    assert build_report(data_dir).totals["shown"] == 2
    # A log that shrank (set aside by hand, restored from a backup) is read again.
    path = data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl"
    path.write_text(json.dumps(prompt(delta=7)) + "\n")
    totals = build_report(data_dir).totals
    assert (totals["shown"], totals["accepted_value"]) == (1, 7)


def test_a_deleted_cache_is_made_again(data_dir: Path) -> None:
    write(data_dir, [prompt()])
    build_report(data_dir)
    for cache in cache_files(data_dir):
        cache.unlink()
    assert build_report(data_dir).totals["shown"] == 1


def test_records_that_cannot_be_read_are_left_out_and_named(data_dir: Path) -> None:
    write(data_dir, [prompt(delta=5)])
    path = data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl"
    with open(path, "a") as handle:
        handle.write("not json\n")
        handle.write(json.dumps(prompt(delta="lots")) + "\n")  # a wrong type
        handle.write(json.dumps({"ts": "2026-11-23T12:00:00.000+00:00"}) + "\n")  # fields missing
    write(data_dir, [prompt(delta=6)])
    report = build_report(data_dir)
    assert (report.totals["shown"], report.totals["accepted_value"]) == (2, 11)
    (notice,) = report.notices
    assert str(path) in notice and "3 record(s) could not be read" in notice and "line 2, 3, 4" in notice


def test_a_read_only_cache_folder_still_reports(data_dir: Path, monkeypatch: object) -> None:
    write(data_dir, [prompt()])
    (data_dir / "cache").write_text("a file where the cache folder would go")
    assert build_report(data_dir).totals["shown"] == 1


def test_matches_a_plain_python_reading_of_a_simulated_shift(data_dir: Path) -> None:
    simulated(data_dir, orders=1500, seed=11, cashiers=3, days=3)
    events = [
        event
        for path in sorted((data_dir / "log").glob("*/SIM.prompts.jsonl"))
        for line in path.read_text().splitlines()
        if (event := json.loads(line))["outcome"] not in ("issued", "redeemed")  # counted apart
    ]
    kept: dict[tuple[str, int], int] = defaultdict(int)
    for path in sorted((data_dir / "log").glob("*/SIM.orders.jsonl")):
        for record in map(json.loads, path.read_text().splitlines()):
            paid = record["lines"] if record["status"] == "paid" else []
            for line in [*paid, *(part for meal in paid for part in meal.get("components") or [])]:
                if line["prompt"] is not None:
                    kept[(record["order"], line["prompt"])] += line["added"]
    groups: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for event in events:
        groups[(event["cashier"], event["kind"])].append(event)
    rows = build_report(data_dir, ("cashier", "kind")).rows
    assert [(row["cashier"], row["kind"]) for row in rows] == sorted(groups)
    for row in rows:
        group = groups[(row["cashier"], row["kind"])]
        accepted = sum(e["outcome"] == "accepted" for e in group)
        asked = sum(e["outcome"] != "skipped" for e in group)
        assert row["shown"] == len(group) and row["asked"] == asked and row["accepted"] == accepted
        assert row["accepted_value"] == sum(e["delta"] for e in group if e["outcome"] == "accepted")  # type: ignore[misc]
        assert row["added_revenue"] == sum(kept[(e["order"], e["seq"])] for e in group)  # type: ignore[misc, index]
        assert row["median_response_ms"] == statistics.median(e["response_ms"] for e in group)  # type: ignore[type-var]
        assert row["acceptance_rate"] == round(accepted / asked, 6)


def test_a_closed_day_once_compacted_is_read_from_its_parquet_alone(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    simulated(data_dir, orders=50, seed=2, cashiers=2, days=2)
    first = build_report(data_dir)
    from pos.core.analytics import log_reads

    def no_json(*_: object) -> None:
        raise AssertionError("a log file was parsed")

    monkeypatch.setattr(log_reads, "read_log", no_json)
    again = build_report(data_dir)
    assert again.totals == first.totals and again.totals["orders"] > 40 and again.totals["shown"] > 50


def test_an_open_day_is_read_from_its_log_each_time_and_its_bad_records_kept_once(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos.core.analytics import day_parquet

    monkeypatch.setattr(day_parquet, "closed", lambda day: day > "2026-11-23")  # the log's day is open
    write(data_dir, [prompt(delta=5)])
    path = data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl"
    with open(path, "a") as handle:
        handle.write("not json\n")
    for shown in (1, 1):
        assert build_report(data_dir).totals["shown"] == shown
    write(data_dir, [prompt(delta=6)])
    assert build_report(data_dir).totals["accepted_value"] == 11
    assert cache_files(data_dir) == [], "an open day is never compacted"
    kept = data_dir / "set-aside" / "2026-11-23.T1.prompts.jsonl.unreadable"
    assert kept.read_bytes() == b"2\tnot json\n", "kept once, however often it is read"


def test_a_store_id_of_another_form_is_left_out_and_named(data_dir: Path) -> None:
    write(data_dir, [prompt(seq=1, store_id="V84BRVY7PG"), prompt(seq=2, store_id="v84brvy7pg")])
    report = build_report(data_dir, ("store",))
    assert [row["store_id"] for row in report.rows] == ["V84BRVY7PG"]
    assert any("line 2" in notice for notice in report.notices)
