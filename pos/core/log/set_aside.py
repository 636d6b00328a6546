"""`set-aside/` in the data folder: bytes that cannot be used (a torn record, a damaged score) are kept there, never dropped."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from pos.core.base.bounded_lines import lines_of
from pos.core.base.clock import SystemClock
from pos.core.base.errors import PosError
from pos.core.base.files import fsync_folder, open_regular, own_folder

SET_ASIDE = "set-aside"


def set_aside_folder(data_dir: Path) -> Path:
    """The folder, made when missing; a file or a link of that name (what is kept would be written
    outside the data folder) is an error that says what to do."""
    folder = data_dir / SET_ASIDE
    try:
        return own_folder(folder)
    except OSError as error:
        raise PosError(f"{folder}: cannot make it ({error.strerror})") from None


def keep_aside(data_dir: Path, stem: str, kind: str, content: bytes) -> Path:
    """Write `content` to a new file `set-aside/STEM.TIME.KIND`; its path."""
    return keep_aside_chunks(data_dir, stem, kind, [content])


def keep_aside_chunks(data_dir: Path, stem: str, kind: str, chunks: Iterable[bytes]) -> Path:
    """`keep_aside` for content of any size, written as it is read."""
    target = _target(data_dir, stem, kind)
    with os.fdopen(open_regular(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL), "wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
        handle.flush()
        os.fsync(handle.fileno())
    return target


def keep_aside_whole(data_dir: Path, stem: str, kind: str, path: Path) -> Path | None:
    """The file `path` as it is, kept as `set-aside/STEM.TIME.KIND` under a second name (a hard link:
    nothing is copied, however large the file, and a sparse one stays sparse); None where the file
    system has no hard links."""
    target = _target(data_dir, stem, kind)
    try:
        os.link(path, target)
    except OSError:
        return None
    fsync_folder(target.parent)
    return target


def move_aside(data_dir: Path, stem: str, kind: str, path: Path) -> Path:
    """The file `path` (in the data folder) moved to a new `set-aside/STEM.TIME.KIND`; its new path."""
    target = _target(data_dir, stem, kind)
    os.rename(path, target)
    fsync_folder(path.parent)
    fsync_folder(target.parent)
    return target


def _target(data_dir: Path, stem: str, kind: str) -> Path:
    stamp = SystemClock().now().strftime("%Y%m%dT%H%M%S%f")
    return set_aside_folder(data_dir) / f"{stem}.{stamp}.{kind}"


def unreadable_path(data_dir: Path, log_file: Path) -> Path:
    """Where the records of a log file that cannot be read are kept: `set-aside/DAY.FILE.unreadable`."""
    return data_dir / SET_ASIDE / f"{log_file.parent.name}.{log_file.name}.unreadable"


def keep_unreadable(data_dir: Path, log_file: Path, bad: list[tuple[int, bytes]]) -> None:
    """Keep a copy of a log file's unreadable records, each after its line number, once however often
    the file is read; the log stays as it is. A copy that cannot be made leaves the log untouched."""
    target = unreadable_path(data_dir, log_file)
    with contextlib.suppress(OSError, PosError):
        set_aside_folder(data_dir)
        kept = {line.partition(b"\t")[0] for line in lines_of(target)}
        new = [(number, line) for number, line in bad if b"%d" % number not in kept]
        if new:
            with os.fdopen(open_regular(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT), "ab") as handle:
                handle.write(b"".join(b"%d\t%s\n" % (number, line) for number, line in new))
