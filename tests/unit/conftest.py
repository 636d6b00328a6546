from __future__ import annotations

import pytest

from tests.support.in_process import PosReport, run_pos


@pytest.fixture
def pos_report(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> PosReport:
    """`pos report` with the arguments given, in this process, on a console 160 columns wide."""
    monkeypatch.setenv("COLUMNS", "160")
    return lambda *args: run_pos(capsys, "report", *args)


@pytest.fixture
def pos_drill(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> PosReport:
    """`pos drill` with the arguments given (scores, or arguments it refuses before any screen), in
    this process, on a console 140 columns wide."""
    monkeypatch.setenv("COLUMNS", "140")
    return lambda *args: run_pos(capsys, "drill", *args)
