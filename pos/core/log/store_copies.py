"""Two data folders with one store id: a copy of one store, or two stores?

A backup given with its original holds the same records (or fewer: the original kept selling), and
they count once. A store's folder copied to set up another gives two folders with one id that both
sold since: the same order id (and prompt `seq`) holds different records in each. Such folders are
kept apart, each counted as a store of its own, and named.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pos.core.base.bounded_lines import lines
from pos.core.base.files import is_folder, is_regular, open_regular

TABLES = ("prompts", "orders")
_CHUNK = 1 << 20


def differing(first: Path, second: Path, days: list[str]) -> int:
    """How many records of `days` the two data folders hold under one name (an order, a prompt of
    it) with different contents."""
    count = 0
    for day in days:
        folders = first / "log" / day, second / "log" / day
        if not all(is_folder(folder) for folder in folders):
            continue
        for table in TABLES:
            for path in sorted(folders[0].glob(f"*.{table}.jsonl")):
                other = folders[1] / path.name
                if is_regular(path) and is_regular(other):
                    count += _differing(path, other)
    return count


def _differing(path: Path, other: Path) -> int:
    """Records of the two files with one name and different contents; only the lines after what the
    files have alike are read (a backup's file is the start of its original's)."""
    with os.fdopen(open_regular(path), "rb") as one, os.fdopen(open_regular(other), "rb") as two:
        start = _alike(one, two)
        theirs = dict(_named(two, start))
        return sum(name in theirs and theirs[name] != line for name, line in _named(one, start))


def _alike(one: IO[bytes], two: IO[bytes]) -> int:
    """Where the first line the two files do not have alike starts (the shorter's end, when it is
    the start of the longer)."""
    offset = 0
    while True:
        first, second = one.read(_CHUNK), two.read(_CHUNK)
        same = _common(first, second)
        offset += same
        if same < max(len(first), len(second)) or not first:
            return _line_start(one, offset)


def _common(first: bytes, second: bytes) -> int:
    """How many bytes the two start with alike."""
    import numpy as np  # here: the counter's start reads the log's layout, and never needs numpy

    size = min(len(first), len(second))
    differ = np.flatnonzero(np.frombuffer(first, np.uint8, size) != np.frombuffer(second, np.uint8, size))
    return int(differ[0]) if len(differ) else size


def _line_start(handle: IO[bytes], offset: int) -> int:
    """The start of the line that `offset` is in (past the last newline before it)."""
    end = offset
    while end > 0:
        step = min(_CHUNK, end)
        handle.seek(end - step)
        found = handle.read(step).rfind(b"\n")
        if found >= 0:
            return end - step + found + 1
        end -= step
    return 0


def _named(handle: IO[bytes], start: int) -> Iterator[tuple[tuple[object, ...], bytes]]:
    """Each record from `start` by its name: an order record by its order, a prompt by its order and
    `seq` (a version 1 prompt has none, and is not named)."""
    for _, line in lines(handle, start):
        if line is None:
            return
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if not isinstance(record, dict):
            continue
        if "status" in record:
            yield ("order", str(record.get("order"))), line
        elif record.get("seq") is not None:
            yield ("prompt", str(record.get("order")), str(record.get("seq"))), line
