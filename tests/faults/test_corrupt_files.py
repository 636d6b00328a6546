"""Garbage, truncated JSON, wrong types and foreign files in the data folder: a message
that names the file, a copy kept aside, and everything else still usable."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pos.core.analytics.report import build_report
from pos.core.log.eventlog import EventLog
from pos.core.log.storage import JsonLinesDB
from tests.support.hand_logs import order, prompt, write

DAY = "2026-11-23"


def damage(data_dir: Path) -> Path:
    """A good log of three records with garbage, a truncated record and a wrong type between them."""
    write(data_dir, [prompt(delta=1)])
    path = data_dir / "log" / DAY / "T1.prompts.jsonl"
    with open(path, "ab") as handle:
        handle.write(b"\x00\xff garbage \x89PNG\n")
        handle.write(json.dumps(prompt(delta=2)).encode()[:50] + b"\n")
        handle.write(json.dumps(prompt(delta=[3])).encode() + b"\n")
        handle.write(b"[1, 2, 3]\n")
    write(data_dir, [prompt(delta=4), prompt(delta=5)])
    return path


def test_the_report_names_the_file_and_keeps_a_copy(data_dir: Path) -> None:
    path = damage(data_dir)
    report = build_report(data_dir)
    assert (report.totals["shown"], report.totals["accepted_value"]) == (3, 10)
    (notice,) = report.notices
    assert str(path) in notice and "4 record(s) could not be read" in notice and "line 2, 3, 4, 5" in notice
    aside = data_dir / "set-aside" / f"{DAY}.T1.prompts.jsonl.unreadable"
    kept = aside.read_bytes().splitlines()
    assert [line.split(b"\t")[0] for line in kept] == [b"2", b"3", b"4", b"5"]
    assert b"garbage" in kept[0]
    # The log itself is never rewritten, and the copy is made once.
    build_report(data_dir)
    assert len(aside.read_bytes().splitlines()) == 4
    assert path.read_bytes().count(b"\n") == 7


def test_the_terminal_still_logs_into_a_damaged_day(data_dir: Path) -> None:
    from tests.support.answering_process import event

    damage(data_dir)
    with EventLog(data_dir, "T1") as log:
        log.log_prompt(event("T1", 6))
    assert build_report(data_dir).totals["shown"] == 4


def test_tinydb_reads_the_objects_of_a_damaged_file(data_dir: Path) -> None:
    damage(data_dir)
    db = JsonLinesDB(data_dir / "log" / DAY, "T1")
    # TinyDB has no schema: every JSON object is a document, the wrong type included.
    assert [doc["delta"] for doc in db.table("prompts").all()] == [1, [3], 4, 5]
    db.close()


def test_foreign_files_and_folders_are_ignored(data_dir: Path) -> None:
    write(data_dir, [prompt()])
    (data_dir / "log" / "notes").mkdir()
    (data_dir / "log" / "notes" / "T1.prompts.jsonl").write_text("not a day folder\n")
    (data_dir / "log" / DAY / "readme.txt").write_text("hello")
    (data_dir / "log" / "2026-13-45").mkdir()
    (data_dir / "stray.json").write_text("{}")
    report = build_report(data_dir)
    assert report.totals["shown"] == 1
    assert sorted(report.notices) == [
        f"{data_dir / 'log' / '2026-13-45'}: not a day's folder (YYYY-MM-DD); left out",
        f"{data_dir / 'log' / 'notes'}: not a day's folder (YYYY-MM-DD); left out",
    ]


def test_a_binary_file_in_place_of_a_log(data_dir: Path) -> None:
    folder = data_dir / "log" / DAY
    folder.mkdir(parents=True)
    (folder / "T9.prompts.jsonl").write_bytes(os.urandom(4096) + b"\n")
    write(data_dir, [prompt()])
    report = build_report(data_dir)
    assert report.totals["shown"] == 1
    assert any("T9.prompts.jsonl" in notice for notice in report.notices)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_an_unreadable_log_file(data_dir: Path) -> None:
    write(data_dir, [prompt(terminal="T1"), prompt(terminal="T2")])
    locked = data_dir / "log" / DAY / "T2.prompts.jsonl"
    locked.chmod(0)
    try:
        report = build_report(data_dir)
    finally:
        locked.chmod(0o644)
    assert report.totals["shown"] == 1
    assert any(str(locked) in notice and "cannot be read" in notice for notice in report.notices)


def test_a_damaged_cache_and_a_cache_of_the_wrong_shape(data_dir: Path) -> None:
    write(data_dir, [prompt(), prompt()])
    build_report(data_dir)
    folder = data_dir / "cache" / "parquet" / f"day={DAY}"
    parquet, manifest = folder / "prompts.parquet", folder / "manifest.json"
    good = {path: path.read_bytes() for path in (parquet, manifest)}
    content = json.loads(good[manifest])

    def with_manifest(**changes: object) -> bytes:
        return json.dumps({**content, **changes}).encode()

    for path, junk in (
        (parquet, b""),
        (parquet, good[parquet][:-1]),
        (parquet, b"PAR1" + good[parquet][4:-8] + b"PAR1"),
        (manifest, b""),
        (manifest, b"{}{}{"),
        (manifest, with_manifest(version=0)),  # another version's
        (manifest, with_manifest(sources=[["T1.prompts.jsonl", "many"]])),
        (manifest, with_manifest(reads="none")),
        (manifest, with_manifest(files={})),
        (manifest, b"[" * 100_000),  # nested past what a parser recurses into
    ):
        path.write_bytes(junk)
        assert build_report(data_dir).totals["shown"] == 2, (path.name, junk[:40])


def test_a_torn_record_in_the_orders_file_is_set_aside(data_dir: Path) -> None:
    from tests.support.hand_logs import order

    write(data_dir, [order()], table="orders")
    path = data_dir / "log" / DAY / "T1.orders.jsonl"
    with open(path, "ab") as handle:
        handle.write(b'{"ts": "2026-11-23T12:0')
    with EventLog(data_dir, "T1") as log:
        (notice,) = log.notices
    assert str(path) in notice
    assert build_report(data_dir).totals["orders"] == 1


def test_money_too_large_to_sum_is_left_out_with_a_notice(data_dir: Path) -> None:
    # Two orders of 2**62 summed in int64 wrapped to a negative average ticket.
    huge = [order(total=2**62, order=f"T1-20261123-000{n}") for n in (1, 2)]
    write(data_dir, [*huge, order(total=500, order="T1-20261123-0003")], table="orders")
    write(
        data_dir, [prompt(delta=2**62, order="T1-20261123-0003"), prompt(delta=100, order="T1-20261123-0003")]
    )
    report = build_report(data_dir)
    assert (report.totals["orders"], report.totals["avg_ticket"]) == (1, 500)
    assert (report.totals["shown"], report.totals["accepted_value"]) == (1, 100)
    assert any("T1.orders.jsonl: 2 record(s) could not be read" in notice for notice in report.notices)
    assert any("T1.prompts.jsonl: 1 record(s) could not be read" in notice for notice in report.notices)
