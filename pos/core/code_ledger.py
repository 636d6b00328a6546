"""One of the store's code files (`codes/issued.jsonl`, `codes/redeemed.jsonl`), read once and
then only for what was appended since, so a receipt's code takes the same time in a store's
first week and in its third year.

Read under the codes lock only. The files are append-only; one replaced (another inode) or
shorter than what was read is read again from its start. A line that is not a record (torn
by a crash mid-write, or a torn record and the next one run together) never completed and is
passed over, as a reading of the whole file would; an unfinished last line is left for the
next read. A line longer than any record (damage) is where reading stops, nothing past it read:
a terminal's start sets it aside (`Codes.set_aside_damage`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pos.core.bounded_lines import lines
from pos.core.files import open_regular


class CodeLedger:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._identity: tuple[int, int] | None = None
        self._read_to = 0

    def new_records(self) -> tuple[bool, list[dict[str, object]]]:
        """Whether the file must be taken from its start (what was read before no longer holds),
        and the records since the last read."""
        try:
            handle = os.fdopen(open_regular(self.path), "rb")  # never a link, a FIFO or a device
        except FileNotFoundError:
            again = self._read_to > 0
            self._identity, self._read_to = None, 0
            return again, []
        with handle:
            stat = os.fstat(handle.fileno())
            identity = (stat.st_dev, stat.st_ino)
            again = identity != self._identity or stat.st_size < self._read_to
            if again:
                self._identity, self._read_to = identity, 0
            records = []
            for end, line in lines(handle, self._read_to):
                self._read_to = end
                if line is not None and (record := _record(line)) is not None:
                    records.append(record)
        return again, records


def _record(line: bytes) -> dict[str, object] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) and isinstance(record.get("code"), str) else None
