"""Where a report keeps what it derives from a data folder's log: its cache (`cache/DAY/`) and copies
of records it cannot read (`set-aside/`). They are kept in the data folder, in folders of its own;
a folder that cannot be written (a read-only archive, a chain's copy) or whose `cache` or
`set-aside` is a link keeps none: the log is read as it is, and a notice says so."""

from __future__ import annotations

import os
from pathlib import Path

from pos.core.files import is_folder, writable
from pos.core.set_aside import SET_ASIDE

CACHE = "cache"


def not_kept(data_dir: Path) -> str | None:
    """Why nothing derived is kept in `data_dir`, as a notice; None when it is kept there."""
    if not writable(data_dir):
        return (
            f"data folder {data_dir}: cannot write to it; reports read its log as it is and keep "
            "nothing there (no report cache, no copy of records left out)"
        )
    for name in (CACHE, SET_ASIDE):
        folder = data_dir / name
        if not own_or_missing(folder):
            return (
                f"{folder}: is a link or a file, not a folder of the data folder's own; reports keep "
                "nothing there until it is moved away"
            )
    return None


def own_or_missing(folder: Path) -> bool:
    """Missing, or a folder of the data folder's own: derived data is never read through a link."""
    return is_folder(folder) or not os.path.lexists(folder)
