"""An open order's writer is told from a later process of its id, whatever the clock did: a clock
step (`date -s`, NTP) between two starts of T1 never lets the second void the first's live order.
The step is faked (psutil's start time moved by two minutes), the clock itself never changed."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from pos.core.base.errors import TerminalTaken
from pos.core.log import open_order_writer
from pos.core.log.eventlog import EventLog
from pos.core.log.open_order import draft_path, save
from pos.core.log.open_order_writer import BOOT_START, running
from tests.conftest import REPO
from tests.support.hand_logs import order_record

STEP = 120.0
"""Seconds the clock is stepped by between the writer's start and the next one's."""
MARK = "import json, sys; from pos.core.log.open_order_writer import Writer; print(json.dumps(Writer().mark()), flush=True); sys.stdin.read()"
"""Another process's writer: prints its mark and runs until its input closes."""


@pytest.fixture
def writer() -> Iterator[tuple[subprocess.Popen[str], dict[str, Any]]]:
    process = subprocess.Popen(
        [sys.executable, "-c", MARK], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        yield process, json.loads(process.stdout.readline())
    finally:
        process.kill()
        process.communicate(timeout=10)


@pytest.fixture
def stepped_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every start time psutil reads from now on, two minutes later (Linux adds the boot time,
    which the step moved)."""
    create_time = psutil.Process.create_time
    monkeypatch.setattr(psutil.Process, "create_time", lambda self: create_time(self) + STEP)


@pytest.mark.usefixtures("stepped_clock")
def test_a_clock_step_does_not_make_a_running_writer_look_gone(
    writer: tuple[subprocess.Popen[str], dict[str, Any]], data_dir: Path
) -> None:
    process, mark = writer
    assert running(mark) == process.pid
    record = order_record(order="T1-20261123-0001", status="voided")
    save(data_dir, "T1", record, mark)
    with pytest.raises(TerminalTaken, match=f"process {process.pid}, which still runs"):
        EventLog(data_dir, "T1")
    assert json.loads(draft_path(data_dir, "T1").read_text())["order"] == record.order, "left alone"


@pytest.mark.usefixtures("stepped_clock")
def test_a_mark_that_cannot_tell_a_step_from_another_process_keeps_the_order(
    writer: tuple[subprocess.Popen[str], dict[str, Any]],
) -> None:
    process, mark = writer
    older = {key: value for key, value in mark.items() if key != BOOT_START}  # an older pos's mark
    expected = process.pid if open_order_writer.CLOCK_MOVES_START else None
    assert running(older) == expected, "in doubt where the clock moves the start: left alone"


def test_a_writer_gone_or_another_process_of_its_id_is_told_apart(
    writer: tuple[subprocess.Popen[str], dict[str, Any]],
) -> None:
    process, mark = writer
    assert running(mark) == process.pid
    if BOOT_START in mark:
        boot, ticks = mark[BOOT_START].split("/")
        assert running({**mark, BOOT_START: f"{boot}/{int(ticks) - 1}"}) is None, "an earlier process"
        assert running({**mark, BOOT_START: f"another-boot/{ticks}"}) is None, "a boot before this one"
    process.kill()
    process.communicate(timeout=10)
    assert running(mark) is None
