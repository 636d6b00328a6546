"""The event log: records as written, append-only files, one writer per terminal,
nothing answered lost to a kill, a torn record set aside, a full disk survived."""

from __future__ import annotations

import errno
import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from msgspec import to_builtins
from msgspec.structs import replace
from tinydb import Query

from pos.core.base.errors import DataFolderError
from pos.core.base.events import Outcome
from pos.core.log.eventlog import EventLog
from pos.core.log.storage import AppendOnlyError, JsonLinesDB, LogWriteError
from tests.support.answering_process import event
from tests.support.sales import events_for, make_sale
from tests.support.small_menus import make_menu

DAY = "2026-11-23"


def prompts_file(data_dir: Path, terminal: str = "T1", day: str = DAY) -> Path:
    return data_dir / "log" / day / f"{terminal}.prompts.jsonl"


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_events_and_orders_written_field_by_field(data_dir: Path) -> None:
    sale = make_sale(make_menu('[[upsell]]\nitem = "1"\nto = "31"\n'))
    events = events_for(sale, "1", [Outcome.ACCEPTED])
    record = sale.pay(2000)
    with EventLog(data_dir, "T1") as log:
        for prompt in events:
            log.log_prompt(prompt)
        log.log_order(record)
    assert read_jsonl(prompts_file(data_dir)) == to_builtins(events)
    assert read_jsonl(data_dir / "log" / DAY / "T1.orders.jsonl") == [to_builtins(record)]
    (written,) = read_jsonl(prompts_file(data_dir))
    assert isinstance(written["delta"], int) and isinstance(written["response_ms"], int)
    assert set(written) == {
        "ts",
        "store",
        "store_id",
        "terminal",
        "cashier",
        "mode",
        "order",
        "kind",
        "trigger",
        "offer",
        "size",
        "pitch",
        "variant",
        "delta",
        "outcome",
        "response_ms",
        "daypart",
        "seq",
        "template",
        "rule",
        "heard",
    }


def test_adding_an_event_never_rewrites_the_history(data_dir: Path) -> None:
    with EventLog(data_dir, "T1") as log:
        for number in range(1, 101):
            log.log_prompt(event("T1", number))
        path = prompts_file(data_dir)
        before, inode = path.read_bytes(), path.stat().st_ino
        log.log_prompt(event("T1", 101))
    after = path.read_bytes()
    assert after.startswith(before) and path.stat().st_ino == inode
    assert after[len(before) :].count(b"\n") == 1


def test_tinydb_reads_the_log_and_refuses_to_change_it(data_dir: Path) -> None:
    with EventLog(data_dir, "T1") as log:
        for number in range(1, 6):
            log.log_prompt(event("T1", number))
    db = JsonLinesDB(data_dir / "log" / DAY, "T1")
    prompts = db.table("prompts")
    assert len(prompts) == 5
    assert [doc["delta"] for doc in prompts.search(Query().delta > 3)] == [4, 5]
    assert prompts.get(doc_id=2)["delta"] == 2  # type: ignore[index]
    for change in (
        lambda: prompts.remove(doc_ids=[1]),
        lambda: prompts.update({"delta": 0}),
        prompts.truncate,
    ):
        with pytest.raises(AppendOnlyError):
            change()
    assert len(read_jsonl(prompts_file(data_dir))) == 5
    db.close()


def test_one_file_per_terminal_and_day(data_dir: Path) -> None:
    with EventLog(data_dir, "T1") as log:
        log.log_prompt(event("T1", 1))
        log.log_prompt(replace(event("T1", 2), ts="2026-11-24T00:00:01.000+00:00"))
    with EventLog(data_dir, "T2") as log:
        log.log_prompt(event("T2", 1))
    assert len(read_jsonl(prompts_file(data_dir, "T1"))) == 1
    assert len(read_jsonl(prompts_file(data_dir, "T1", "2026-11-24"))) == 1
    assert len(read_jsonl(prompts_file(data_dir, "T2"))) == 1


def test_a_second_writer_for_one_terminal_is_refused(data_dir: Path) -> None:
    with EventLog(data_dir, "T1"):
        with pytest.raises(DataFolderError, match="terminal T1 is already open in another pos process"):
            EventLog(data_dir, "T1")
        with EventLog(data_dir, "T2"):
            pass
    with EventLog(data_dir, "T1"):
        pass  # the lock goes with the writer


@pytest.mark.parametrize("terminal", ["", "T 1", "../x", "a" * 25])
def test_bad_terminal_ids(data_dir: Path, terminal: str) -> None:
    with pytest.raises(DataFolderError, match="terminal id"):
        EventLog(data_dir, terminal)


def test_order_numbers_continue_after_a_restart(data_dir: Path) -> None:
    noon = datetime(2026, 11, 23, 12)
    with EventLog(data_dir, "T1") as log:
        first = log.new_order_id(noon)
        second = log.new_order_id(noon)
        log.log_prompt(replace(event("T1", 1), order=second))
    assert (first, second) == ("T1-20261123-0001", "T1-20261123-0002")
    with EventLog(data_dir, "T1") as log:
        assert log.new_order_id(noon) == "T1-20261123-0003"
        assert log.new_order_id(datetime(2026, 11, 24, 9)) == "T1-20261124-0001"


def test_a_torn_last_record_is_set_aside_with_a_message(data_dir: Path) -> None:
    with EventLog(data_dir, "T1") as log:
        for number in range(1, 4):
            log.log_prompt(event("T1", number))
    path = prompts_file(data_dir)
    torn = b'{"ts":"2026-11-23T12:00:00.000+00:00","store":"Te'
    with open(path, "ab") as handle:
        handle.write(torn)
    with EventLog(data_dir, "T1") as log:
        (notice,) = log.notices
        log.log_prompt(event("T1", 4))
    assert str(path) in notice and "set aside" in notice
    assert [record["delta"] for record in read_jsonl(path)] == [1, 2, 3, 4]
    (aside,) = (data_dir / "set-aside").iterdir()
    assert aside.read_bytes() == torn
    assert aside.name.startswith(f"{DAY}.T1.prompts.jsonl.")


def test_a_last_line_that_does_not_parse_is_set_aside(data_dir: Path) -> None:
    with EventLog(data_dir, "T1") as log:
        log.log_prompt(event("T1", 1))
    path = prompts_file(data_dir)
    with open(path, "ab") as handle:
        handle.write(b"\x00\x00\x00\n")  # what a power cut can leave behind
    with EventLog(data_dir, "T1") as log:
        assert len(log.notices) == 1
    assert [record["delta"] for record in read_jsonl(path)] == [1]


def test_a_healthy_log_opens_without_notices(data_dir: Path) -> None:
    with EventLog(data_dir, "T1") as log:
        log.log_prompt(event("T1", 1))
    with EventLog(data_dir, "T1") as log:
        assert log.notices == []
    assert not (data_dir / "set-aside").exists()


def test_a_full_disk_leaves_no_partial_record_and_logging_resumes(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with EventLog(data_dir, "T1") as log:
        log.log_prompt(event("T1", 1))
        real_write = os.write

        def half_then_full(fd: int, data: bytes) -> int:
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr("pos.core.log.storage.os.write", half_then_full)
        with pytest.raises(LogWriteError, match="No space left on device"):
            log.log_prompt(event("T1", 2))
        assert [record["delta"] for record in read_jsonl(prompts_file(data_dir))] == [1]
        monkeypatch.setattr("pos.core.log.storage.os.write", real_write)
        log.log_prompt(event("T1", 2))
    assert [record["delta"] for record in read_jsonl(prompts_file(data_dir))] == [1, 2]


def test_numbering_a_new_day_leaves_the_open_day_to_the_writer(data_dir: Path) -> None:
    # The screen numbers orders on its thread while the writer thread logs: at
    # midnight, the new day's first number must not close the file being written.
    with EventLog(data_dir, "T1") as log:
        log.log_prompt(event("T1", 1))
        assert log.new_order_id(datetime(2026, 11, 24, 0, 0, 1)) == "T1-20261124-0001"
        log.log_prompt(event("T1", 2))
    assert [record["delta"] for record in read_jsonl(prompts_file(data_dir))] == [1, 2]
