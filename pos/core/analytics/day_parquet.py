"""A closed day's log compacted into Parquet, in the data folder (`cache/parquet/day=YYYY-MM-DD/`).

A day is closed when it is before yesterday by this machine's clock: no terminal writes into it any
more (an order across midnight ends on the next day; a terminal's lock is not probed, as taking it
even for an instant could refuse a cashier's start). Its files are read once, strictly
(`pos.core.analytics.columns`), a large history's days in processes of their own (`compact`), and
each kind of row the reports read (prompts, their learned choices, orders, their prompted lines and
their items, and what the day's own join made of its prompts and orders, `pos.core.analytics.day_join`)
is written as one Parquet file, the day's rows in the log's order, beside
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
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from pos.core.analytics.column_arrow import arrow_schema, from_arrow, to_arrow
from pos.core.analytics.columns import (
    ITEM_SCHEMA,
    LINE_SCHEMA,
    ORDER_SCHEMA,
    PROMPT_SCHEMA,
    FileColumns,
    Schema,
)
from pos.core.analytics.columns import merged as merged_columns
from pos.core.analytics.compactor import Days, run_compactors
from pos.core.analytics.day_join import JOINED_ORDERS, JOINED_PROMPTS, days_joined
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
VERSION = 6
"""Bumped whenever what the Parquet holds changes, so every older day is compacted again."""
PROCESSES_FROM = 32 << 20
"""Log bytes from which closed days are compacted in processes of their own: fewer are compacted
sooner in this one than processes start (about half a second, importing what they read with)."""
BATCH = 10
"""Days a compacting process reads before it joins them, in one query (`day_join.days_joined`): its
memory grows by about their log's size (ten days of the 1M history, 80 MB: a process 245 MB)."""
FILES = {
    PROMPT_SCHEMA: "prompts.parquet",
    LEARNED_SCHEMA: "learned_choices.parquet",
    ORDER_SCHEMA: "orders.parquet",
    LINE_SCHEMA: "order_lines.parquet",
    ITEM_SCHEMA: "order_items.parquet",
    JOINED_PROMPTS: "joined_prompts.parquet",
    JOINED_ORDERS: "joined_orders.parquet",
}


ONE_A_RECORD = (PROMPT_SCHEMA, ORDER_SCHEMA, JOINED_PROMPTS, JOINED_ORDERS)
"""The kinds of row a day has one of for each record read from its log files."""
LOGGED = (PROMPT_SCHEMA, LEARNED_SCHEMA, ORDER_SCHEMA, LINE_SCHEMA, ITEM_SCHEMA)
"""The kinds of row read from the log; the others are what the day's join made of them."""


def closed(day: str, today: date | None = None) -> bool:
    return day < ((today or date.today()) - timedelta(days=1)).isoformat()


@dataclass
class Day:
    """A data folder's day of some kinds of row (all from one table's files): the rows of each, what
    reading each log file found, and notices (a Parquet file that did not match its checksum)."""

    rows: dict[Schema, FileColumns]
    reads: list[LogRead]
    notices: list[str]
    stamp: str
    """The compaction the rows are from: the prompts' and the orders' of a day, read apart, were
    joined together only when their stamps agree (`pos.core.analytics.day_join`)."""


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
        mine = _reads(data_dir, manifest.reads, sources, schemas[0])
        records = sum(read.records for read in mine)
        try:
            rows = {schema: _read(folder, manifest, schema, needed, records) for schema in schemas}
            return Day(rows, mine, [], manifest.stamp)
        except _Damaged as error:  # or compacted again meanwhile, by another report: not damage
            again = _manifest(folder, sources)
            damaged = None if again is not None and again.stamp != manifest.stamp else error.args[0]
    (compacted,) = _compact_days([(data_dir, folder, sources)])
    if compacted is None:
        return None
    mine = _reads(data_dir, compacted.found, sources, schemas[0])
    records = sum(read.records for read in mine)
    rows = {
        schema: from_arrow(compacted.tables[schema], schema, schema.wanted(needed), records)
        for schema in schemas
    }
    notices = []
    if damaged is not None:
        notices.append(
            f"{damaged}: not the file its manifest vouches for (damaged or altered); "
            + ("read again from the log and rebuilt" if compacted.kept else "read from the log")
        )
    return Day(rows, mine, notices, compacted.stamp)


def compact(days: list[tuple[Path, str, list[Path]]]) -> None:
    """Compacts each closed day (a data folder, the day, its log files) whose Parquet is missing or
    stale in processes of their own, one a core (`pos.core.analytics.compactor`), so that `load`
    finds it: when they are at least `PROCESSES_FROM` bytes of log, else `load` compacts each as
    it reads it, as it does any day a process left undone."""
    stale = [
        (data_dir, day_folder(data_dir, day), sources)
        for data_dir, day, sources in days
        if not_own_on_the_way(data_dir, day_folder(data_dir, day)) is None
        and _manifest(day_folder(data_dir, day), sources) is None
    ]
    cores = min(os.cpu_count() or 1, len(stale))
    if cores < 2 or sum(_size(path) for _, _, sources in stale for path in sources) < PROCESSES_FROM:
        return
    run_compactors([stale[core::cores] for core in range(cores)])


def _size(path: Path) -> int:
    try:
        return os.stat(path, follow_symlinks=False).st_size
    except OSError:
        return 0


def compact_kept(days: Days) -> None:
    """Each day (a data folder, its Parquet folder, its log files) compacted, `BATCH` at a time, and
    kept; quietly: `load` says what it could not do."""
    for first in range(0, len(days), BATCH):
        _compact_days(days[first : first + BATCH])


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
    stamp: str
    """This compaction's own random id (`Day.stamp`)."""


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


def _reads(data_dir: Path, found: list[_Found], sources: list[Path], schema: Schema) -> list[LogRead]:
    """What reading each of the day's log files of `schema`'s table found; the copy of a file's
    unreadable records made again when it was taken away."""
    reads = []
    for path, read in zip(sources, found, strict=True):
        if not path.name.endswith(f".{schema.table}.jsonl"):
            continue
        if read.skipped and not is_regular(unreadable_path(data_dir, path)):
            read_file(data_dir, path, keep=True)
        reads.append(LogRead(path, {}, read.skipped, read.damaged, records=read.records))
    return reads


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
    one_a_record = schema in ONE_A_RECORD
    if digest == _empty_digest(schema) and not (one_a_record and records):
        return _no_rows(schema, names, records)  # no row (most days' learned choices): not parsed
    written = arrow_schema(schema)
    try:
        parquet = pq.ParquetFile(pa.BufferReader(data))
        if one_a_record and parquet.metadata.num_rows != records:
            raise _Damaged(path)  # not the day's records, whatever its checksum
        if parquet.metadata.num_rows == 0 and parquet.schema_arrow.equals(written):
            return _no_rows(schema, names, records)  # a day without such rows (most days' learned choices)
        table = parquet.read(columns=names, use_threads=False)  # the days are read a thread a core already
    except (pa.ArrowException, OSError):
        raise _Damaged(path) from None
    if not table.schema.equals(pa.schema([written.field(name) for name in names])):
        raise _Damaged(path)  # not what a report writes, whatever its checksum
    if "order_rid" in names and not _within(table.column("order_rid"), records):
        raise _Damaged(path)  # a line of no record read
    try:
        return from_arrow(table, schema, names, records)
    except ValueError:
        raise _Damaged(path) from None


def _within(rids: pa.ChunkedArray, records: int) -> bool:
    import pyarrow.compute as pc

    bounds = pc.min_max(rids).as_py()
    return not len(rids) or (bounds["min"] >= 0 and bounds["max"] < records)


@functools.cache
def _empty_digest(schema: Schema) -> str:
    """The sha256 of the Parquet file of no row of `schema`, as this machine's writer makes it: a day
    with none (most days' learned choices) is known by its checksum, without parsing it."""
    empty = to_arrow(schema, merged_columns([FileColumns.empty(schema)], schema))
    return hashlib.sha256(_parquet(empty)).hexdigest()


def _no_rows(schema: Schema, names: list[str], records: int) -> FileColumns:
    """The `names` columns of `schema` with no row: an empty file's, without reading it."""
    empty = FileColumns.empty(schema)
    return FileColumns(
        {name: empty.fields[name] for name in names},
        {name: [] for name in names if name in schema.text},
        records=records,
    )


@dataclass
class _Compacted:
    """A day compacted: every row of every schema in its log files, as Arrow, what reading each file
    found, whether they were kept as the day's Parquet (only when no file changed while it was read
    and none ends in an unfinished line), and the compaction's stamp."""

    tables: dict[Schema, pa.Table]
    found: list[_Found]
    kept: bool
    stamp: str


def _compact_days(days: Days) -> list[_Compacted | None]:
    """Each day (a data folder, its Parquet folder, its log files) compacted, their joins made
    together (`pos.core.analytics.day_join.days_joined`); None for a day whose log files could not
    all be read."""
    reads = [_read_day(data_dir, sources) for data_dir, _, sources in days]
    joins = iter(days_joined([read.rows for read in reads if read is not None]))
    return [
        None if read is None else _kept(data_dir, folder, read, next(joins))
        for (data_dir, folder, _), read in zip(days, reads, strict=True)
    ]


@dataclass
class _DayRead:
    rows: dict[Schema, FileColumns]
    """Every row of every schema read from the log (`LOGGED`)."""
    found: list[_Found]
    identities: list[tuple[str, Identity]]
    settled: bool
    """No file changed while it was read, and none ends in an unfinished line."""


def _read_day(data_dir: Path, sources: list[Path]) -> _DayRead | None:
    """The day's log files read; None when one cannot be."""
    reads = []
    identities = []
    settled = True
    try:
        for path in sources:
            read, before, after = read_file(data_dir, path, keep=True)
            reads.append(read)
            identities.append((path.name, identity(after)))
            settled &= identity(before) == identity(after) and (read.damaged is not None or read.whole)
    except (OSError, PosError):
        return None
    rows = {
        schema: merged_columns([read.rows.pop(schema) for read in reads if schema in read.rows], schema)
        for schema in LOGGED
    }
    return _DayRead(
        rows, [_Found(read.skipped, read.damaged, read.records) for read in reads], identities, settled
    )


def _kept(data_dir: Path, folder: Path, read: _DayRead, joined: dict[Schema, FileColumns]) -> _Compacted:
    """The day's rows and what its join made of them as Arrow, written as its Parquet when the
    read `settled`."""
    rows = read.rows | joined
    compacted = _Compacted(
        {schema: to_arrow(schema, rows.pop(schema)) for schema in FILES},
        read.found,
        False,
        secrets.token_hex(8),
    )
    if read.settled:
        with contextlib.suppress(OSError, PosError):  # kept nothing: the next report reads the log again
            _write(
                data_dir,
                folder,
                _Manifest(VERSION, read.identities, read.found, {}, compacted.stamp),
                compacted.tables,
            )
            compacted.kept = True
    return compacted


def _write(data_dir: Path, folder: Path, manifest: _Manifest, tables: dict[Schema, pa.Table]) -> None:
    """The day's Parquet files, then its `manifest` with their checksums: the old manifest taken away
    first, so that a day cut short by a crash has none, and is compacted again in silence."""
    for depth in range(len(folder.relative_to(data_dir).parts)):
        own_folder(data_dir.joinpath(*folder.relative_to(data_dir).parts[: depth + 1]))
    with contextlib.suppress(FileNotFoundError):
        os.unlink(folder / MANIFEST)
    for stale in folder.glob(".*"):  # a write a kill cut short
        if is_regular(stale):
            stale.unlink()
    for schema, name in FILES.items():
        content = _parquet(tables[schema])
        replace_whole(folder / name, content, sync=False)  # derived: rebuilt when lost
        manifest.files[name] = hashlib.sha256(content).hexdigest()
    replace_whole(folder / MANIFEST, msgspec.json.encode(manifest), sync=False)


def _parquet(table: pa.Table) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return bytes(sink.getvalue().to_pybytes())
