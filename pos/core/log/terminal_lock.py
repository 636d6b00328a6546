"""`locks/T1.lock`: one process logs as terminal T1, so order numbers are never given twice.

The lock is the lock file's exclusive lock, held while the process runs. A lock
file deleted (or replaced) while T1 runs would let a second T1 take a new one; so
the holder checks, before every write, that the file it locked is still the one
at that path, takes the new one back if it can, and stops writing if another
process took it first.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from pos.core.base.errors import DataFolderError, TerminalTaken
from pos.core.base.files import lock_file, own_folder, try_lock


class TerminalLock:
    def __init__(self, data_dir: Path, terminal: str) -> None:
        self.data_dir = data_dir
        self.terminal = terminal
        self.path = data_dir / "locks" / f"{terminal}.lock"
        self._handle: IO[bytes] | None = self._take()

    def check(self) -> bool:
        """Still ours (False), or taken back (True); TerminalTaken when another process now holds it."""
        if self._handle is None:
            raise TerminalTaken(f"terminal {self.terminal} is no longer locked by this process")
        if self._holds():
            return False
        self._handle.close()
        self._handle = None
        self._handle = self._take(
            f"data folder {self.data_dir}: {self.path} was deleted while terminal {self.terminal} ran, and "
            "another pos process has taken the terminal since; this one takes no more sales"
        )
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def _take(self, taken: str | None = None) -> IO[bytes]:
        for _ in range(3):  # the file may be deleted between opening and locking it: lock the new one
            handle = self._open()
            if not try_lock(handle):
                handle.close()
                raise TerminalTaken(
                    taken
                    or f"data folder {self.data_dir}: terminal {self.terminal} is already open in another "
                    "pos process; give this one another --terminal"
                )
            self._handle = handle
            if self._holds():
                return handle
            handle.close()
        raise DataFolderError(
            f"data folder {self.data_dir}: {self.path} keeps being replaced; cannot lock it"
        )

    def _open(self) -> IO[bytes]:
        """The lock file, made when missing: never a link (another file locked), a FIFO (a hang)
        or a device, in a `locks` folder of the data folder's own."""
        try:
            return lock_file(own_folder(self.path.parent) / self.path.name)  # held while the process runs
        except OSError as error:
            raise DataFolderError(
                f"data folder {self.data_dir}: cannot write to it ({error.strerror})"
            ) from None

    def _holds(self) -> bool:
        assert self._handle is not None
        try:
            path, held = os.stat(self.path), os.fstat(self._handle.fileno())
        except OSError:
            return False
        return (path.st_dev, path.st_ino) == (held.st_dev, held.st_ino)
