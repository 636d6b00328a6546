"""Closed days compacted by processes of their own (`pos.core.analytics.compactor`) are the very
Parquet a report compacts itself, and a report whose processes cannot start compacts each day as
it reads it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from pos.core.analytics import day_parquet
from pos.core.analytics.report import build_report
from pos.core.log.derived import day_folder
from tests.golden.unpack import unpack


def closed_days(data: Path) -> list[tuple[Path, str, list[Path]]]:
    days = []
    for folder in sorted((data / "log").iterdir()):
        sources = sorted(folder.glob("*.prompts.jsonl")) + sorted(folder.glob("*.orders.jsonl"))
        days.append((data, folder.name, sources))
    return days


def parquet(data: Path) -> dict[str, bytes]:
    return {
        path.relative_to(data).as_posix(): path.read_bytes() for path in (data / "cache").rglob("*.parquet")
    }


@pytest.fixture
def history(tmp_path: Path) -> Path:
    return unpack(tmp_path / "data")


def test_days_compacted_by_processes_are_those_a_report_compacts(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = shutil.copytree(history, tmp_path / "alone")
    for data, day, sources in closed_days(alone)[:2]:
        day_parquet.compact_kept([(data, day_folder(data, day), sources)])
    monkeypatch.setattr(day_parquet, "PROCESSES_FROM", 0)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    day_parquet.compact(closed_days(history)[:2])
    assert parquet(history) == parquet(alone)
    assert len(parquet(history)) == 2 * len(day_parquet.FILES)


def test_a_report_whose_processes_cannot_start_compacts_each_day_itself(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = build_report(shutil.copytree(history, tmp_path / "alone"))
    monkeypatch.setattr(day_parquet, "PROCESSES_FROM", 0)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python-here"))
    assert build_report(history) == expected
    assert all(
        (day_folder(history, day) / day_parquet.MANIFEST).exists() for _, day, _ in closed_days(history)
    )
