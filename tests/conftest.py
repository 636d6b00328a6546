from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MENUS = REPO / "menus"
BURGERS_V1 = REPO / "tests" / "menus" / "burger_counter_v1.toml"
"""The burger menu as version 1 had it: the counter's mechanics are tested on it (a v1 file keeps working)."""

os.environ.setdefault("TEXTUAL_ANIMATION", "none")

QUICK_IDLE = 1 / 200
"""A pilot's key press and pause wait until the app is idle: until a sleep of Textual's granularity
(1/50 s) passes with almost no CPU used, so every key of a pilot test cost at least 40 ms of doing
nothing (half the suite's time). 1/200 s keeps the same test of idleness (under 5 % of the CPU)."""


@pytest.fixture(autouse=True)
def quick_idle(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pilot's idle wait at QUICK_IDLE, but in the tests that type the same keys slowly and in a
    burst: there, at 1/200 s on a busy machine, a prompt once went unrecorded typed slowly (2 runs in
    9, not seen since in 12 beside two busy cores), so they wait as Textual does until that is
    understood."""
    if "typing_speed" in request.module.__name__:
        return
    import textual._wait

    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", QUICK_IDLE)
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", QUICK_IDLE / 20)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder
