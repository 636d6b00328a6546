"""Where a day's closes are: `closes/YYYY-MM-DD.json` in the data folder, then `.2.json`, `.3` ...
for a day closed again (`pos.core.analytics.day_close` writes and reads them). Apart from the
close's records so that the counter can look whether today is closed, at each order, without
loading the report engine."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

CLOSES = "closes"


def close_path(data_dir: Path, day: date, number: int = 1) -> Path:
    return data_dir / CLOSES / f"{close_name(day, number)}.json"


def close_name(day: date, number: int = 1) -> str:
    """`2026-11-23` for the day's first close, `2026-11-23.2` for the next."""
    return f"{day}" if number == 1 else f"{day}.{number}"


def is_closed(data_dir: Path, day: date) -> bool:
    """Whether the day has a close: one look for its first (a name there that is not a close pos
    wrote counts; reading it says what it is)."""
    return os.path.lexists(close_path(data_dir, day))
