from __future__ import annotations

import pytest

from tests.unit.in_process import PosReport, run_pos


@pytest.fixture
def pos_report(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> PosReport:
    """`pos report` with the arguments given, in this process, on a console 160 columns wide."""
    monkeypatch.setenv("COLUMNS", "160")
    return lambda *args: run_pos(capsys, "report", *args)
