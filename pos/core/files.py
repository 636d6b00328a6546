"""Files the same way on Linux, macOS and Windows: binary appends, whole-file replaces, folder
syncs, the mode of new files, and exclusive locks (fcntl where the system has it, else
portalocker; neither imported before a lock is taken)."""

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
    return _lock(handle, wait=False)


def wait_lock(handle: IO[bytes]) -> None:
    """Take the exclusive lock on an open file, waiting for another process to let it go."""
    _lock(handle, wait=True)


def _lock(handle: IO[bytes], wait: bool) -> bool:
    # The standard library's lock where it has one (POSIX: fcntl, quick to import); elsewhere
    # (Windows) portalocker's, which imports the system's own and costs 60 ms at start-up.
    try:
        import fcntl
    except ImportError:
        import portalocker

        try:
            portalocker.lock(handle, portalocker.LOCK_EX | (0 if wait else portalocker.LOCK_NB))
        except portalocker.exceptions.LockException:
            return False
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True
