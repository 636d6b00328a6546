"""Files the same way on Linux, macOS and Windows: binary appends, whole-file replaces, folder
syncs, the mode of new files, and exclusive locks (portalocker, imported only to take one)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO

O_BINARY: int = getattr(os, "O_BINARY", 0)
"""Windows opens files in text mode unless told, and would write "\\r\\n" for "\\n"."""
POSIX = os.name == "posix"


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()
"""What a new file's mode is where nobody says otherwise: the one its neighbours have."""


def fsync_folder(folder: Path) -> None:
    """Make a new file's name durable, not just its contents. Windows cannot open a folder, and
    its file system journals names itself."""
    if not POSIX:
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_whole(path: Path, content: bytes, sync: bool = True) -> None:
    """Write `content` as `path` in one step: a reader, or a crash, sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temp, FILE_MODE)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if sync:
        fsync_folder(path.parent)


def try_lock(handle: IO[bytes]) -> bool:
    """Take the exclusive lock on an open file, or False when another process holds it."""
    import portalocker  # fcntl on POSIX, msvcrt on Windows: only the system's own is imported

    try:
        portalocker.lock(handle, portalocker.LOCK_EX | portalocker.LOCK_NB)
    except portalocker.exceptions.LockException:
        return False
    return True


def wait_lock(handle: IO[bytes]) -> None:
    """Take the exclusive lock on an open file, waiting for another process to let it go."""
    import portalocker

    portalocker.lock(handle, portalocker.LOCK_EX)
