"""The background writer: in order, nothing lost while the disk refuses, then caught up."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pos.core.log.eventlog import EventLog
from pos.core.log.log_writer import LogWriter
from pos.core.log.storage import LogWriteError
from tests.support.answering_process import event


def logged(data_dir: Path) -> list[int]:
    path = data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl"
    return [json.loads(line)["delta"] for line in path.read_text().splitlines()]


def test_writes_in_the_order_given(data_dir: Path) -> None:
    writer = LogWriter(EventLog(data_dir, "T1"))
    futures = [writer.prompt(event("T1", number)) for number in range(1, 201)]
    futures[-1].result(timeout=30)
    assert writer.idle() is None and writer.backlog == 0
    writer.close()
    assert logged(data_dir) == list(range(1, 201))


def test_keeps_what_the_disk_refuses_and_writes_it_when_it_can(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = EventLog(data_dir, "T1")
    writer = LogWriter(log)
    writer.prompt(event("T1", 1)).result(timeout=10)
    real = log.log
    monkeypatch.setattr(log, "log", lambda kind, record: (_ for _ in ()).throw(LogWriteError("disk full")))
    for number in (2, 3):
        with pytest.raises(LogWriteError):
            writer.prompt(event("T1", number)).result(timeout=10)
    assert writer.backlog == 2 and writer.error == "disk full"
    monkeypatch.setattr(log, "log", real)
    writer.retry().result(timeout=10)
    assert writer.backlog == 0 and writer.error is None
    writer.prompt(event("T1", 4)).result(timeout=10)
    writer.close()
    assert logged(data_dir) == [1, 2, 3, 4]


def test_close_writes_everything_handed_over(data_dir: Path) -> None:
    writer = LogWriter(EventLog(data_dir, "T1"))
    for number in range(1, 51):
        writer.prompt(event("T1", number))
    writer.close()
    assert logged(data_dir) == list(range(1, 51))


def test_a_record_json_cannot_hold_is_kept_aside_and_blocks_nothing(data_dir: Path) -> None:
    writer = LogWriter(EventLog(data_dir, "T1"))
    huge = event("T1", 1)
    huge.delta = 10**5000  # more digits than JSON output allows
    with pytest.raises(LogWriteError, match="could not be written"):
        writer.prompt(huge).result(timeout=10)
    writer.prompt(event("T1", 2)).result(timeout=10)
    assert writer.backlog == 0 and writer.error is None
    writer.close()
    assert logged(data_dir) == [2]
    (kept,) = (data_dir / "set-aside").glob("T1.prompt.*.unwritable")
    assert "'delta': <an integer of 16610 bits>" in kept.read_text()


def test_records_the_log_refuses_are_kept_aside_at_once_and_join_it_once(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = EventLog(data_dir, "T1")
    writer = LogWriter(log)
    writer.prompt(event("T1", 1)).result(timeout=10)
    real = log.log
    monkeypatch.setattr(log, "log", lambda kind, record: (_ for _ in ()).throw(OSError(6, "No such device")))
    for number in (2, 3):
        with pytest.raises(LogWriteError):
            writer.prompt(event("T1", number)).result(timeout=10)
    (aside,) = (data_dir / "set-aside").glob("T1.*.unsaved")
    assert writer.backlog == 2 and writer.kept_in == aside
    killed = tmp_path / "killed"  # the folder as a kill -9 would leave it now
    shutil.copytree(data_dir, killed, ignore=shutil.ignore_patterns("locks"))
    with EventLog(killed, "T1") as again:
        assert any("2 record(s)" in notice for notice in again.notices)
    assert logged(killed) == [1, 2, 3]
    monkeypatch.setattr(log, "log", real)
    writer.retry().result(timeout=10)  # the log takes them after all
    writer.prompt(event("T1", 4)).result(timeout=10)
    assert writer.close() == []
    with EventLog(data_dir, "T1") as again:
        assert again.notices == []
    assert logged(data_dir) == [1, 2, 3, 4]
