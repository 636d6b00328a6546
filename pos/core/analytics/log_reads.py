"""One log file read for a report: its rows of each kind the reports read, and what reading found."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pos.core.analytics.columns import (
    ITEM_SCHEMA,
    LINE_SCHEMA,
    ORDER_SCHEMA,
    PROMPT_SCHEMA,
    FileColumns,
    Schema,
    read_log,
)
from pos.core.analytics.learned_columns import LEARNED_SCHEMA
from pos.core.base.files import open_regular
from pos.core.log.set_aside import keep_unreadable

SCHEMAS_OF = {"prompts": (PROMPT_SCHEMA, LEARNED_SCHEMA), "orders": (ORDER_SCHEMA, LINE_SCHEMA, ITEM_SCHEMA)}
"""The kinds of row each table's files give: a prompt event gives a prompt and (learned) its choice,
an order record gives an order, its prompted lines and its items."""


@dataclass
class LogRead:
    path: Path
    rows: dict[Schema, FileColumns] = field(default_factory=dict)
    skipped: list[int] = field(default_factory=list)
    """Line numbers of records that could not be read."""
    damaged: int | None = None
    """Where a line longer than any record begins: damage, where reading stopped."""
    whole: bool = True
    """Read to the file's end: no unfinished last line left for its writer."""
    records: int = 0
    """Records read (`FileColumns.records`)."""


def read_file(data_dir: Path, path: Path, keep: bool) -> tuple[LogRead, os.stat_result, os.stat_result]:
    """The log file's rows, each line decoded once, and the file's status before and after; its
    unreadable records copied to `set-aside/` when `keep` (`pos.core.log.set_aside.keep_unreadable`)."""
    table = path.name.split(".")[-2]
    with os.fdopen(open_regular(path), "rb") as handle:
        before = os.fstat(handle.fileno())
        found, bad = read_log(handle, SCHEMAS_OF[table])
        after = os.fstat(handle.fileno())
    if bad and keep:
        keep_unreadable(data_dir, path, bad)
    first = found[0]
    read = LogRead(path, dict(zip(SCHEMAS_OF[table], found, strict=True)), first.skipped, first.damaged)
    read.whole, read.records = first.consumed == after.st_size, first.records
    return read, before, after
