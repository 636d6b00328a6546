"""Processes that die, and processes that write at once: nothing answered is lost or mixed.

Each test is bounded in count and time.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from pos.core.log.eventlog import EventLog
from tests.conftest import REPO

KILLS = 20
"""SIGKILLs at random moments, into one data folder."""


def prompts_file(data_dir: Path, terminal: str = "T1") -> Path:
    return data_dir / "log" / "2026-11-23" / f"{terminal}.prompts.jsonl"


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _writer(data_dir: Path, terminal: str, first: int, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.answering_process",
            str(data_dir),
            terminal,
            str(first),
            str(count),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_logging_at_once_lose_and_mix_nothing(data_dir: Path) -> None:
    writers = {terminal: _writer(data_dir, terminal, 1, 2000) for terminal in ("T1", "T2")}
    for process in writers.values():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert len(out.split()) == 2000
    for terminal in writers:
        records = read_jsonl(prompts_file(data_dir, terminal))
        assert [record["delta"] for record in records] == list(range(1, 2001))
        assert {record["terminal"] for record in records} == {terminal}


def test_killed_between_events_loses_nothing_answered(data_dir: Path) -> None:
    rng = random.Random(7)
    answered: set[int] = set()
    for run in range(KILLS):
        process = _writer(data_dir, "T1", run * 1_000_000 + 1, 0)
        assert process.stdout is not None
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and len(answered) < (run + 1) * 20:
            line = process.stdout.readline()
            if line:
                answered.add(int(line))
        time.sleep(rng.uniform(0, 0.02))
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate(timeout=10)
        answered.update(int(line) for line in out.split())
        with EventLog(data_dir, "T1") as log:
            # A record is one write() call, so a kill should not tear it; if one ever
            # does, it is set aside with a message that names the file.
            assert all(str(prompts_file(data_dir)) in notice for notice in log.notices)
        logged = {record["delta"] for record in read_jsonl(prompts_file(data_dir))}
        assert answered <= logged, f"run {run}: {len(answered - logged)} answered events lost"
    assert len(answered) >= KILLS * 20
