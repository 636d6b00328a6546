"""The history's records of one kind, read as `EventTable`s from the log's files.

The columns of every log file (`pos.core.analytics.columns`) are put together with one
dictionary per text field for the whole history. Each record gets its store id (its own, or for one
written before version 3 its folder's), and its order's key names the store too
(`pos.core.analytics.order_keys`): two stores' `T1-20261123-0001` are two orders.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

# bound before the threads below: Arrow touches `np.ma` on its first masked array, which numpy
# imports on first touch, and two threads touching it at once recursed until Python gave up
import numpy.ma

from pos.core.analytics import columns, day_join, day_parquet
from pos.core.analytics.columns import NULL, Schema
from pos.core.analytics.event_table import EventTable, from_parts
from pos.core.analytics.log_reads import LogRead, read_file
from pos.core.base.bounded_lines import damage_notice
from pos.core.base.errors import PosError
from pos.core.log.log_layout import LogFiles
from pos.core.log.set_aside import unreadable_path


def compact_closed(layout: LogFiles) -> None:
    """The closed days of the log's files (`layout`) whose Parquet is missing or stale compacted at
    once, a process a core when they are many (`pos.core.analytics.day_parquet.compact`), before a
    report reads them a table at a time."""
    day_parquet.compact(
        [
            (data_dir, day, sources)
            for day in layout.days
            for data_dir in dict.fromkeys(
                data_dir for each in ("prompts", "orders") for data_dir, _ in layout.files(day, each)
            )
            if (sources := _closed_sources(layout, day, data_dir)) is not None
        ]
    )


def load_table(
    table: str,
    schema: Schema,
    layout: LogFiles,
    needed: set[str] | None = None,
) -> EventTable:
    """The records of `table` in the log's files (`layout`); only the `needed` fields."""
    (found,) = load_tables(table, (schema,), layout, needed)
    return found


def load_tables(
    table: str,
    schemas: tuple[Schema, ...],
    layout: LogFiles,
    needed: set[str] | None = None,
) -> list[EventTable]:
    """The rows of each of `schemas` in the log's files of `table` (`layout`), each file read once for
    all of them (so an order's lines are those of the order records read, however a terminal
    writes meanwhile); only the `needed` fields."""
    if needed is not None and "order_key" in needed:
        needed = needed | {"store_id"}  # an order is its store's
    parts: dict[Schema, list[columns.FileColumns]] = {schema: [] for schema in schemas}
    part_days: list[tuple[int, int]] = []
    stamps: dict[int, str] = {}
    notices: list[str] = []
    compacted = _compacted(layout, table, schemas, needed)
    for index, day in enumerate(layout.days):
        for data_dir, rows, reads, stamp in _day_parts(layout, day, table, compacted, notices):
            for read in reads:
                notices += _read_notices(read, data_dir, layout.keeps(data_dir))
            records = next(iter(rows.values())).records
            for schema in schemas:
                found = day_join.part_rows(schema, rows, records)
                if "store_id" in found.fields:
                    _own_store(found, layout.store_ids[data_dir], layout.apart.get(data_dir))
                parts[schema].append(found)
            part_days.append((index, index * len(layout.folders) + layout.folders.index(data_dir)))
            if stamp is not None:
                stamps[part_days[-1][1]] = stamp
    tables = [_table(parts[schema], part_days, schema, layout, needed, notices) for schema in schemas]
    for each in tables:
        each.stamps = stamps
    return tables


def _table(
    parts: list[columns.FileColumns],
    part_days: list[tuple[int, int]],
    schema: Schema,
    layout: LogFiles,
    needed: set[str] | None,
    notices: list[str],
) -> EventTable:
    lengths = np.array([len(part) for part in parts], dtype=np.int64)
    day, part = np.repeat(np.array(part_days, dtype=np.int32).reshape(-1, 2), lengths, axis=0).T
    return from_parts(parts, schema, needed, day, part, layout.days, list(notices))


def _compacted(
    layout: LogFiles, table: str, schemas: tuple[Schema, ...], needed: set[str] | None
) -> dict[tuple[str, Path], day_parquet.Day | None]:
    """Each data folder's closed days, from their Parquet (`pos.core.analytics.day_parquet`), read in
    a thread a core: reading, hashing and decoding a file let go of the interpreter (the 1M
    history's 120 days: 0.73 s in one thread)."""
    closed = {
        (day, data_dir): sources
        for day in layout.days
        for data_dir in dict.fromkeys(data_dir for data_dir, _ in layout.files(day, table))
        if (sources := _closed_sources(layout, day, data_dir)) is not None
    }
    if not closed:
        return {}
    with ThreadPoolExecutor(os.cpu_count()) as pool:
        found = {
            key: pool.submit(day_parquet.load, key[1], key[0], sources, schemas, needed)
            for key, sources in closed.items()
        }
    return {key: future.result() for key, future in found.items()}


def _day_parts(
    layout: LogFiles,
    day: str,
    table: str,
    compacted: dict[tuple[str, Path], day_parquet.Day | None],
    notices: list[str],
) -> Iterator[tuple[Path, dict[Schema, columns.FileColumns], list[LogRead], str | None]]:
    """Each data folder's rows of the day, with what reading its log files of `table` found: a closed
    day's from its Parquet (`compacted`: None where the folder keeps none), an open day's from the
    log's JSON lines; and a closed day's compaction (`day_parquet.Day.stamp`)."""
    files = layout.files(day, table)
    for data_dir in dict.fromkeys(data_dir for data_dir, _ in files):
        keep = layout.keeps(data_dir)
        found = compacted.get((day, data_dir))
        if found is not None:
            notices += found.notices
            yield data_dir, found.rows, found.reads, found.stamp
            continue
        for folder, path in files:
            if folder != data_dir:
                continue
            try:
                read, _, _ = read_file(data_dir, path, keep)
            except OSError as error:
                notices.append(f"{path}: cannot be read ({error.strerror}); left out of the report")
                continue
            except PosError as error:  # replaced by a link or a FIFO since it was listed
                notices.append(str(error))
                continue
            yield data_dir, read.rows, [read], None


def _closed_sources(layout: LogFiles, day: str, data_dir: Path) -> list[Path] | None:
    """The data folder's log files of the day (its prompts', then its orders') when the day is
    closed and the folder keeps Parquet; None otherwise."""
    if not (layout.keeps(data_dir) and day_parquet.closed(day)):
        return None
    return [
        path
        for each in ("prompts", "orders")
        for folder, path in layout.files(day, each)
        if folder == data_dir
    ]


def _read_notices(read: LogRead, data_dir: Path, keep: bool) -> list[str]:
    """What reading a log file found: records left out, and damage where reading stopped."""
    notices = []
    if read.skipped:
        lines = ", ".join(str(n) for n in read.skipped[:5]) + (" …" if len(read.skipped) > 5 else "")
        kept = f"; a copy is kept in {unreadable_path(data_dir, read.path)}"
        notices.append(
            f"{read.path}: {len(read.skipped)} record(s) could not be read and are left out (line {lines})"
            + (kept if keep else "")
        )
    if read.damaged is not None:
        notices.append(damage_notice(read.path, read.damaged))
    return notices


def _own_store(part: columns.FileColumns, folder_id: str, apart: str | None) -> None:
    """The file's records that carry no store id (written before version 3) take their folder's; a
    folder kept `apart` from another with its id counts all its own records as that store."""
    codes = part.fields["store_id"]
    if apart is not None:
        part.values["store_id"] = [
            apart if value == folder_id else value for value in part.values["store_id"]
        ]
        folder_id = apart
    if (codes == NULL).any():
        known = part.values["store_id"]
        if folder_id not in known:
            known.append(folder_id)
        part.fields["store_id"] = np.where(codes == NULL, known.index(folder_id), codes).astype(codes.dtype)
