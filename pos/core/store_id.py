"""The data folder's store id (events spec version 3): made once, at the folder's first use, from
the operating system's random source, and kept in `store-id`. Two stores on one menu, with the
same terminal names, are told apart by it; a receipt code's store tag comes from it.

Made under `locks/store-id.lock`, so two terminals opening a new folder at once agree on it.
Records written before version 3 carry none: a reader gives them `folder_id`.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from pos.core.errors import DataFolderError
from pos.core.files import lock_file, own_folder, read_regular, replace_whole, wait_lock

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 10
"""50 random bits: two stores of a chain of thousands share one about once in 10^8 chains."""
_ID = re.compile(rf"[{ALPHABET}]{{{LENGTH}}}")
FILE = "store-id"


def store_id(data_dir: Path) -> str:
    """The folder's store id, made now if it has none."""
    path = data_dir / FILE
    found = _read(path)
    if found is not None:
        return found
    with lock_file(own_folder(data_dir / "locks") / "store-id.lock") as lock:
        wait_lock(lock)
        found = _read(path)
        if found is None:
            found = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
            replace_whole(path, (found + "\n").encode())
    return found


def folder_id(data_dir: Path) -> str:
    """The store id of the folder's records that carry none: its store id when it has one, else the
    folder itself (its full path), so two such folders read together never merge. Never made here: a
    report or an export may read a folder it cannot write."""
    found = _read(data_dir / FILE)
    return found if found is not None else str(data_dir.resolve())


def _read(path: Path) -> str | None:
    if not path.exists() and not path.is_symlink():
        return None
    text = read_regular(path, 64).decode("ascii", errors="replace").strip()
    if not _ID.fullmatch(text):
        raise DataFolderError(
            f"{path}: not a store id ({LENGTH} of {ALPHABET}); restore it from a backup of this folder"
        )
    return text
