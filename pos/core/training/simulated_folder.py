"""A simulation writes only into a folder of its own: one it made up before, or an empty one,
marked `simulated`. A store's own folder (records, codes, a store id, and no mark) is refused,
so made-up sales never mix with real ones and never touch the store's code secret; and the live
counter refuses a folder so marked (training, drills and a set clock, may use it).

A simulation's check and mark, and the live counter's check and claim (its store id made), are
each done under `locks/simulated.lock`: of the two started at once in an empty folder, one runs
and the other is refused."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pos.core.base.errors import PosError
from pos.core.base.files import is_regular, lock_file, own_folder, replace_whole, wait_lock
from pos.core.base.store_id import store_id

MARK = "simulated"
_THE_STORES = ("log", "codes", "store-id", "open", "drills")
"""What a store's folder holds once used."""


def mark_simulated(data_dir: Path) -> None:
    """Mark the folder as a simulation's; PosError for a store's own folder (nothing written there)."""
    if is_regular(data_dir / MARK):
        return
    _refuse_a_stores(data_dir)
    with _marking(data_dir):
        _refuse_a_stores(data_dir)  # again: a live start may have claimed it since
        replace_whole(data_dir / MARK, b"made by pos simulate: its records are made up\n")


def claim_for_live_sales(data_dir: Path) -> None:
    """The folder made the store's (its store id, which a simulation refuses); PosError when it is
    a simulation's (nothing written there)."""
    refuse_live_sales(data_dir)
    with _marking(data_dir):
        refuse_live_sales(data_dir)  # again: a simulation may have marked it since
        store_id(data_dir)


def _refuse_a_stores(data_dir: Path) -> None:
    used = [name for name in _THE_STORES if (data_dir / name).exists() or (data_dir / name).is_symlink()]
    if used:
        raise PosError(
            f"data folder {data_dir}: holds a store's own records ({', '.join(used)}); "
            "pos simulate writes a made-up history only into a folder of its own: give another --data"
        )


def refuse_live_sales(data_dir: Path) -> None:
    """PosError when the folder is a simulation's: live sales never join made-up ones."""
    mark = data_dir / MARK
    if os.path.lexists(mark):
        raise PosError(
            f"data folder {data_dir}: is a simulation's (marked {mark}): its sales are made up, and live "
            "sales are never logged among them; sell into the store's own folder (--data DIR, or "
            "POS_DATA_DIR), or move this one away to start afresh; a drill, or pos --now, may train here"
        )


@contextmanager
def _marking(data_dir: Path) -> Iterator[None]:
    with lock_file(own_folder(data_dir / "locks") / "simulated.lock") as lock:
        wait_lock(lock)
        yield
