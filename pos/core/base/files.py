"""Files the same way on Linux, macOS and Windows: binary appends, whole-file replaces, folder
syncs, owner-only files and folders, and exclusive locks (fcntl where the system has it, else
portalocker; neither imported before a lock is taken)."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from pos.core.base.errors import DataFolderError

O_BINARY: int = getattr(os, "O_BINARY", 0)
"""Windows opens files in text mode unless told, and would write "\\r\\n" for "\\n"."""
POSIX = os.name == "posix"
PRIVATE_MODE = 0o600
"""Every file pos owns: the prompt log carries receipts' codes (events spec v2), the ledgers list
them, and the secret signs them, so another user of the machine reads none of it. Windows keeps
no such bits (its folders' access lists apply)."""
FOLDER_MODE = 0o700
"""Every folder pos makes: owner-only, like its files."""
_NOT_FOLLOWED = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
"""A link is not followed (to a file outside the folder, or /dev/zero), and a FIFO does not
block the open (it is then refused as not a regular file). Windows has neither flag: a link
is refused by looking at it first."""


def open_regular(path: Path, flags: int = os.O_RDONLY) -> int:
    """A descriptor of `path`, which must be (or, with O_CREAT, become) a regular file of its
    own, not a link, a FIFO, a device or a folder; DataFolderError names it otherwise. A file
    opened to be written is the owner's only (`PRIVATE_MODE`), one an older version made
    readable by all too."""
    if not _NOT_FOLLOWED and os.path.islink(path):
        raise DataFolderError(not_regular(path))
    try:
        fd = os.open(path, flags | _NOT_FOLLOWED | O_BINARY, PRIVATE_MODE)
    except IsADirectoryError:
        raise DataFolderError(not_regular(path)) from None
    except OSError as error:
        if os.path.islink(path) or (error.errno is not None and error.errno in _LINK_ERRORS):
            raise DataFolderError(not_regular(path)) from None
        raise
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        raise DataFolderError(not_regular(path))
    if flags & (os.O_WRONLY | os.O_RDWR) and kind & 0o077 and POSIX:
        os.fchmod(fd, PRIVATE_MODE)
    return fd


def read_regular(path: Path, most: int) -> bytes:
    """The whole of a regular file of at most `most` bytes; DataFolderError when it is not one, or larger."""
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        # what it holds, not `most`: a read allocates what it asks for before it reads
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(min(size, most) + 1)
    if len(data) > most:
        raise DataFolderError(f"{path}: larger than {most:,} bytes; not what pos wrote there")
    return data


def is_regular(path: Path) -> bool:
    """A plain file, not a link (to something outside the folder, or /dev/zero), a FIFO or a device."""
    return _itself_is(path, stat.S_ISREG)


def not_regular(path: Path) -> str:
    return f"{path}: not a regular file (a link, a pipe, a device or a folder); left alone"


def own_folder(path: Path) -> Path:
    """`path` as a folder of the data folder's own, made when missing: never a link (a day's log
    written outside the folder) nor a file; DataFolderError names it otherwise. Owner-only, one
    an older version made readable by all too (what is in it is then the owner's alone)."""
    try:
        make_folder(path)
    except FileExistsError:
        raise DataFolderError(f"{path}: is not a folder; move it away") from None
    mode = _mode_of(path)
    if mode is None or not stat.S_ISDIR(mode):
        raise DataFolderError(f"{not_own_folder(path)}; move it away")
    make_private(path)
    return path


def make_private(path: Path) -> None:
    """A file or folder of pos's that an older version made readable by all (0644, 0755), made the
    owner's alone (`PRIVATE_MODE`, `FOLDER_MODE`): a folder's files are then out of other users'
    reach too. A link, a FIFO or a device is never opened; another user's file, or one on a
    read-only mount, stays as it is. Windows keeps no such bits."""
    mode = _mode_of(path)
    if not POSIX or mode is None or not mode & 0o077:
        return
    private = FOLDER_MODE if stat.S_ISDIR(mode) else PRIVATE_MODE if stat.S_ISREG(mode) else None
    if private is None:
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | _NOT_FOLLOWED)  # what was looked at, not a link put there since
        try:
            if stat.S_IFMT(os.fstat(fd).st_mode) == stat.S_IFMT(mode):
                os.fchmod(fd, private)
        finally:
            os.close(fd)


def make_folder(path: Path) -> Path:
    """`path`, and any folder above it that is missing, made owner-only (pathlib's `parents=True`
    makes those above with the umask's mode); a folder already there is left as it is."""
    if not os.path.lexists(path.parent):
        make_folder(path.parent)
    path.mkdir(mode=FOLDER_MODE, exist_ok=True)
    return path


def is_folder(path: Path) -> bool:
    """A folder itself, not a link to one (whose files are outside the data folder)."""
    return _itself_is(path, stat.S_ISDIR)


def _itself_is(path: Path, kind: Callable[[int], bool]) -> bool:
    """What `path` itself is (a link is not followed); False when there is nothing there."""
    mode = _mode_of(path)
    return mode is not None and kind(mode)


def _mode_of(path: Path) -> int | None:
    """The mode of `path` itself (a link is not followed); None when there is nothing there."""
    try:
        return os.lstat(path).st_mode
    except OSError:
        return None


def not_own_folder(path: Path) -> str:
    return f"{path}: is a link, not a folder of the data folder's own"


def writable(folder: Path) -> bool:
    """Whether this process may make files in `folder`: not on a read-only mount (an archive, a
    chain's copy), nor without the permission."""
    return os.access(folder, os.W_OK | os.X_OK)


_LINK_ERRORS = {getattr(errno, name, -1) for name in ("ELOOP", "EMLINK", "EFTYPE")}
"""What opening a link with O_NOFOLLOW raises (Linux ELOOP, FreeBSD EMLINK, macOS ELOOP or EFTYPE)."""


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
    replace_with_chunks(path, [content], sync)


def replace_with_chunks(path: Path, chunks: Iterable[bytes], sync: bool = True) -> None:
    """`replace_whole` for content of any size, written as it is read."""
    make_folder(path.parent)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # owner-only
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if sync:
        fsync_folder(path.parent)


def lock_file(path: Path) -> IO[bytes]:
    """A lock file, made when missing, opened only as a regular file (`open_regular`): a FIFO in
    its place would hang the open, a link would lock another file."""
    try:
        fd = open_regular(path, os.O_RDWR | os.O_CREAT)
    except DataFolderError as error:
        raise DataFolderError(f"{error}: move it away (a lock file holds nothing)") from None
    return os.fdopen(fd, "r+b")


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
