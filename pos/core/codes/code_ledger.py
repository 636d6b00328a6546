"""One of the store's code files (`codes/issued.jsonl`, `codes/redeemed.jsonl`), read once and
then only for what was appended since, so a receipt's code takes the same time in a store's
first week and in its third year.

Read under the codes lock only. The files are append-only; one replaced (another inode) or
shorter than what was read is read again from its start. A line that is not a record (torn
by a crash mid-write, or a torn record and the next one run together) never completed and is
passed over, as a reading of the whole file would; an unfinished last line is left for the
next read. A line longer than any record (damage) is never read through: a terminal's start
sets it aside with a message (`Codes.set_aside_damage`), and a read that meets it later (the
file damaged while a terminal runs, `pos simulate`) sets it aside too, the file as it was kept
in `set-aside/`, so a code printed after it is never read past, nor its serial given again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pos.core.base.bounded_lines import lines
from pos.core.base.files import open_regular
from pos.core.log.torn_tail import set_aside_damage


class CodeLedger:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._identity: tuple[int, int] | None = None
        self._read_to = 0

    def new_records(self) -> tuple[bool, list[tuple[dict[str, object], bytes]]]:
        """Whether the file must be taken from its start (what was read before no longer holds),
        and the records since the last read, each with its line (for `pos.core.base.events.decoder`)."""
        again, records, damaged = self._read()
        if damaged:  # under the codes lock, as every write: cut where it begins, and read again
            set_aside_damage(self.path.parent.parent, self.path)
            self._identity = None
            _, records, _ = self._read()
            again = True
        return again, records

    def _read(self) -> tuple[bool, list[tuple[dict[str, object], bytes]], bool]:
        """`new_records`, and whether reading stopped at damage."""
        try:
            handle = os.fdopen(open_regular(self.path), "rb")  # never a link, a FIFO or a device
        except FileNotFoundError:
            again = self._read_to > 0
            self._identity, self._read_to = None, 0
            return again, [], False
        records = []
        damaged = False
        with handle:
            stat = os.fstat(handle.fileno())
            identity = (stat.st_dev, stat.st_ino)
            again = identity != self._identity or stat.st_size < self._read_to
            if again:
                self._identity, self._read_to = identity, 0
            for end, line in lines(handle, self._read_to):
                self._read_to = end
                if line is None:
                    damaged = True
                elif (record := _record(line)) is not None:
                    records.append((record, line))
        return again, records, damaged


def _record(line: bytes) -> dict[str, object] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) and isinstance(record.get("code"), str) else None
