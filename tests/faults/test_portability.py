"""What a counter PC on Windows needs: nothing POSIX-only on the way, locks that hold, text that prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pos.core.base.errors import DataFolderError
from pos.core.log.eventlog import EventLog
from tests.conftest import REPO
from tests.support.answering_process import event
from tests.support.hand_logs import prompt, write

POSIX_ONLY = ("fcntl", "termios", "tty", "pwd", "grp", "resource")


def _python(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_start_an_order_a_drill_score_and_a_report_without_fcntl(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.without_fcntl", str(data_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    # 3 prompts (upsell, cross-sell, checkout), 1 paid order, 1 drill score; fcntl never imported.
    assert result.stdout.split() == ["3", "1", "1", "None"]


def test_no_posix_only_module_is_imported_on_the_way_to_any_screen() -> None:
    blocked = "; ".join(f"sys.modules[{name!r}] = None" for name in POSIX_ONLY)
    code = (
        f"import sys; {blocked}\n"
        "import pos.cli, pos.app, pos.app_factory, pos.report_app, pos.screens.report, pos.screens.drill\n"
        "import pos.core.log.eventlog, pos.core.training.scores, pos.core.analytics.report, pos.core.training.simulate, pos.commands.report\n"
        "print('imported')"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "imported"


def test_a_deleted_lock_file_is_taken_back_and_a_second_terminal_refused(data_dir: Path) -> None:
    with EventLog(data_dir, "T1") as first:
        (data_dir / "locks" / "T1.lock").unlink()
        first.log_prompt(event("T1", 1))  # the writer notices, and locks a new file
        with pytest.raises(DataFolderError, match="already open in another pos process"):
            EventLog(data_dir, "T1")
        first.log_prompt(event("T1", 2))


def test_a_second_terminal_that_got_in_stops_the_first_from_writing(data_dir: Path) -> None:
    with EventLog(data_dir, "T1") as first:
        first.log_prompt(event("T1", 1))
        (data_dir / "locks" / "T1.lock").unlink()
        with EventLog(data_dir, "T1") as second:  # in, as the first has not written since
            with pytest.raises(DataFolderError, match="another pos process has taken the terminal"):
                first.log_prompt(event("T1", 2))
            second.log_prompt(event("T1", 3))
    written = (data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl").read_text().splitlines()
    assert len(written) == 2, "the first wrote nothing after the second came in"


@pytest.mark.parametrize("output_format", ["table", "csv", "json", "html"])
def test_a_report_to_a_pipe_in_a_legacy_code_page(data_dir: Path, output_format: str) -> None:
    write(data_dir, [prompt(pitch="Only ₹50 more?", cashier="C₹")])
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pos",
            "report",
            "--data",
            str(data_dir),
            "--by",
            "pitch",
            "--format",
            output_format,
        ],
        cwd=REPO,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "cp1252", "COLUMNS": "120"},
    )
    assert result.returncode == 0, result.stderr.decode("cp1252", "replace")
    if output_format == "table":
        assert b"Only \\u20b950" in result.stdout  # what the code page cannot show, escaped
    else:
        assert "Only ₹50 more?".encode() in result.stdout  # machine formats are UTF-8


def test_new_files_are_the_owners_only_where_the_system_keeps_modes(data_dir: Path) -> None:
    write(data_dir, [prompt()])
    from pos.core.analytics.report import build_report

    build_report(data_dir)
    (cache,) = (data_dir / "cache").rglob("prompts.parquet")
    log = data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl"
    assert cache.stat().st_mode & 0o777 == (0o600 if os.name == "posix" else log.stat().st_mode & 0o777)
