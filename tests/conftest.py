from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MENUS = REPO / "menus"
BURGERS_V1 = REPO / "tests" / "menus" / "burger_counter_v1.toml"
"""The burger menu as version 1 had it: the counter's mechanics are tested on it (a v1 file keeps working)."""

os.environ.setdefault("TEXTUAL_ANIMATION", "none")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder
