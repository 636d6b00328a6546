"""A read-only or missing data folder: a clear error at start, exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.support.mounts import tmpfs


def pos(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos", *args], cwd=REPO, capture_output=True, text=True, timeout=60
    )


def test_a_read_only_data_folder(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", size="64k", read_only=True) as folder:
        for args in (["--data", str(folder)], ["simulate", "--orders", "5", "--data", str(folder)]):
            result = pos(*args)
            assert result.returncode == 2, result.stderr
            assert "Traceback" not in result.stderr
            assert str(folder) in result.stderr and "cannot write to it" in result.stderr


def test_a_missing_data_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    for args in (
        ["--data", str(missing)],
        ["report", "--data", str(missing)],
        ["simulate", "--orders", "5", "--data", str(missing)],
    ):
        result = pos(*args)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"data folder {missing}: does not exist" in result.stderr


def test_a_missing_folder_from_the_environment(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pos"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "POS_DATA_DIR": str(tmp_path / "gone")},
    )
    assert result.returncode == 2 and "does not exist" in result.stderr
