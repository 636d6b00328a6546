from __future__ import annotations

import os
from pathlib import Path

import pytest
import textual._wait

REPO = Path(__file__).resolve().parent.parent
MENUS = REPO / "menus"
BURGERS_V1 = REPO / "tests" / "menus" / "burger_counter_v1.toml"
"""The burger menu as version 1 had it: the counter's mechanics are tested on it (a v1 file keeps working)."""

os.environ.setdefault("TEXTUAL_ANIMATION", "none")

# A pilot's key press and pause wait until the app is idle: until a sleep of this length passes with
# almost no CPU used. Textual's 1/50 s made every key of a pilot test cost at least 40 ms of doing
# nothing (half the suite's time); 1/200 s keeps the same test of idleness (under 5 % of the CPU).
textual._wait.SLEEP_GRANULARITY = 1 / 200
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder
