"""A terminal whose lock was taken from it (its lock file deleted, a second process started as the
same terminal) loses nothing: it takes no more sales, what it still records goes to `set-aside/`,
and at the terminal's next start those records join the log, an order number the other process
used renumbered. A second process never takes the open order of a terminal still running for one
left behind: it refuses to start. Also: the day's menu record survives a full disk, and a writer
that cannot save says so at close with the records themselves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from msgspec import to_builtins
from msgspec.structs import replace

from pos.core.base.errors import TerminalTaken
from pos.core.base.events import encode
from pos.core.codes.codes import Codes
from pos.core.codes.orphan_redemptions import settle_redemptions
from pos.core.counter.counter import Counter
from pos.core.log.eventlog import EventLog
from pos.core.log.log_writer import LogWriter
from pos.core.log.open_order import draft_path
from pos.core.log.storage import LogWriteError
from pos.core.log.unsaved import DONE, UnsavedFile
from tests.conftest import REPO
from tests.support.answering_process import event
from tests.support.counter_kit import key_in, make_counter, type_keys

DAY = "2026-11-23"


def orders_in(data_dir: Path) -> list[str]:
    path = data_dir / "log" / DAY / "T1.orders.jsonl"
    return [json.loads(line)["order"] for line in path.read_text().splitlines()]


def pay(counter: Counter) -> None:
    type_keys(counter, "f10")
    while counter.prompt is not None:
        type_keys(counter, "n")
    type_keys(counter, "enter")


def test_a_terminal_whose_lock_was_taken_keeps_its_records_aside_and_they_join_the_log_later(
    data_dir: Path,
) -> None:
    first, _ = make_counter(log_to=data_dir)
    key_in(first, "40")
    pay(first)  # order 1, on disk; number 2 is the first's next customer's
    type_keys(first, "enter")
    first.shop.recorder.retry().result(timeout=10)  # type: ignore[attr-defined]
    (data_dir / "locks" / "T1.lock").unlink()
    second, _ = make_counter(log_to=data_dir)  # another T1, while the first has no order open
    key_in(second, "41")  # its own number 2, kept in open/T1.json
    second.shop.recorder.retry().result(timeout=10)  # type: ignore[attr-defined]
    key_in(first, "40")  # the first's number 2: it cannot be kept where it belongs
    writer = first.shop.recorder
    assert isinstance(writer, LogWriter)
    writer.retry().result(timeout=10)
    assert writer.stopped and "another pos process has taken the terminal" in writer.stopped
    kept = json.loads(draft_path(data_dir, "T1").read_text())
    assert [line["code"] for line in kept["lines"]] == ["41"], "the second's open order, untouched"
    key_in(first, "41")
    assert first.error and "takes no more sales" in first.message
    first.void_open_order()  # Ctrl+Q: the open order voided, its record kept aside
    assert writer.backlog == 0, "kept aside, not in memory"
    assert writer.close() == []
    pay(second)
    second.shop.recorder.close()  # type: ignore[attr-defined]
    (aside,) = (data_dir / "set-aside").glob("T1.*.unsaved")
    assert orders_in(data_dir) == ["T1-20261123-0001", "T1-20261123-0002"]
    with EventLog(data_dir, "T1") as again:
        assert any("is now T1-20261123-0003" in notice for notice in again.notices), again.notices
    assert orders_in(data_dir) == [f"T1-20261123-000{n}" for n in range(1, 4)]
    assert not aside.exists() and aside.with_suffix(".recovered").exists()
    recovered = json.loads((data_dir / "log" / DAY / "T1.orders.jsonl").read_text().splitlines()[-1])
    assert (recovered["status"], [line["code"] for line in recovered["lines"]]) == ("voided", ["40"])


def test_a_second_terminal_leaves_the_open_order_of_a_running_one_alone(data_dir: Path) -> None:
    first, _ = make_counter(log_to=data_dir)
    key_in(first, "40")  # order 1 open, kept in open/T1.json
    writer = first.shop.recorder
    assert isinstance(writer, LogWriter)
    writer.retry().result(timeout=10)
    (data_dir / "locks" / "T1.lock").unlink()
    with pytest.raises(TerminalTaken, match=f"process {os.getpid()}, which still runs"):
        make_counter(log_to=data_dir)
    pay(first)
    writer.retry().result(timeout=10)
    assert writer.stopped is None and writer.close() == []
    path = data_dir / "log" / DAY / "T1.orders.jsonl"
    assert [(json.loads(line)["order"], json.loads(line)["status"]) for line in path.open()] == [
        ("T1-20261123-0001", "paid")
    ], "one order, paid: never also voided"


def test_a_start_waits_for_another_process_keeping_the_open_order_to_be_gone(data_dir: Path) -> None:
    code = Codes(data_dir).issue("T2-20261120-0001", "40", None, 99, date(2026, 11, 20), 7).code
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.redeemer", str(data_dir), code],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "keyed"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not draft_path(data_dir, "T1").exists():
            time.sleep(0.01)  # its writer thread keeps the open order a moment after the line shows
        (data_dir / "locks" / "T1.lock").unlink()
        with pytest.raises(TerminalTaken, match=f"process {process.pid}, which still runs"):
            EventLog(data_dir, "T1")
    finally:
        process.kill()
        process.communicate(timeout=10)
    with EventLog(data_dir, "T1") as log:
        assert any("T1-20261123-0001 was open when pos stopped" in notice for notice in log.notices)
        assert settle_redemptions(log, Codes(data_dir)) == [], "the code stands with the order"


def test_the_days_menu_record_survives_a_full_disk(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pos.core.log.menu_stamp import MenuStamp
    from pos.core.selling.menu_loader import load_menu
    from tests.conftest import BURGERS_V1

    log = EventLog(data_dir, "T1", menu=MenuStamp.of(load_menu(BURGERS_V1)))
    real = EventLog._stamp_menu
    full = {"disk": True}

    def stamp(self: EventLog, day: object) -> None:
        if full["disk"]:
            raise LogWriteError("No space left on device")
        real(self, day)  # type: ignore[arg-type]

    monkeypatch.setattr(EventLog, "_stamp_menu", stamp)
    writer = LogWriter(log)
    with pytest.raises(LogWriteError):
        writer.prompt(event("T1", 1)).result(timeout=10)
    full["disk"] = False
    writer.retry().result(timeout=10)
    assert writer.close() == []
    menus = (data_dir / "log" / DAY / "T1.menus.jsonl").read_text().splitlines()
    assert len(menus) == 1 and json.loads(menus[0])["terminal"] == "T1"


def test_records_the_disk_never_took_are_set_aside_at_close_or_handed_back(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = EventLog(data_dir, "T1")
    writer = LogWriter(log)
    monkeypatch.setattr(log, "log", lambda kind, record: (_ for _ in ()).throw(OSError(28, "No space")))
    with pytest.raises(LogWriteError):
        writer.prompt(event("T1", 1)).result(timeout=10)
    assert writer.close() == [], "kept aside: set-aside/ still had room"
    (aside,) = (data_dir / "set-aside").glob("T1.*.unsaved")
    assert json.loads(aside.read_text())["record"]["delta"] == 1
    log = EventLog(data_dir, "T2")
    writer = LogWriter(log)
    monkeypatch.setattr(log, "log", lambda kind, record: (_ for _ in ()).throw(OSError(28, "No space")))
    (data_dir / "set-aside").rename(data_dir / "elsewhere")
    (data_dir / "set-aside").write_text("not a folder")
    with pytest.raises(LogWriteError):
        writer.prompt(event("T2", 2)).result(timeout=10)
    (left,) = writer.close()
    assert left.startswith("NOT SAVED") and '"delta":2' in left


def test_a_second_terminal_that_came_and_went_while_the_lock_was_gone_stops_the_first(
    data_dir: Path,
) -> None:
    first, _ = make_counter(log_to=data_dir)
    key_in(first, "40")
    pay(first)  # order 1; order 2 is numbered for the next customer
    type_keys(first, "enter")
    first.shop.recorder.retry().result(timeout=10)  # type: ignore[attr-defined]
    (data_dir / "locks" / "T1.lock").unlink()
    second, _ = make_counter(log_to=data_dir)
    key_in(second, "41")
    pay(second)  # the second T1's order 2
    second.shop.recorder.close()  # type: ignore[attr-defined]  # and it quits: the lock is free
    key_in(first, "42")
    pay(first)  # the first takes the lock back: its order 2 would be written twice
    writer = first.shop.recorder
    assert isinstance(writer, LogWriter)
    writer.retry().result(timeout=10)
    assert writer.stopped and "while its lock file was gone" in writer.stopped
    assert writer.close() == []
    with EventLog(data_dir, "T1") as again:
        assert any("is now T1-20261123-0003" in notice for notice in again.notices), again.notices
    assert orders_in(data_dir) == [f"T1-20261123-000{n}" for n in range(1, 4)]


def test_set_aside_records_join_the_log_once_whatever_is_in_the_way(data_dir: Path) -> None:
    aside = data_dir / "set-aside"
    aside.mkdir()
    record = event("T1", 1)
    (aside / "T1.20261123T120000000000.unsaved").write_text(
        json.dumps({"table": "prompts", "record": to_builtins(record)})
    )
    (aside / "T1.20261123T120000000000.recovered" / "x").mkdir(parents=True)  # a folder where it goes
    for _ in range(2):  # the second start adds nothing again
        with EventLog(data_dir, "T1"):
            pass
    lines = (data_dir / "log" / DAY / "T1.prompts.jsonl").read_text().splitlines()
    assert len(lines) == 1 and (aside / "T1.20261123T120000000000.recovered.1").is_file()


def test_a_start_killed_while_it_adds_unsaved_records_is_finished_by_the_next(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with EventLog(data_dir, "T1"):  # another process's order 1, logged since
        orders = data_dir / "log" / DAY / "T1.orders.jsonl"
        orders.parent.mkdir(parents=True, exist_ok=True)
        orders.write_bytes(encode(replace(event("T1", 1), cashier="C2")))
    kept = UnsavedFile(data_dir, "T1", "20261123T120000000000")
    for number in (1, 2, 3):
        for seq in (1, 2):
            kept.keep("prompts", replace(event("T1", number), seq=seq))
    real = EventLog._write_recovered
    calls: list[dict[str, object]] = []

    def killed(self: EventLog, table: str, record: dict[str, object]) -> None:
        if len(calls) == 1:
            raise KeyboardInterrupt  # as a kill would stop it: between order 1's two prompts
        calls.append(record)
        real(self, table, record)

    monkeypatch.setattr(EventLog, "_write_recovered", killed)
    with pytest.raises(KeyboardInterrupt):
        EventLog(data_dir, "T1")
    monkeypatch.setattr(EventLog, "_write_recovered", real)
    (stopped,) = (data_dir / "set-aside").glob("T1.*.recovered")
    with EventLog(data_dir, "T1") as log:
        assert any("5 record(s)" in notice and "stopped before" in notice for notice in log.notices)
    with EventLog(data_dir, "T1") as log:
        assert log.notices == []
    prompts = [
        (record["order"], record["seq"], record["delta"])
        for line in (data_dir / "log" / DAY / "T1.prompts.jsonl").read_text().splitlines()
        if (record := json.loads(line))
    ]
    assert prompts == [
        ("T1-20261123-0001", 1, 1),
        ("T1-20261123-0001", 2, 1),  # the number its first prompt was given
        *((f"T1-20261123-{number:07d}", seq, number) for number in (2, 3) for seq in (1, 2)),
    ]
    assert stopped.read_bytes().endswith(DONE)
