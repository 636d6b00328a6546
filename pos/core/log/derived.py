"""Where pos keeps what it derives from a data folder's log: its cache (a closed day's Parquet,
`cache/parquet/day=DAY/`, `pos.core.analytics.day_parquet`; a closed day's learned answers,
`cache/learned/DAY.json`, `pos.core.log.learned_tallies`) and copies of records a report cannot
read (`set-aside/`). They are kept in the data folder, in folders of its own;
a folder that cannot be written (a read-only archive, a chain's copy) or whose `cache` or
`set-aside` is a link keeps none: the log is read as it is, and a notice says so."""

from __future__ import annotations

import os
from pathlib import Path

from pos.core.base.files import is_folder, writable
from pos.core.log.set_aside import SET_ASIDE

CACHE = "cache"


Identity = tuple[int, int, int, int]
"""A log file as it was when something was derived from it: its size, mtime_ns, ctime_ns and inode.
A file written since (appended to, or over in place) has another."""


def identity(stat: os.stat_result) -> Identity:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def day_folder(data_dir: Path, day: str) -> Path:
    """Where a closed day's Parquet is kept."""
    return data_dir / CACHE / "parquet" / f"day={day}"


def not_own_on_the_way(data_dir: Path, folder: Path) -> Path | None:
    """The first folder from `data_dir` down to `folder` that is neither missing nor of the data
    folder's own (a link, a file); None when there is none."""
    parts = folder.relative_to(data_dir).parts
    on_the_way = (data_dir.joinpath(*parts[: depth + 1]) for depth in range(len(parts)))
    return next((each for each in on_the_way if not own_or_missing(each)), None)


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
