"""A day's records read one by one as the reports count them, for what needs whole records rather
than the reports' columns: `pos export`'s rows, the day's close (its tenders and approvals).

What the spec does not allow is left out and named (`decoder`), a record written twice is read
once: an order by its store and id, a prompt by its order and `seq`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from pos.core.base.bounded_lines import damage_notice, lines
from pos.core.base.events import OrderRecord, PromptEvent, Record, decoder
from pos.core.base.files import open_regular


def counted_records(
    files: list[tuple[Path, Path]],
    kind: type[PromptEvent | OrderRecord],
    folder_id: str,
    seen: set[tuple[str, ...]],
    notices: list[str],
) -> Iterator[dict[str, Any]]:
    """The records the reports count, read as they read them (`decoder`: what the spec does not
    allow is left out), each once, with their store id (`folder_id` for one written before
    version 3)."""
    for path, number, record in decoded(files, kind, notices):
        row = msgspec.to_builtins(record)
        row["store_id"] = record.store_id or folder_id
        if isinstance(record, PromptEvent):
            row["template"] = record.wording
        else:
            row["tenders"] = msgspec.to_builtins(record.paid_by)
        name = _name_of(row)
        if name is not None and name in seen:
            notices.append(f"{path}: line {number} is a record written twice; read once")
            continue
        if name is not None:
            seen.add(name)
        yield row


def decoded(
    files: list[tuple[Path, Path]], kind: type[Record], notices: list[str]
) -> Iterator[tuple[Path, int, Record]]:
    """Each record of the files that `kind` reads (`decoder`), with its file and line number; the
    others are left out, and named in `notices` by file, as is damage where reading stopped."""
    read = decoder(kind).decode
    for _, path in files:
        bad = 0
        with os.fdopen(open_regular(path), "rb") as handle:  # listed as a regular file: never a FIFO since
            for number, (end, line) in enumerate(lines(handle, 0), start=1):
                if line is None:
                    notices.append(damage_notice(path, end))
                    break
                try:
                    record = read(line)
                except (msgspec.ValidationError, msgspec.DecodeError):
                    bad += 1
                    continue
                yield path, number, record
        if bad:
            notices.append(f"{path}: {bad} record(s) left out, as the reports leave them out")


def _name_of(record: dict[str, Any]) -> tuple[str, ...] | None:
    """What names a record, as the reports tell repeats apart: an order by its store and id, a prompt
    by its order and `seq` (a version 1 prompt has none, and is never taken for a repeat)."""
    if "status" in record:
        return ("order", record["store_id"], record["order"])
    seq = record["seq"]
    return None if not seq else ("prompt", record["store_id"], record["order"], str(seq))
