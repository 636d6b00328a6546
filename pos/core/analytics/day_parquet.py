"""A closed day's log compacted into Parquet, in the data folder (`cache/parquet/day=YYYY-MM-DD/`).

A day is closed when it is before yesterday by this machine's clock: no terminal writes into it any
more (an order across midnight ends on the next day; a terminal's lock is not probed, as taking it
even for an instant could refuse a cashier's start). Its files are read once, strictly
(`pos.core.analytics.columns`), and each kind of row the reports read (prompts, their learned choices, orders, their prompted
lines and their items) is written as one Parquet file, the day's rows in the log's order, beside
`manifest.json`: each log file's identity (size, mtime_ns, ctime_ns, inode) and what its reading
found (records left out, damage), and the sha256 of each Parquet file.

A report trusts a day's Parquet only when the day's log files are those the manifest names, each
with its identity, and a Parquet file's bytes have its checksum; otherwise it reads the log again
and compacts it anew: quietly for a log file changed since (written after all, or edited in place),
with a notice for a Parquet file that does not match its checksum (damaged or forged). A log that
changed while it was read, or ends in an unfinished line, is not compacted. Nothing here is kept in
a folder a report may not keep anything in (`pos.core.log.derived`); deleting it loses nothing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
import numpy as np

from pos.core.analytics.columns import (
    ITEM_SCHEMA,
    LINE_SCHEMA,
    ORDER_SCHEMA,
    PROMPT_SCHEMA,
    FileColumns,
    Schema,
)
from pos.core.analytics.columns import merged as merged_columns
from pos.core.analytics.learned_columns import LEARNED_SCHEMA
from pos.core.analytics.log_reads import LogRead, read_file
from pos.core.base.bounded_lines import MAX_LINE
from pos.core.base.errors import PosError
from pos.core.base.files import is_regular, own_folder, read_regular, replace_whole
from pos.core.log.derived import Identity, day_folder, identity, not_own_on_the_way
from pos.core.log.set_aside import unreadable_path

if TYPE_CHECKING:
    import pyarrow as pa

MANIFEST = "manifest.json"
VERSION = 4
"""Bumped whenever what the Parquet holds changes, so every older day is compacted again."""
FILES = {
    PROMPT_SCHEMA: "prompts.parquet",
    LEARNED_SCHEMA: "learned_choices.parquet",
    ORDER_SCHEMA: "orders.parquet",
    LINE_SCHEMA: "order_lines.parquet",
    ITEM_SCHEMA: "order_items.parquet",
}


def closed(day: str, today: date | None = None) -> bool:
    return day < ((today or date.today()) - timedelta(days=1)).isoformat()


@dataclass
class Day:
    """A data folder's day of some kinds of row (all from one table's files): the rows of each, what
    reading each log file found, and notices (a Parquet file that did not match its checksum)."""

    rows: dict[Schema, FileColumns]
    reads: list[LogRead]
    notices: list[str]


def load(
    data_dir: Path,
    day: str,
    sources: list[Path],
    schemas: tuple[Schema, ...],
    needed: Collection[str] | None,
) -> Day | None:
    """The rows of `schemas` (of one table) in the day's log files `sources` (its prompts' and orders'
    files, in the log's order), from its Parquet when trusted, else read from the log and compacted;
    None when the folder keeps no Parquet (a link in its way) or a log file cannot be read."""
    folder = day_folder(data_dir, day)
    if not_own_on_the_way(data_dir, folder) is not None:
        return None
    manifest = _manifest(folder, sources)
    damaged = None
    if manifest is not None:
        mine = _reads(data_dir, manifest, sources, schemas[0])
        records = sum(read.records for read in mine)
        try:
            return Day(
                {schema: _read(folder, manifest, schema, needed, records) for schema in schemas}, mine, []
            )
        except _Damaged as error:
            damaged = error.args[0]
    try:
        every, kept = _compact(data_dir, folder, sources)
    except (OSError, PosError):
        return None
    mine = [read for read in every if schemas[0] in read.rows]
    rows = {
        schema: merged_columns([read.rows.pop(schema) for read in mine], schema, needed) for schema in schemas
    }
    notices = []
    if damaged is not None:
        notices.append(
            f"{damaged}: not the file its manifest vouches for (damaged or altered); "
            + ("read again from the log and rebuilt" if kept else "read from the log")
        )
    return Day(rows, mine, notices)


class _Damaged(Exception):
    pass


class _Found(msgspec.Struct, forbid_unknown_fields=True):
    """What reading a log file found."""

    skipped: list[int]
    damaged: int | None
    records: int
    """Records read: where the next file's `order_rid` starts."""


class _Manifest(msgspec.Struct, forbid_unknown_fields=True):
    version: int
    sources: list[tuple[str, Identity]]
    """Each log file read, with its identity (size, mtime_ns, ctime_ns, inode) when it was read."""
    reads: list[_Found]
    files: dict[str, str]
    """Each Parquet file's sha256."""


def _manifest(folder: Path, sources: list[Path]) -> _Manifest | None:
    """The day's manifest when it names exactly `sources`, each with its identity; else None."""
    try:
        manifest = msgspec.json.decode(read_regular(folder / MANIFEST, MAX_LINE), type=_Manifest)
        if manifest.version != VERSION or set(manifest.files) != set(FILES.values()):
            return None
        if [name for name, _ in manifest.sources] != [path.name for path in sources]:
            return None
        if len(manifest.reads) != len(sources):
            return None
        for (_, known), path in zip(manifest.sources, sources, strict=True):
            if known != identity(os.stat(path, follow_symlinks=False)):
                return None
        return manifest
    except (OSError, PosError, msgspec.DecodeError):
        return None


def _reads(data_dir: Path, manifest: _Manifest, sources: list[Path], schema: Schema) -> list[LogRead]:
    """What reading each of the day's log files of `schema`'s table found, as the manifest keeps it;
    the copy of a file's unreadable records made again when it was taken away."""
    found = []
    for path, read in zip(sources, manifest.reads, strict=True):
        if not path.name.endswith(f".{schema.table}.jsonl"):
            continue
        if read.skipped and not is_regular(unreadable_path(data_dir, path)):
            read_file(data_dir, path, keep=True)
        found.append(LogRead(path, {}, read.skipped, read.damaged, records=read.records))
    return found


def _read(
    folder: Path, manifest: _Manifest, schema: Schema, needed: Collection[str] | None, records: int
) -> FileColumns:
    """The `needed` fields of `schema`'s Parquet file, from `records` records; _Damaged (naming the
    file) unless its bytes are the ones the manifest vouches for. It is never larger than the day's
    log files, and a few footers."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = folder / FILES[schema]
    names = list(schema.wanted(needed))
    most = sum(known[0] for _, known in manifest.sources) + (1 << 20)
    try:
        data = read_regular(path, most)
    except (OSError, PosError):
        raise _Damaged(path) from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != manifest.files[path.name]:
        raise _Damaged(path)
    if digest == _empty_digest(schema):
        return _no_rows(schema, names, records)  # no row (most days' learned choices): not parsed
    written = _arrow_schema(schema)
    try:
        parquet = pq.ParquetFile(pa.BufferReader(data))
        if parquet.metadata.num_rows == 0 and parquet.schema_arrow.equals(written):
            return _no_rows(schema, names, records)  # a day without such rows (most days' learned choices)
        table = parquet.read(columns=names)
    except (pa.ArrowException, OSError):
        raise _Damaged(path) from None
    if not table.schema.equals(pa.schema([written.field(name) for name in names])):
        raise _Damaged(path)  # not what a report writes, whatever its checksum
    rows = FileColumns({}, {}, records=records)
    for name in names:
        column = table.column(name).combine_chunks()
        if name in schema.text:
            rows.values[name] = column.dictionary.to_pylist()
            rows.fields[name] = column.indices.fill_null(-1).to_numpy().astype(np.int32)
        elif column.null_count:
            raise _Damaged(path)
        else:
            rows.fields[name] = column.to_numpy()
    return rows


@functools.cache
def _empty_digest(schema: Schema) -> str:
    """The sha256 of the Parquet file of no row of `schema`, as this machine's writer makes it: a day
    with none (most days' learned choices) is known by its checksum, without parsing it."""
    return hashlib.sha256(_parquet(schema, merged_columns([FileColumns.empty(schema)], schema))).hexdigest()


def _no_rows(schema: Schema, names: list[str], records: int) -> FileColumns:
    """The `names` columns of `schema` with no row: an empty file's, without reading it."""
    empty = FileColumns.empty(schema)
    return FileColumns(
        {name: empty.fields[name] for name in names},
        {name: [] for name in names if name in schema.text},
        records=records,
    )


@functools.cache
def _arrow_schema(schema: Schema) -> pa.Schema:
    """The columns a day's Parquet of `schema` holds: text dictionary-encoded, integers typed."""
    import pyarrow as pa

    return pa.schema(
        (
            name,
            pa.dictionary(pa.int32(), pa.string())
            if name in schema.text
            else pa.from_numpy_dtype(schema.dtype[name]),
        )
        for name in schema.names
    )


def _compact(data_dir: Path, folder: Path, sources: list[Path]) -> tuple[list[LogRead], bool]:
    """Every log file's rows of every schema, read from the log, and whether they were kept as the
    day's Parquet: only when no file changed while it was read and none ends in an unfinished line."""
    reads = []
    identities = []
    settled = True
    for path in sources:
        read, before, after = read_file(data_dir, path, keep=True)
        reads.append(read)
        identities.append((path.name, identity(after)))
        settled &= identity(before) == identity(after) and (read.damaged is not None or read.whole)
    if not settled:
        return reads, False
    try:
        _write(data_dir, folder, identities, reads)
    except (OSError, PosError):  # kept nothing: the next report reads the log again
        return reads, False
    return reads, True


def _write(
    data_dir: Path,
    folder: Path,
    identities: list[tuple[str, Identity]],
    reads: list[LogRead],
) -> None:
    """The day's Parquet files, then its manifest: the old manifest taken away first, so that a day
    cut short by a crash has none, and is compacted again in silence."""
    for depth in range(len(folder.relative_to(data_dir).parts)):
        own_folder(data_dir.joinpath(*folder.relative_to(data_dir).parts[: depth + 1]))
    with contextlib.suppress(FileNotFoundError):
        os.unlink(folder / MANIFEST)
    for stale in folder.glob(".*"):  # a write a kill cut short
        if is_regular(stale):
            stale.unlink()
    files = {}
    for schema, name in FILES.items():
        parts = [read.rows[schema] for read in reads if schema in read.rows]
        content = _parquet(schema, merged_columns(_copies(parts, schema), schema))
        replace_whole(folder / name, content, sync=False)  # derived: rebuilt when lost
        files[name] = hashlib.sha256(content).hexdigest()
    found = [_Found(read.skipped, read.damaged, read.records) for read in reads]
    manifest = _Manifest(VERSION, identities, found, files)
    replace_whole(folder / MANIFEST, msgspec.json.encode(manifest), sync=False)


def _copies(parts: list[FileColumns], schema: Schema) -> list[FileColumns]:
    """Shallow copies of the parts, as merging lets each part's columns go."""
    return [
        FileColumns(dict(part.fields), part.values, records=part.records) for part in parts if part.fields
    ] or [FileColumns.empty(schema)]


def _parquet(schema: Schema, rows: FileColumns) -> bytes:
    """The rows as Parquet: text dictionary-encoded as read (null for none), integers typed as the
    schema has them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays = []
    for name in schema.names:
        column = rows.fields[name]
        if name in schema.text:
            arrays.append(
                pa.DictionaryArray.from_arrays(
                    pa.array(column, pa.int32(), mask=column < 0), pa.array(rows.values[name], pa.string())
                )
            )
        else:
            arrays.append(pa.array(column.astype(schema.dtype[name])))
    sink = pa.BufferOutputStream()
    pq.write_table(pa.table(arrays, names=list(schema.names)), sink)
    return bytes(sink.getvalue().to_pybytes())
