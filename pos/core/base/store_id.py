"""The data folder's store id (events spec version 3): made once, at the folder's first use, from
the operating system's random source, and kept in `store-id`. Two stores on one menu, with the
same terminal names, are told apart by it; a receipt code's store tag comes from it.

Made under `locks/store-id.lock`, so two terminals opening a new folder at once agree on it.
Records written before version 3 carry none: a reader gives them `folder_id`. A `store-id` file
deleted from a folder whose records name its id is restored from them, never made anew: a new id
would split the folder into two stores and refuse every receipt code printed before.
"""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path

from pos.core.base.bounded_lines import lines_of
from pos.core.base.errors import DataFolderError
from pos.core.base.files import (
    is_folder,
    is_regular,
    lock_file,
    own_folder,
    read_regular,
    replace_whole,
    wait_lock,
)

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 10
"""50 random bits: two stores of a chain of thousands share one about once in 10^8 chains."""
_ID = re.compile(rf"[{ALPHABET}]{{{LENGTH}}}")
FILE = "store-id"
_RESTORE = (
    "move it away and restore it from a backup of this folder (without a backup, the next start takes "
    "the id the folder's records name)"
)


def is_store_id(text: str) -> bool:
    """Whether `text` has a store id's form: what a record's `store_id` must hold."""
    return _ID.fullmatch(text) is not None


def store_id(data_dir: Path) -> str:
    """The folder's store id: restored from its records if its file was lost, made now if the folder
    has none."""
    path = data_dir / FILE
    found = _read(path)
    if found is not None:
        return found
    with lock_file(own_folder(data_dir / "locks") / "store-id.lock") as lock:
        wait_lock(lock)
        found = _read(path)
        if found is None:
            found = _recorded(data_dir) or "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
            replace_whole(path, (found + "\n").encode())
    return found


def folder_id(data_dir: Path) -> str:
    """The store id of the folder's records that carry none: its store id (from its file, or the one
    its records name), else the folder itself (its full path), so two such folders read together
    never merge. Never made here: a report or an export may read a folder it cannot write."""
    found = _read(data_dir / FILE)
    if found is None:
        try:
            found = _recorded(data_dir)
        except DataFolderError:  # records of two stores: theirs stand, the older ones take the path
            found = None
    return found if found is not None else str(data_dir.resolve())


def _recorded(data_dir: Path) -> str | None:
    """The one store id the folder's menu records name (each terminal writes one a day), or None
    when none names any (a folder new, or logged before version 3)."""
    named: set[str] = set()
    log = data_dir / "log"
    days = sorted(log.iterdir()) if is_folder(log) else []
    for day in days:
        if not is_folder(day):
            continue
        for path in sorted(day.glob("*.menus.jsonl")):
            if not is_regular(path):
                continue
            for line in lines_of(path):
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                written = record.get("store_id") if isinstance(record, dict) else None
                if isinstance(written, str) and is_store_id(written):
                    named.add(written)
    if len(named) > 1:
        raise DataFolderError(
            f"{data_dir / FILE}: missing, and the folder's records name {len(named)} store ids "
            f"({', '.join(sorted(named))}); restore it from a backup of this folder"
        )
    return next(iter(named), None)


def _read(path: Path) -> str | None:
    if not path.exists() and not path.is_symlink():
        return None
    try:
        text = read_regular(path, 64).decode("ascii", errors="replace").strip()
    except DataFolderError as error:
        raise DataFolderError(f"{error}: {_RESTORE}") from None
    if not _ID.fullmatch(text):
        raise DataFolderError(f"{path}: not a store id ({LENGTH} of {ALPHABET}); {_RESTORE}")
    return text
