"""A record cut off by a kill or a power cut, and bytes that are no record at all, taken out of a
log file and kept aside.

A process killed (or a machine that lost power) while writing can leave a last
line without its newline, or one that does not parse. Every complete record
before it stays; the broken bytes are copied to `set-aside/` and cut off at the
line's start, so the next record never lands glued to a leftover. A valid record
is never cut.

A line longer than any record pos writes (`pos.core.base.bounded_lines`: a file made huge
and sparse, blocks a crash left zeroed) is damage: it is cut out, the file as it was
kept in `set-aside/` under a second name (nothing copied, however large), and the
records before it stay, and so do the whole records after it (a writer that finds
bytes it did not write starts its record on a line after them). It is read once, up
to the bound past its start and before the records that follow it, never scanned
through; records between two damaged lines stay only in the copy.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pos.core.base.bounded_lines import MAX_LINE, first_damage
from pos.core.base.errors import DataFolderError
from pos.core.base.files import open_regular, replace_with_chunks
from pos.core.log.set_aside import keep_aside_chunks, keep_aside_whole

CHUNK = 1 << 20


def set_aside_torn_tail(data_dir: Path, path: Path) -> str | None:
    """Move a cut-off last record, or damage, out of `path` into `set-aside/`; a message, or None."""
    damaged = set_aside_damage(data_dir, path)
    if damaged is not None:
        return damaged
    try:
        fd = open_regular(path, os.O_RDWR)  # never a link, a FIFO or a device
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "r+b") as handle:  # no line in it is longer than MAX_LINE
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
        target = keep_aside_chunks(data_dir, _stem(path), "torn", _chunks(handle, keep, size))
        handle.truncate(keep)
        handle.flush()
        os.fsync(handle.fileno())
    return (
        f"{path}: the last record was cut off (the program stopped while writing it); "
        f"its {size - keep} bytes were set aside in {target}"
    )


def set_aside_damage(data_dir: Path, path: Path) -> str | None:
    """Cut `path` (a log, a codes ledger) where its first line longer than any record begins,
    keeping what it held in `set-aside/`; a message, or None. Only while nothing else writes it."""
    try:
        fd = open_regular(path, os.O_RDWR)  # never a link, a FIFO or a device
    except FileNotFoundError:
        return None
    except DataFolderError as error:
        return str(error)
    with os.fdopen(fd, "r+b") as handle:
        start = first_damage(handle)
        if start is None:
            return None
        size = handle.seek(0, os.SEEK_END)
        after = _records_after(handle, start, size)
    target = keep_aside_whole(data_dir, _stem(path), "damaged", path)
    if target is not None:
        kept = f"the file as it was is kept in {target}"
    else:  # no hard links on this file system: the damage is copied, once
        with os.fdopen(open_regular(path), "rb") as handle:
            target = keep_aside_chunks(data_dir, _stem(path), "damaged", _chunks(handle, start, after))
        kept = f"they are kept in {target}"
    replace_with_chunks(path, _read(path, [(0, start), (after, size)]))  # closed first (Windows)
    return (
        f"{path}: damaged: a line of more than {MAX_LINE >> 20} MiB, which no record is, begins at "
        f"byte {start:,}; its {after - start:,} bytes were cut out and set aside ({kept}), the records "
        f"before it kept and the {size - after:,} bytes of lines after it put back"
    )


def _records_after(handle: IO[bytes], start: int, size: int) -> int:
    """Where the lines at the file's end, none longer than a record, begin after the damage that
    begins at `start`: read back from the end, at most MAX_LINE past the last of them."""
    begin = size
    while begin > start:
        end = begin - 1  # the newline that ends the line before, or the file's last byte
        floor = max(start, end - MAX_LINE)
        found = _newline_before(handle, end, floor)
        if found < floor:
            break
        begin = found + 1
    return begin


def _stem(path: Path) -> str:
    return f"{path.parent.name}.{path.name}"


def _newline_before(handle: IO[bytes], end: int, floor: int = 0) -> int:
    """The offset of the last newline in [floor, end); -1 when there is none."""
    position = end
    while position > floor:
        start = max(floor, position - CHUNK)
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


def _read(path: Path, spans: list[tuple[int, int]]) -> Iterator[bytes]:
    """The file's bytes in each span (start, end), chunk by chunk; the file closed once they are read."""
    with os.fdopen(open_regular(path), "rb") as handle:
        for start, end in spans:
            yield from _chunks(handle, start, end)


def _chunks(handle: IO[bytes], start: int, end: int) -> Iterator[bytes]:
    handle.seek(start)
    left = end - start
    while left > 0:
        chunk = handle.read(min(CHUNK, left))
        if not chunk:
            return
        left -= len(chunk)
        yield chunk
