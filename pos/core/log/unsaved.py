"""Records a terminal could not write where they belong, kept in `set-aside/` and added to the log
at the terminal's next start, so that nothing recorded is lost.

This happens when the terminal's lock was taken from it (its lock file deleted and a second
process started as the same terminal): the first process then takes no more sales, and what
it still had, and whatever it records after (the open order, voided at quit), goes to
`set-aside/T1.STAMP.unsaved`, one `{"table": ..., "record": ...}` per line. At T1's next
start each such file is added to T1's log: an order whose number another order used since
gets the day's next free number (its prompts with it), while one whose own prompts reached the
log before its writes failed keeps its number; and the file is renamed `.recovered`.

A last line marks a recovered file done. A start killed half way leaves a `.recovered` file
without it, which the next start finishes: records the log holds already are not added again
(`pos.core.log.already_logged`, which also keeps each order the number it was first given).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from msgspec import Struct

from pos.core.base.bounded_lines import MAX_LINE, lines
from pos.core.base.events import encode
from pos.core.base.files import is_folder, is_regular, open_regular
from pos.core.log.already_logged import LoggedLines, not_logged
from pos.core.log.set_aside import SET_ASIDE, set_aside_folder

SUFFIX = ".unsaved"
RECOVERED = ".recovered"
DONE = b'{"recovered":"every record in this file is in the log"}\n'
"""The last line of a file whose records a start has all added to the log."""
_ORDER = re.compile(r"(.+-[0-9]{8}-)([0-9]+)")


class UnsavedFile:
    """One set-aside file of a terminal's records, appended to (and synced) one record at a time."""

    def __init__(self, data_dir: Path, terminal: str, stamp: str) -> None:
        self.path = set_aside_folder(data_dir) / f"{terminal}.{stamp}{SUFFIX}"
        self.count = 0

    def keep(self, table: str, record: Struct) -> None:
        fd = open_regular(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        with os.fdopen(fd, "ab") as handle:
            handle.write(encode({"table": table, "record": record}))
            handle.flush()
            os.fsync(handle.fileno())
        self.count += 1


def recover(
    data_dir: Path,
    terminal: str,
    used: Callable[[str, datetime | None], bool],
    write: Callable[[str, dict[str, Any]], None],
    logged: LoggedLines,
) -> list[str]:
    """Add the terminal's set-aside unsaved records to its log (`write(table, record)`), those it
    holds already (`logged`) left out and an order number already `used` renumbered; a notice for
    each file. A file a start was stopped in (renamed `.recovered`, not marked done) is finished."""
    folder = data_dir / SET_ASIDE
    if not is_folder(folder):
        return []
    notices = []
    for path in _to_recover(folder, terminal):
        done = path
        if path.name.endswith(SUFFIX):
            # Renamed first: a process that lost the terminal and still sets records aside starts
            # a new file. A start stopped half way finishes this one, by what the log holds.
            done = _free_name(path.with_suffix(RECOVERED))
            path.rename(done)
        read, damage = _lines_of(done)
        if damage is not None:
            notices.append(
                f"{done}: from byte {damage:,} on it holds no record (a line longer than any record: "
                "the file was damaged); those bytes are left there, not read"
            )
        entries, numbers = not_logged([entry for line in read if (entry := _entry(line)) is not None], logged)
        renamed = {old: new for old, new in numbers.items() if old != new}
        renamed.update(
            _renumbered([entry for entry in entries if entry[1].get("order") not in numbers], used)
        )
        for table, record in entries:
            for field in ("order", "issued_order"):
                if record.get(field) in renamed:
                    record[field] = renamed[record[field]]
            write(table, record)
        _mark_done(done)
        if not entries:
            continue
        resumed = "" if done is not path else " (a start stopped before it had added them all)"
        notices.append(
            f"{len(entries)} record(s) {terminal} could not write where they belong (another process "
            f"had the terminal, or the disk was full) were added to the log from {done.name}{resumed}"
            + "".join(f"; order {old} is now {new}" for old, new in renamed.items())
        )
    return notices


def _to_recover(folder: Path, terminal: str) -> list[Path]:
    """The terminal's unsaved files, and the recovered ones a start did not finish, oldest first."""
    found = [
        path
        for path in folder.glob(f"{terminal}.*")
        if (path.name.endswith(SUFFIX) or RECOVERED in path.suffixes) and is_regular(path)
    ]
    return sorted(path for path in found if path.name.endswith(SUFFIX) or not _done(path))


def _done(path: Path) -> bool:
    with os.fdopen(open_regular(path), "rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - len(DONE) - 1))
        last = handle.read()
    return last == DONE or last.endswith(b"\n" + DONE)


def _mark_done(path: Path) -> None:
    """The file's last line says every record in it is in the log (`_entry` reads it as none)."""
    with os.fdopen(open_regular(path, os.O_RDWR | os.O_APPEND), "r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - 1))
        torn = size > 0 and handle.read(1) != b"\n"
        handle.write(b"\n" * torn + DONE)
        handle.flush()
        os.fsync(handle.fileno())


def _lines_of(path: Path) -> tuple[list[bytes], int | None]:
    """The file's lines up to any longer than a record, and where that one begins (None when there
    is none): nothing past it is read, however large the file. A last line without its newline is
    read too (a record may be whole without it)."""
    read: list[bytes] = []
    end = 0
    with os.fdopen(open_regular(path), "rb") as handle:
        for end, line in lines(handle):
            if line is None:
                return read, end
            read.append(line)
        handle.seek(end)
        last = handle.read(MAX_LINE)
    return [*read, last] if last else read, None


def _free_name(path: Path) -> Path:
    """`path`, or `path.1`, `path.2`...: never onto something already there (a file or a folder)."""
    candidate, n = path, 0
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.name}.{n}")
    return candidate


def _entry(line: bytes) -> tuple[str, dict[str, Any]] | None:
    try:
        entry = json.loads(line)
    except ValueError:
        return None  # torn by a crash mid-write: never completed
    if not isinstance(entry, dict) or not isinstance(entry.get("record"), dict):
        return None
    table, record = entry.get("table"), entry["record"]
    return (table, record) if isinstance(table, str) and isinstance(record.get("ts"), str) else None


def _renumbered(
    entries: list[tuple[str, dict[str, Any]]], used: Callable[[str, datetime | None], bool]
) -> dict[str, str]:
    """A new number for each order whose number another process gave since: the next after it.
    The order's own prompts that reached the log before its writes failed (a day folder that could
    not be made at midnight) are no other order's: they came before the order's last record kept."""
    renamed: dict[str, str] = {}
    taken = {str(record.get("order")) for _, record in entries}
    last: dict[str, datetime | None] = {}
    for _, record in entries:
        order, moment = record.get("order"), _moment(record.get("ts"))
        if isinstance(order, str):
            before = last.get(order, moment)
            last[order] = None if moment is None or before is None else max(before, moment)
    for order, moment in last.items():
        if not used(order, moment):
            continue
        match = _ORDER.fullmatch(order)
        if match is None:
            continue
        prefix, number = match.group(1), int(match.group(2))
        while used(f"{prefix}{number:04d}", None) or f"{prefix}{number:04d}" in taken:
            number += 1
        renamed[order] = f"{prefix}{number:04d}"
        taken.add(renamed[order])
    return renamed


def _moment(ts: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(ts))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
