"""Files that are not what they seem (issue 25): every file pos owns is opened only as a regular
file of the data folder's own, and every folder it writes into is a folder of its own, not a link.
A FIFO, a link to /dev/zero or outside the folder, or a folder in a file's place: a clear message
naming it (or, for a report, a notice), never a hang, a read of gigabytes or a write outside."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pos.core.analytics.report import build_report
from pos.core.base.errors import PosError
from pos.core.base.events import Mode
from pos.core.codes.codes import session_codes
from pos.core.log.eventlog import EventLog
from pos.core.log.log_writer import LogWriter
from pos.core.log.menu_stamp import MenuStamp
from pos.core.log.storage import LogWriteError
from pos.core.training.scores import ScoreBook
from tests.conftest import REPO
from tests.support.answering_process import event
from tests.support.attack_runner import DAY, DIGEST, SCORE, TARGETS
from tests.support.hand_logs import prompt, write

links = pytest.mark.skipif(os.name != "posix", reason="links need privileges on Windows; no /dev/zero")
KINDS = [
    pytest.param("fifo", marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")),
    pytest.param("zero", marks=links),
    pytest.param("outside", marks=links),
    "folder",
]
NAMED = {f"menus/{DIGEST}.json"}
"""Named in the report's notices; the report goes on."""
COUNTED = {
    f"cache/parquet/day={DAY}/prompts.parquet",
    f"cache/parquet/day={DAY}/manifest.json",
    f"set-aside/{DAY}.T1.prompts.jsonl.unreadable",
}
"""Derived: the report counts the log's one record, from the log itself."""


@pytest.mark.parametrize("kind", KINDS)
def test_every_file_pos_owns_is_opened_only_as_a_regular_file(kind: str, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "tests.support.attack_runner", kind, str(tmp_path)]
    try:
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout or ""
        done = len((output.decode() if isinstance(output, bytes) else output).splitlines())
        pytest.fail(f"opening a {kind} at {list(TARGETS)[done]} hung")
    assert result.returncode == 0, result.stderr
    results = [json.loads(line) for line in result.stdout.splitlines()]
    assert [each["target"] for each in results] == list(TARGETS)
    for each in results:
        target = each["target"]
        assert each["outside_intact"], f"{target}: the file outside the data folder was written"
        if target in COUNTED:
            assert (each["raised"], each["returned"]) == (None, "1"), each
        elif target in NAMED:
            assert each["raised"] is None and f"{target}: not a regular file" in each["returned"], each
        else:
            assert each["raised"] == "DataFolderError", each
            assert f"{target}: not a regular file" in each["message"] and "move it away" in each["message"]


# -- folders pos writes into, linked outside ------------------------------------------------


def _start(data_dir: Path) -> None:
    EventLog(data_dir, "T1").close()


def _log_one(data_dir: Path) -> None:
    with EventLog(data_dir, "T1") as log:
        log.log_prompt(event("T1", 1))


def _start_after_a_crash(data_dir: Path) -> None:
    write(data_dir, [prompt()])
    with open(data_dir / "log" / DAY / "T1.prompts.jsonl", "ab") as handle:
        handle.write(b'{"torn')
    _start(data_dir)


def _log_with_a_menu(data_dir: Path) -> None:
    with EventLog(data_dir, "T1", menu=MenuStamp("Shop", "USD", {"1": "Burger"})) as log:
        log.log_prompt(event("T1", 1))


def _save_a_score(data_dir: Path) -> None:
    ScoreBook(data_dir).add(dict(SCORE))


def _train(data_dir: Path) -> None:
    session_codes(data_dir, Mode.TRAINING)


def _report(data_dir: Path) -> str:
    write(data_dir, [prompt()])
    report = build_report(data_dir)
    assert report.totals["shown"] == 1
    return "\n".join(report.notices)


FOLDERS: dict[str, Callable[[Path], object]] = {
    "log": _log_one,
    f"log/{DAY}": _log_one,
    "open": _start,
    "locks": _start,
    "set-aside": _start_after_a_crash,
    "menus": _log_with_a_menu,
    "drills": _save_a_score,
    "training": _train,
    "cache": _report,
    "cache/parquet": _report,
    f"cache/parquet/day={DAY}": _report,
}
"""Each folder, and what writes into it: refused with a message, or (a report's cache) a notice."""


@links
@pytest.mark.parametrize("name", list(FOLDERS))
def test_a_folder_pos_writes_into_linked_outside_is_named_and_nothing_is_written_there(
    name: str, data_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "T1.prompts.jsonl").write_bytes(b'{"a torn record outside')
    (data_dir / name).parent.mkdir(parents=True, exist_ok=True)
    (data_dir / name).symlink_to(outside, target_is_directory=True)
    try:
        said = str(FOLDERS[name](data_dir))
    except PosError as error:
        said = str(error)
    assert f"{data_dir / name}: is a link" in said
    assert [path.name for path in outside.iterdir()] == ["T1.prompts.jsonl"], "nothing written outside"
    assert (outside / "T1.prompts.jsonl").read_bytes() == b'{"a torn record outside', "nor read and cut"


@links
def test_a_linked_day_is_named_by_the_report_not_read_and_the_counter_keeps_its_records(
    data_dir: Path, tmp_path: Path
) -> None:
    day = tmp_path / "outside"
    day.mkdir()
    (day / "T1.prompts.jsonl").write_text(json.dumps(prompt()) + "\n")
    (data_dir / "log").mkdir()
    (data_dir / "log" / DAY).symlink_to(day, target_is_directory=True)
    report = build_report(data_dir)
    assert report.totals["shown"] == 0
    assert f"{data_dir / 'log' / DAY}: is a link, not a folder of the data folder's own; not read" in (
        report.notices
    )
    writer = LogWriter(EventLog(data_dir, "T1"))
    with pytest.raises(LogWriteError, match="is a link"):
        writer.prompt(event("T1", 1)).result(timeout=10)
    assert writer.backlog == 1 and writer.close() == []
    (kept,) = (data_dir / "set-aside").glob("T1.*.unsaved")
    assert json.loads(kept.read_text())["record"]["delta"] == 1, "the counter keeps what it recorded"
    assert [path.name for path in day.iterdir()] == ["T1.prompts.jsonl"]
