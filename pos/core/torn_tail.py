"""A record cut off by a kill or a power cut, taken out of a log file whole and kept aside.

A process killed (or a machine that lost power) while writing can leave a last
line without its newline, or one that does not parse. Every complete record
before it stays; the broken bytes, of any size, are copied to `set-aside/` and cut
off at the line's start, so the next record never lands glued to a leftover. A
valid record of any size is never cut.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pos.core.errors import DataFolderError
from pos.core.files import open_regular
from pos.core.set_aside import keep_aside_chunks

CHUNK = 1 << 20


def set_aside_torn_tail(data_dir: Path, path: Path) -> str | None:
    """Move a cut-off last record out of `path` into `set-aside/`; a message, or None."""
    try:
        fd = open_regular(path, os.O_RDWR)  # never a link, a FIFO or a device
    except FileNotFoundError:
        return None
    except DataFolderError as error:
        return str(error)
    with os.fdopen(fd, "r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return None
        end_of_last = _newline_before(handle, size)
        if end_of_last == size - 1:
            start = _newline_before(handle, size - 1) + 1
            if _parses(handle, start, size):
                return None
            keep = start
        else:
            keep = end_of_last + 1
        target = keep_aside_chunks(
            data_dir, f"{path.parent.name}.{path.name}", "torn", _chunks(handle, keep, size)
        )
        handle.truncate(keep)
        handle.flush()
        os.fsync(handle.fileno())
    return (
        f"{path}: the last record was cut off (the program stopped while writing it); "
        f"its {size - keep} bytes were set aside in {target}"
    )


def _newline_before(handle: IO[bytes], end: int) -> int:
    """The offset of the last newline before `end`, however far back; -1 when there is none."""
    position = end
    while position > 0:
        start = max(0, position - CHUNK)
        handle.seek(start)
        found = handle.read(position - start).rfind(b"\n")
        if found >= 0:
            return start + found
        position = start
    return -1


def _parses(handle: IO[bytes], start: int, end: int) -> bool:
    handle.seek(start)
    try:
        return isinstance(json.loads(handle.read(end - start)), dict)
    except ValueError:
        return False


def _chunks(handle: IO[bytes], start: int, end: int) -> Iterator[bytes]:
    handle.seek(start)
    left = end - start
    while left > 0:
        chunk = handle.read(min(CHUNK, left))
        if not chunk:
            return
        left -= len(chunk)
        yield chunk
