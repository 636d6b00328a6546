"""An order open when the app stops is recorded as voided at the terminal's next start, with its lines."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from msgspec import to_builtins

from pos.cli import main
from pos.core.base.errors import DataFolderError
from pos.core.base.files import lock_file, try_lock
from pos.core.log.eventlog import EventLog
from pos.core.log.open_order import draft_path
from tests.support.counter_kit import key_in, make_counter, type_keys
from tests.support.tmux import needs_tmux, running


def _records(data_dir: Path, table: str) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted(data_dir.glob(f"log/*/T1.{table}.jsonl"))
        for line in path.read_text().splitlines()
    ]


def test_the_counter_keeps_the_open_order_and_clears_it_when_paid() -> None:
    counter, recorder = make_counter()
    assert recorder.open is None
    key_in(counter, "1")  # a burger: its upsell is up
    assert recorder.open is not None and [line.code for line in recorder.open.lines] == ["1"]
    type_keys(counter, "y", "n")  # the meal, no fries
    assert recorder.open.prompts == 2 and recorder.open.lines[0].prompt == 1
    type_keys(counter, "f10", "n", "2", "0", "enter")
    assert recorder.open is None and recorder.orders[-1].status == "paid"


def test_signing_out_after_voiding_every_line_records_the_order(tmp_path: Path) -> None:
    counter, recorder = make_counter()
    key_in(counter, "1")
    type_keys(counter, "n", "n", "f8")  # both prompts declined, the line voided
    type_keys(counter, "f2")
    (record,) = recorder.orders
    assert record.status == "voided" and record.lines == [] and record.prompts == 2
    assert [line.code for line in record.voided_lines or []] == ["1"]


def test_an_order_left_open_is_recorded_once_at_the_next_start(data_dir: Path) -> None:
    counter, _ = make_counter(log_to=data_dir)
    key_in(counter, "1")
    type_keys(counter, "y", "n")
    counter.shop.recorder.close()  # type: ignore[attr-defined]  # the app stops with the order open
    assert draft_path(data_dir, "T1").exists()
    with EventLog(data_dir, "T1") as log:
        assert any("T1-20261123-0001 was open when pos stopped" in notice for notice in log.notices)
    with EventLog(data_dir, "T1") as log:
        assert log.notices == []
    (record,) = _records(data_dir, "orders")
    assert (record["order"], record["status"], record["prompts"]) == ("T1-20261123-0001", "voided", 2)
    assert not draft_path(data_dir, "T1").exists()


def test_a_left_open_order_already_closed_is_not_recorded_twice(data_dir: Path) -> None:
    counter, _ = make_counter(log_to=data_dir)
    key_in(counter, "1")
    type_keys(counter, "n", "n")
    draft = counter.sale.draft()
    type_keys(counter, "f10", "n", "5", "enter")  # paid; suppose the stop came before its file was cleared
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    draft_path(data_dir, "T1").write_text(json.dumps(to_builtins(draft)))
    with EventLog(data_dir, "T1") as log:
        assert log.notices == []
    assert [record["status"] for record in _records(data_dir, "orders")] == ["paid"]


def test_a_file_where_the_open_orders_go_stops_the_start(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "open").write_text("not a folder")
    with pytest.raises(DataFolderError, match=re.escape(f"{data_dir / 'open'}: is not a folder")):
        EventLog(data_dir, "T1")
    assert main(["--data", str(data_dir), "--cashier", "C1"]) == 2
    assert f"pos: {data_dir / 'open'}: is not a folder" in capsys.readouterr().err
    (data_dir / "open").unlink()
    with EventLog(data_dir, "T1") as log:  # the refused starts let the terminal go
        assert log.notices == []


def test_an_order_kept_by_a_process_gone_is_recorded_whoever_has_its_number_now(data_dir: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    counter, _ = make_counter(log_to=data_dir)
    key_in(counter, "40")
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    kept = json.loads(draft_path(data_dir, "T1").read_text())
    mark = kept["writer"]
    assert mark["pid"] == os.getpid(), "the open order names its writer"
    stale = [
        {**mark, "pid": int(gone.stdout)},  # ended
        {**mark, "writer": "another", "started": mark["started"] - 3600},  # this process's id, reused
        {**mark, "writer": "another"},  # this process, whose writer closed
    ]
    for number, writer in enumerate(stale, start=2):
        kept |= {"order": f"T1-20261123-000{number}", "writer": writer}
        draft_path(data_dir, "T1").write_text(json.dumps(kept))
        with EventLog(data_dir, "T1") as log:
            assert any(f"{kept['order']} was open when pos stopped" in notice for notice in log.notices)
    assert [record["order"] for record in _records(data_dir, "orders")] == [
        f"T1-20261123-000{number}" for number in range(2, 5)
    ]
    assert all("writer" not in record for record in _records(data_dir, "orders")), "the mark is not logged"


def _wait_unlocked(data_dir: Path, terminal: str) -> None:
    """Until the killed process's lock is let go: the kernel drops it once the last of its threads
    is gone, which takes a while on a loaded machine."""
    deadline = time.monotonic() + 30
    with lock_file(data_dir / "locks" / f"{terminal}.lock") as handle:
        while not try_lock(handle) and time.monotonic() < deadline:
            time.sleep(0.02)


@needs_tmux
def test_a_killed_app_loses_no_line_of_its_open_order(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    args = ["--data", str(data), "--cashier", "C1", "--now", "2026-11-23T12:15:00"]
    with running(args) as terminal:
        terminal.burst(["1", "enter", "y", "2", "enter", "n", "5", "0", "enter"])  # a meal with rings
        terminal.wait_for("Cola")
        draft = draft_path(data, "T1")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and '"code": "50"' not in (
            draft.read_text() if draft.exists() else ""
        ):
            time.sleep(0.05)  # the screen shows the line; its writer thread keeps it a moment later
        shell = terminal.tmux("list-panes", "-t", "pos", "-F", "#{pane_pid}").split()[0]
        app = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()[0]
        os.kill(int(app), signal.SIGKILL)
        _wait_unlocked(data, "T1")
    prompts = _records(data, "prompts")
    assert _records(data, "orders") == []
    with EventLog(data, "T1") as log:
        assert len(log.notices) == 1
    (record,) = _records(data, "orders")
    assert record["status"] == "voided"
    assert [(line["code"], line["prompt"]) for line in record["lines"]] == [("50", None), ("31", 1)]
    assert [part["code"] for part in record["lines"][1]["components"]] == ["1", "21", "50"]
    assert {prompt["order"] for prompt in prompts} == {record["order"]}


def test_a_damaged_open_order_is_set_aside_with_a_notice(data_dir: Path) -> None:
    counter, _ = make_counter(log_to=data_dir)
    key_in(counter, "1")
    type_keys(counter, "y", "n")
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    path = draft_path(data_dir, "T1")
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # cut short: its lines are in no other file
    with EventLog(data_dir, "T1") as log:
        (notice,) = log.notices
    (kept,) = (data_dir / "set-aside").glob("open.T1.json.*.damaged")
    assert f"{path}: damaged" in notice and str(kept) in notice
    assert kept.read_bytes() == whole[: len(whole) // 2] and not path.exists()
    assert _records(data_dir, "orders") == []
