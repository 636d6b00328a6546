"""Lines of the files pos owns, read in bounded memory and time.

Every record pos writes is one line far shorter than MAX_LINE (an order of 200 lines is about
100 KB; an open order is read up to the same bound). A longer "line" is damage: a file made
huge and sparse (`truncate -s 4G`), blocks a crash left zeroed, junk appended. It is never held
in memory whole, nor read through: a reader stops where it begins (`lines`), and a terminal's
start finds where the first one begins (`first_damage`) to set it aside once with what follows
it (`pos.core.log.torn_tail`), so no later start meets it again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pos.core.base.files import open_regular

MAX_LINE = 16 << 20
"""The longest line a record of pos's may be: the bound an open order is read within."""
CHUNK = 1 << 18


def lines(handle: IO[bytes], start: int = 0) -> Iterator[tuple[int, bytes | None]]:
    """Each complete line from `start`, without its newline, and where it ends (past the newline).
    At a line longer than MAX_LINE, which no record is, it stops with that line's start and None:
    nothing past it is read, however large the file. An unfinished last line is left out."""
    handle.seek(start)
    end = start
    while True:
        line = handle.readline(MAX_LINE + 1)
        if not line.endswith(b"\n"):
            if len(line) > MAX_LINE:
                yield end, None
            return  # or the file's end: a last line not yet (or never) finished
        end += len(line)
        yield end, line[:-1]


def lines_holding(handle: IO[bytes], needle: bytes, start: int = 0) -> tuple[int, list[bytes], bool]:
    """The complete lines from `start` that hold `needle`, without their newlines, found a chunk at a
    time (the others are never split apart: a log read for a few of its records costs little more
    than reading its bytes); where the last complete line ends; and whether reading stopped, as
    `lines` does, at a line longer than MAX_LINE (then the end is where that line begins)."""
    handle.seek(start)
    end = start
    found: list[bytes] = []
    unfinished: list[bytes] = []
    """The line begun in the chunks before, never longer than MAX_LINE."""
    held = 0
    while chunk := handle.read(CHUNK):
        cut = chunk.rfind(b"\n") + 1
        if held + (chunk.find(b"\n") if cut else len(chunk)) > MAX_LINE:
            return end, found, True
        if not cut:
            unfinished.append(chunk)
            held += len(chunk)
            continue
        complete = b"".join([*unfinished, chunk[:cut]])
        unfinished, held = [chunk[cut:]], len(chunk) - cut
        at = complete.find(needle)
        while at >= 0:
            ends = complete.index(b"\n", at)
            found.append(complete[complete.rfind(b"\n", 0, at) + 1 : ends])
            at = complete.find(needle, ends)
        end += len(complete)
    return end, found, False


def lines_of(path: Path) -> Iterator[bytes]:
    """The complete lines of a regular file of pos's (`open_regular`), up to any line longer than a
    record; none when there is no such file."""
    try:
        handle = os.fdopen(open_regular(path), "rb")
    except FileNotFoundError:
        return
    with handle:
        for _, line in lines(handle):
            if line is None:
                return
            yield line


def first_damage(handle: IO[bytes]) -> int | None:
    """Where the file's first line longer than MAX_LINE begins (finished or not), or None. Reads
    the file up to at most MAX_LINE past that point, however large the file."""
    handle.seek(0)
    line_start = 0
    position = 0
    while chunk := handle.read(CHUNK):
        first = chunk.find(b"\n")
        if first < 0:
            position += len(chunk)
            if position - line_start > MAX_LINE:
                return line_start
            continue
        if position + first - line_start > MAX_LINE:
            return line_start
        line_start = position + chunk.rfind(b"\n") + 1  # lines within one chunk are shorter than it
        position += len(chunk)
    return line_start if position - line_start > MAX_LINE else None


def damage_notice(path: Path, start: int) -> str:
    """What a report or an export says of a file it stopped reading at damage."""
    return (
        f"{path}: damaged: a line of more than {MAX_LINE >> 20} MiB, which no record is, begins at byte "
        f"{start:,}; nothing from there on is read (a terminal's start sets it aside from its last day)"
    )


def count_lines(handle: IO[bytes]) -> int:
    """The newlines in the file, counted a chunk at a time."""
    handle.seek(0)
    count = 0
    while chunk := handle.read(CHUNK):
        count += chunk.count(b"\n")
    return count
