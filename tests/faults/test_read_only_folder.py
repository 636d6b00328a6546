"""A data folder pos cannot write (a read-only archive, a chain's copy) is still reported on and
exported: nothing derived from its log is kept there (no report cache, no copy of the records
left out), and a notice says so. The counter, drills and the simulator, which write, refuse it
at start (`test_data_folder.py`)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos.core.analytics.report import build_report
from pos.core.base.errors import PosError
from pos.core.training.scores import ScoreBook
from pos.locations import data_folder
from tests.conftest import REPO
from tests.support.attack_runner import DAY, SCORE
from tests.support.hand_logs import order, prompt, write
from tests.support.mounts import make_read_only, tmpfs


def history(data_dir: Path) -> None:
    """Two prompts, an order, a record the spec does not allow (line 3), and a score book with a
    record of the wrong shape."""
    write(data_dir, [prompt(), prompt(order="T1-20261123-0002")])
    write(data_dir, [order()], table="orders")
    with open(data_dir / "log" / DAY / "T1.prompts.jsonl", "a") as handle:
        handle.write(json.dumps(prompt(outcome="Accepted")) + "\n")
    (data_dir / "drills").mkdir()
    book = {"drills": {"1": SCORE, "2": {"score": "high"}}}
    (data_dir / "drills" / "scores.json").write_text(json.dumps(book))


def test_a_folder_that_cannot_be_written_is_reported_on_keeping_nothing_there(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    history(data_dir)
    before = {path: path.read_bytes() for path in data_dir.rglob("*") if path.is_file()}
    access = os.access  # root may write anywhere: the folder is made to look read-only
    monkeypatch.setattr(
        "pos.core.base.files.os.access", lambda path, mode: Path(path) != data_dir and access(path, mode)
    )
    with pytest.raises(PosError, match="cannot write to it"):
        data_folder(str(data_dir))
    assert data_folder(str(data_dir), to_write=False) == data_dir, "reports and exports only read it"
    report = build_report(data_dir)
    assert (report.totals["shown"], report.totals["orders"]) == (2, 1)
    notices = "\n".join(report.notices)
    assert f"data folder {data_dir}: cannot write to it; reports read its log as it is" in notices
    assert "(line 3)" in notices and "a copy is kept" not in notices
    book = ScoreBook(data_dir)
    assert [row["score"] for row in book.history()] == [50]
    assert book.notices and "left out" in book.notices[0]
    after = {path: path.read_bytes() for path in data_dir.rglob("*") if path.is_file()}
    assert after == before, "no cache, no set-aside copy, no lock, no repair"


@contextlib.contextmanager
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A data folder holding `history`, that this process cannot write: a read-only mount for
    root (who writes anywhere else), a folder without write permission for anyone else."""
    folder = tmp_path / "archive"
    if os.geteuid() == 0:
        with tmpfs(folder, size="1m") as mounted:
            history(mounted)
            make_read_only(mounted)
            yield mounted
        return
    folder.mkdir()
    history(folder)
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)


def pos(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos", *args], cwd=REPO, capture_output=True, text=True, timeout=60
    )


@pytest.mark.skipif(os.name != "posix", reason="a folder is made read-only by a mount or its mode")
def test_reports_and_exports_of_a_read_only_folder(tmp_path: Path) -> None:
    with read_only(tmp_path) as folder:
        report = pos("report", "--data", str(folder), "--format", "json")
        export = pos("export", "--data", str(folder), "-o", str(tmp_path / "export"))
        for result in (report, export):
            assert result.returncode == 0, result.stderr
            assert f"data folder {folder}: cannot write to it; reports read its log as it is" in result.stderr
        assert json.loads(report.stdout)["totals"]["shown"] == 2
        scores = pos("drill", "--scores", "--data", str(folder), "--format", "json")
        assert scores.returncode == 0 and "records of the wrong shape are left out" in scores.stderr
        assert [drill["score"] for drill in json.loads(scores.stdout)["drills"]] == [50]
        assert sorted(path.name for path in folder.iterdir()) == ["drills", "log"]
    assert sorted(path.name for path in (tmp_path / "export").iterdir()) == [
        "order_tenders",
        "orders",
        "prompts",
    ]
