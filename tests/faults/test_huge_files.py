"""Huge or endless files where pos keeps its records (issue 25): a file made huge and sparse
(`truncate -s 4G`) at a log, a codes ledger or a set-aside file of unsaved records. A start reads
them in bounded memory, never scans the junk through, sets it aside once with a message naming
the file, and keeps every good record before it. The files are sparse: they cost no disk."""

from __future__ import annotations

import json
import os
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from pos.core.analytics.report import build_report
from pos.core.base.bounded_lines import MAX_LINE
from pos.core.codes.codes import Codes, Refusal
from pos.core.log.eventlog import EventLog
from pos.core.log.unsaved import UnsavedFile
from tests.support.answering_process import event
from tests.support.hand_logs import prompt, prompt_event, write

DAY = "2026-11-23"
TODAY = date(2026, 11, 23)
HUGE = 4 << 30
MEMORY = 3 * MAX_LINE
"""What a start may hold at once: a few lines of the longest a record may be, never the file."""


@contextmanager
def memory_peak() -> Iterator[Callable[[], int]]:
    """The most memory Python held at once in the block, read after it."""
    peak: list[int] = []
    tracemalloc.start()
    try:
        yield lambda: peak[0]
    finally:
        peak.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()


def grow(path: Path, by: int) -> int:
    """The file made `by` bytes longer, sparse (zeros, no disk); its size before."""
    size = path.stat().st_size
    os.truncate(path, size + by)
    return size


def damaged(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "set-aside").glob("*.damaged"))


def _log(data_dir: Path) -> Path:
    return data_dir / "log" / DAY / "T1.prompts.jsonl"


def test_a_huge_sparse_tail_on_the_last_days_log_is_set_aside_once(data_dir: Path) -> None:
    write(data_dir, [prompt(order=f"T1-20261123-{n:04d}", seq=1) for n in range(1, 4)])
    path = _log(data_dir)
    with open(path, "ab") as handle:
        handle.write(b'{"ts": "2026-11-23T12:')  # cut off, then the file made huge
    good = path.read_bytes().rsplit(b"\n", 1)[0] + b"\n"
    grow(path, HUGE)
    with memory_peak() as peak:
        log = EventLog(data_dir, "T1")
    with log:
        (notice,) = log.notices
        log.log_prompt(event("T1", 4))
    assert peak() < MEMORY
    assert str(path) in notice and "damaged" in notice and f"byte {len(good):,}" in notice
    lines = path.read_bytes().splitlines()
    assert path.read_bytes().startswith(good) and len(lines) == 4
    assert all(json.loads(line) for line in lines), "the next record is not glued onto the junk"
    (kept,) = damaged(data_dir)
    assert str(kept) in notice and kept.stat().st_size == len(good) + len(b'{"ts": "2026-11-23T12:') + HUGE
    with EventLog(data_dir, "T1") as log:
        assert log.notices == [], "set aside once: the next start finds nothing to do"
    assert damaged(data_dir) == [kept]


def test_junk_with_records_after_it_is_cut_where_it_begins(data_dir: Path) -> None:
    write(data_dir, [prompt(order="T1-20261123-0001", seq=1)])
    path = _log(data_dir)
    good = grow(path, MAX_LINE + 1)  # zeros, and records appended after them
    write(data_dir, [prompt(order="T1-20261123-0002", seq=1)])
    with EventLog(data_dir, "T1") as log:
        (notice,) = log.notices
    assert f"byte {good:,}" in notice
    assert path.stat().st_size == good
    (kept,) = damaged(data_dir)
    assert b"T1-20261123-0002" in kept.read_bytes()[good:], "what followed the junk is kept too"


@pytest.mark.parametrize("hard_links", [True, False])
def test_damage_that_appears_while_a_terminal_runs_is_cut_out_and_the_records_after_it_kept(
    hard_links: bool, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hard_links:
        monkeypatch.setattr(os, "link", no_links)
    with EventLog(data_dir, "T1") as log:
        log.log_prompt(event("T1", 1))
        good = grow(_log(data_dir), 20 << 20)  # `truncate -s +20M` while T1 runs
        log.log_prompt(event("T1", 2))
        log.log_prompt(event("T1", 3))
    with memory_peak() as peak, EventLog(data_dir, "T1") as log:
        (notice,) = log.notices
    assert peak() < MEMORY
    assert f"byte {good:,}" in notice and "put back" in notice
    assert [json.loads(line)["delta"] for line in _log(data_dir).read_bytes().splitlines()] == [1, 2, 3]
    (kept,) = damaged(data_dir)
    assert str(kept) in notice
    with EventLog(data_dir, "T1") as log:
        assert log.notices == []


def no_links(*_: object) -> None:
    raise OSError(1, "Operation not permitted")


def test_without_hard_links_the_damage_alone_is_copied_aside(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "link", no_links)
    write(data_dir, [prompt(order="T1-20261123-0001", seq=1)])
    path = _log(data_dir)
    good = grow(path, MAX_LINE + 7)
    with EventLog(data_dir, "T1") as log:
        (notice,) = log.notices
    (kept,) = damaged(data_dir)
    assert str(kept) in notice and kept.stat().st_size == MAX_LINE + 7
    assert path.stat().st_size == good


# -- the codes ledgers -------------------------------------------------------------------


def test_huge_code_ledgers_are_set_aside_at_the_start_and_every_code_before_holds(data_dir: Path) -> None:
    first, second = (Codes(data_dir).issue(f"T1-20261123-000{n}", "40", None, 99, TODAY, 7) for n in (1, 2))
    assert not isinstance(Codes(data_dir).redeem(first.code, "T2-20261123-0001", TODAY), Refusal)
    ledgers = [data_dir / "codes" / name for name in ("issued.jsonl", "redeemed.jsonl")]
    sizes = [grow(path, HUGE) for path in ledgers]
    codes = Codes(data_dir)
    with memory_peak() as peak:
        notices = codes.set_aside_damage()  # at a terminal's start
        assert codes.redeem(first.code, "T2-20261123-0002", TODAY) is Refusal.USED
        assert not isinstance(codes.redeem(second.code, "T2-20261123-0002", TODAY), Refusal)
        third = codes.issue("T1-20261123-0003", "40", None, 99, TODAY, 7)
    assert peak() < MEMORY
    assert len(notices) == 2 and all(
        str(path) in notice for path, notice in zip(ledgers, notices, strict=True)
    )
    assert all(size < path.stat().st_size < HUGE for path, size in zip(ledgers, sizes, strict=True))
    assert len(damaged(data_dir)) == 2
    assert not isinstance(Codes(data_dir).redeem(third.code, "T2-20261123-0003", TODAY), Refusal)
    assert Codes(data_dir).set_aside_damage() == []


@pytest.mark.parametrize("hard_links", [True, False])
def test_a_ledger_damaged_while_a_terminal_runs_never_gives_a_serial_twice(
    hard_links: bool, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hard_links:
        monkeypatch.setattr(os, "link", no_links)
    codes = Codes(data_dir)
    first = codes.issue("T1-20261123-0001", "40", None, 99, TODAY, 7)
    grow(data_dir / "codes" / "issued.jsonl", MAX_LINE + 1 if not hard_links else HUGE)
    with memory_peak() as peak:
        later = [codes.issue(f"T1-20261123-000{n}", "40", None, 99, TODAY, 7) for n in (2, 3)]
    assert peak() < MEMORY
    assert len({first.code, *(issued.code for issued in later)}) == 3
    fresh = Codes(data_dir)
    assert not any(isinstance(fresh.redeem(each.code, "T2-1", TODAY), Refusal) for each in (first, *later))
    assert len(damaged(data_dir)) == 1


# -- records kept aside when the terminal was taken ---------------------------------------


def test_a_huge_unsaved_records_file_gives_its_records_and_is_read_no_further(data_dir: Path) -> None:
    kept = UnsavedFile(data_dir, "T1", "20261123T120000000000")
    kept.keep("prompts", prompt_event(order="T1-20261123-0001", seq=1))
    grow(kept.path, HUGE)
    with memory_peak() as peak:
        log = EventLog(data_dir, "T1")
    log.close()
    notices = log.notices
    assert peak() < MEMORY
    assert len(_log(data_dir).read_bytes().splitlines()) == 1
    assert any("damaged" in notice and ".recovered" in notice for notice in notices)
    assert any("1 record(s)" in notice for notice in notices)
    with EventLog(data_dir, "T1") as log:
        assert log.notices == []


# -- reports and exports -----------------------------------------------------------------


def test_a_report_reads_a_huge_log_in_bounded_memory_and_says_where_the_damage_begins(data_dir: Path) -> None:
    write(data_dir, [prompt(order=f"T1-20261123-{n:04d}", seq=1) for n in range(1, 4)])
    write(data_dir, [prompt(day="2026-11-24", order=f"T1-20261124-{n:04d}", seq=1) for n in range(1, 3)])
    path = _log(data_dir)
    good = grow(path, HUGE)  # a day no terminal starts on again: the report meets the damage
    build_report(data_dir / "empty")  # the report's modules imported, outside the count
    for _ in range(2):  # the first report, and the next from the cache
        with memory_peak() as peak:
            report = build_report(data_dir)
        assert peak() < MEMORY
        assert report.totals["shown"] == 5
        assert any(str(path) in notice and f"byte {good:,}" in notice for notice in report.notices)


def test_an_export_reads_a_huge_log_in_bounded_memory(data_dir: Path, tmp_path: Path) -> None:
    from pos.core.analytics.export import export_parquet

    write(data_dir, [prompt(order=f"T1-20261123-{n:04d}", seq=1) for n in range(1, 4)])
    path = _log(data_dir)
    good = grow(path, HUGE)
    export_parquet(data_dir / "empty", tmp_path / "warmed", None, None)
    with memory_peak() as peak:
        exported = export_parquet(data_dir, tmp_path / "out", None, None)
    assert peak() < MEMORY
    assert exported.rows["prompts"] == 3
    assert any(str(path) in notice and f"byte {good:,}" in notice for notice in exported.notices)
