"""An attack on the data folder: nothing outside it is touched, nothing inside it lost or miscounted."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from pos.core.analytics.report import Filters, build_report
from pos.core.analytics.report_labels import Labels
from pos.core.base.errors import DataFolderError
from pos.core.log.eventlog import EventLog
from pos.core.selling.menu_loader import load_menu
from pos.report_app import ReportApp
from tests.conftest import MENUS, REPO
from tests.support.answering_process import event
from tests.support.hand_logs import order, prompt, write

DAY = "2026-11-23"
posix_only = pytest.mark.skipif(os.name != "posix", reason="links to devices and FIFOs are POSIX")


def _log(data_dir: Path, name: str = "T1.prompts.jsonl") -> Path:
    folder = data_dir / "log" / DAY
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


# -- only regular files ---------------------------------------------------------------


def test_a_log_file_linked_outside_the_folder_is_never_cut_or_written(data_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.jsonl"
    outside.write_bytes(b'{"a": 1}\n{"torn"')
    _log(data_dir).symlink_to(outside)
    with EventLog(data_dir, "T1") as log:
        assert any("not a regular file" in notice for notice in log.notices)
        with pytest.raises(DataFolderError, match="not a regular file"):
            log.log_prompt(event("T1", 1))
    assert outside.read_bytes() == b'{"a": 1}\n{"torn"'
    report = build_report(data_dir)
    assert report.totals["shown"] == 0 and any("not a regular file" in n for n in report.notices)


@posix_only
def test_a_fifo_in_place_of_a_log_does_not_hang_start_up_or_reports(data_dir: Path) -> None:
    os.mkfifo(_log(data_dir))
    code = (
        "import sys; from pathlib import Path; from pos.core.log.eventlog import EventLog; "
        "from pos.core.analytics.report import build_report; "
        "log = EventLog(Path(sys.argv[1]), 'T1'); print(len(log.notices)); log.close(); "
        "print(build_report(Path(sys.argv[1])).totals['shown'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)], cwd=REPO, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "0"]


@posix_only
def test_a_link_to_dev_zero_is_left_alone(data_dir: Path) -> None:
    _log(data_dir).symlink_to("/dev/zero")
    with EventLog(data_dir, "T1") as log:
        assert any("/dev/zero" not in notice and "not a regular file" in notice for notice in log.notices)
    assert build_report(data_dir).totals["shown"] == 0


# -- records of any size --------------------------------------------------------------


def test_a_valid_record_over_1_mib_is_never_cut(data_dir: Path) -> None:
    write(data_dir, [prompt(pitch="x" * 10), prompt(pitch="y" * (3 << 20))])
    path = _log(data_dir)
    before = path.read_bytes()
    with EventLog(data_dir, "T1") as log:
        assert log.notices == []
    assert path.read_bytes() == before
    assert build_report(data_dir).totals["shown"] == 2


def test_a_torn_record_of_any_size_is_set_aside_whole(data_dir: Path) -> None:
    write(data_dir, [prompt(order="T1-20261123-0001", seq=1)])
    path = _log(data_dir)
    good = path.read_bytes()
    torn = json.dumps(prompt(pitch="z" * (3 << 20))).encode()[: (3 << 20) - 7]  # 3 MiB, no end
    with open(path, "ab") as handle:
        handle.write(torn)
    with EventLog(data_dir, "T1") as log:
        (notice,) = log.notices
        assert f"its {len(torn)} bytes were set aside" in notice
        log.log_prompt(event("T1", 2))
    lines = path.read_bytes().splitlines()
    assert path.read_bytes().startswith(good) and len(lines) == 2
    assert all(json.loads(line) for line in lines), "the next record is not glued onto a leftover"
    (kept,) = (data_dir / "set-aside").glob("*.torn")
    assert kept.read_bytes() == torn


# -- the report cache ------------------------------------------------------------------


def test_a_same_length_edit_rebuilds_the_cache(data_dir: Path) -> None:
    write(data_dir, [prompt(outcome="accepted"), prompt(outcome="declined")])
    assert build_report(data_dir).totals["accepted"] == 1
    path = _log(data_dir)
    time.sleep(0.01)  # a later modification time, as any edit has
    path.write_bytes(path.read_bytes().replace(b'"declined"', b'"accepted"'))
    assert build_report(data_dir).totals["accepted"] == 2


def test_a_torn_tail_repaired_then_appended_to_is_read_again(data_dir: Path) -> None:
    path = _log(data_dir)
    write(data_dir, [prompt(order=f"T1-20261123-{n:04d}", seq=1) for n in range(1, 261)])
    with open(path, "ab") as handle:  # a complete line that does not parse: read (and skipped) by a report
        handle.write(b'{"ts": "2026-11-23T12:00:00.000+00:00", "broken\n')
    assert build_report(data_dir).totals["shown"] == 260
    with EventLog(data_dir, "T1") as log:  # start-up cuts it; new records land where it was
        log.log_prompt(event("T1", 261))
        log.log_prompt(event("T1", 262))
    report = build_report(data_dir)
    assert report.totals["shown"] == 262


def test_a_log_replaced_by_another_file_rebuilds_the_cache(data_dir: Path, tmp_path: Path) -> None:
    write(data_dir, [prompt(), prompt()])
    assert build_report(data_dir).totals["shown"] == 2
    path = _log(data_dir)
    replacement = tmp_path / "other.jsonl"
    replacement.write_bytes(path.read_bytes() + json.dumps(prompt(order="X-1", seq=1)).encode() + b"\n")
    shutil.move(replacement, path)
    assert build_report(data_dir).totals["shown"] == 3


# -- files the reader does not own ------------------------------------------------------


def test_copies_hidden_files_and_false_days_are_named_and_not_counted(data_dir: Path) -> None:
    write(data_dir, [prompt()])
    path = _log(data_dir)
    shutil.copy(path, path.with_name("T1 (copy).prompts.jsonl"))
    shutil.copy(path, path.with_name(".T1.prompts.jsonl"))
    (data_dir / "log" / "20261101").mkdir()
    shutil.copy(path, data_dir / "log" / "20261101" / "T1.prompts.jsonl")
    report = build_report(data_dir)
    assert report.totals["shown"] == 1
    notices = "\n".join(report.notices)
    for name in ("T1 (copy).prompts.jsonl", ".T1.prompts.jsonl", "log/20261101"):
        assert name in notices


def test_days_compare_as_dates(data_dir: Path) -> None:
    write(data_dir, [prompt(day="2026-11-09"), prompt(day="2026-11-10")])
    report = build_report(data_dir, ("day",), Filters(start=date(2026, 11, 10)))
    assert [row["day"] for row in report.rows] == ["2026-11-10"]


# -- values against the spec -------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        {"outcome": "Accepted"},
        {"outcome": "yes"},
        {"kind": "UPSELL"},
        {"delta": -5},
        {"response_ms": -1},
        {"cashier": None},
        {"mode": "all"},
        {"ts": "2026-11-23T99:00:00.000+00:00"},
    ],
    ids=lambda bad: "-".join(f"{k}={v}" for k, v in bad.items()),
)
def test_a_value_the_spec_does_not_allow_is_set_aside_and_named(
    data_dir: Path, bad: dict[str, object]
) -> None:
    write(data_dir, [prompt(order="T1-20261123-0001", seq=1)])
    path = _log(data_dir)
    with open(path, "a") as handle:
        handle.write(json.dumps({**prompt(order="T1-20261123-0002", seq=1), **bad}) + "\n")
    report = build_report(data_dir, ("cashier", "hour", "kind"))
    assert report.totals["shown"] == 1
    (notice,) = report.notices
    assert str(path) in notice and "line 2" in notice
    assert (data_dir / "set-aside" / f"{DAY}.T1.prompts.jsonl.unreadable").read_text().startswith("2\t")


def test_the_html_report_and_the_report_screen_survive_a_null_cashier(data_dir: Path) -> None:
    write(data_dir, [prompt(), {**prompt(order="T1-20261123-0002"), "cashier": None}])
    result = subprocess.run(
        [sys.executable, "-m", "pos", "report", "--data", str(data_dir), "--format", "html"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "could not be read" in result.stderr
    app = ReportApp(
        data_dir, Labels.of(load_menu(MENUS / "burger_counter.toml")), Filters(), date(2026, 11, 23)
    )

    async def look() -> None:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert "shown 1" in str(app.screen.query_one("#range").render())

    asyncio.run(look())


def test_records_written_twice_count_once_and_are_named(data_dir: Path) -> None:
    records = [prompt(order="T1-20261123-0001", seq=1, delta=100), prompt(order="T1-20261123-0001", seq=2)]
    write(data_dir, records + records[:1])
    paid = order(order="T1-20261123-0001", total=500)
    paid["voided_lines"] = []
    paid["lines"] = [
        {
            "code": "31",
            "name": "Meal",
            "size": None,
            "qty": 1,
            "unit_price": 500,
            "source": "upsell",
            "prompt": 1,
            "added": 100,
        }
    ]
    write(data_dir, [paid, paid], table="orders")
    report = build_report(data_dir)
    assert (report.totals["shown"], report.totals["orders"], report.totals["added_revenue"]) == (2, 1, 100)
    notices = "\n".join(report.notices)
    assert "1 prompt events written more than once counted once (T1-20261123-0001 prompt 1)" in notices
    assert "1 order records written more than once counted once (T1-20261123-0001)" in notices
