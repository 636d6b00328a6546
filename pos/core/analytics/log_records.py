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

from pos.core.analytics.columns import read_records
from pos.core.base.bounded_lines import damage_notice
from pos.core.base.events import OrderRecord, PromptEvent, Record, decoder
from pos.core.base.files import open_regular


def counted_records(
    files: list[tuple[Path, Path]],
    kind: type[PromptEvent | OrderRecord],
    folder_id: str,
    seen: set[tuple[str, ...]],
    notices: list[str],
) -> Iterator[dict[str, Any]]:
    """`counted`'s records as Python values, `store_id` given, a prompt's `template` its wording and
    an order's `tenders` as it was paid (`OrderRecord.paid_by`)."""
    for record, store_id in counted(files, kind, folder_id, seen, notices):
        row = msgspec.to_builtins(record)
        row["store_id"] = store_id
        if isinstance(record, PromptEvent):
            row["template"] = record.wording
        else:
            row["tenders"] = msgspec.to_builtins(record.paid_by)
        yield row


def counted(
    files: list[tuple[Path, Path]],
    kind: type[PromptEvent | OrderRecord],
    folder_id: str,
    seen: set[tuple[str, ...]],
    notices: list[str],
) -> Iterator[tuple[Any, str]]:
    """The records the reports count, read as they read them (`decoder`: what the spec does not
    allow is left out), each once, with their store id (`folder_id` for one written before
    version 3)."""
    for path, number, record in decoded(files, kind, notices):
        store_id = record.store_id or folder_id
        name = _name_of(record, store_id)
        if name is not None and name in seen:
            notices.append(f"{path}: line {number} is a record written twice; read once")
            continue
        if name is not None:
            seen.add(name)
        yield record, store_id


def decoded(
    files: list[tuple[Path, Path]], kind: type[Record], notices: list[str]
) -> Iterator[tuple[Path, int, Record]]:
    """Each record of the files that `kind` reads (`decoder`), with its file and line number; the
    others are left out, and named in `notices` by file, as is damage where reading stopped."""
    read = decoder(kind).decode
    for _, path in files:
        with os.fdopen(open_regular(path), "rb") as handle:  # listed as a regular file: never a FIFO since
            found = read_records(handle, read)
        left_out = {number for number, _ in found.bad}
        numbers = (number for number in range(1, found.lines + 1) if number not in left_out)
        yield from ((path, number, record) for number, record in zip(numbers, found.records, strict=True))
        if found.damaged is not None:
            notices.append(damage_notice(path, found.damaged))
        if found.bad:
            notices.append(f"{path}: {len(found.bad)} record(s) left out, as the reports leave them out")


def _name_of(record: Any, store_id: str) -> tuple[str, ...] | None:
    """What names a record, as the reports tell repeats apart: an order by its store and id, a prompt
    by its order and `seq` (a version 1 prompt has none, and is never taken for a repeat)."""
    if isinstance(record, OrderRecord):
        return ("order", store_id, record.order)
    return ("prompt", store_id, record.order, str(record.seq)) if record.seq else None
