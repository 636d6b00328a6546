"""A closed day's log files read whole, when nothing in them is unusual: each file's records checked
at once by msgspec (`Decoder.decode_lines`: the declarations and strictness of the line-by-line
reading, `pos.core.base.events.decoder`), then the columns the reports keep read by DuckDB's JSON
reader, typed from the same declarations (`json_type`), and derived in SQL (`pos/sql/day_*.sql`):
no Python per record.

Unusual is whatever the line-by-line reading (`pos.core.analytics.columns.read_log`) would name or
read otherwise: a record the spec refuses, a blank or unfinished line, two records on a line or one
across two, a line longer than any record, a key written twice (msgspec keeps the last, DuckDB
refuses it), a file larger than any day's, or one changed or replaced while it is read. Then
`read_whole` gives None and the day is read line by line, which names and sets aside what it
cannot read. DuckDB reads each file through the descriptor it was checked by where the system
names one (`/proc/self/fd`), else by its path, checked unchanged afterwards.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
import numpy as np
from msgspec import inspect

from pos.core.analytics import sql
from pos.core.analytics.column_arrow import to_arrow, typed
from pos.core.analytics.columns import FileColumns, Schema
from pos.core.analytics.log_reads import SCHEMAS_OF
from pos.core.base.bounded_lines import MAX_LINE
from pos.core.base.errors import PosError
from pos.core.base.events import decoder
from pos.core.base.files import open_regular

if TYPE_CHECKING:
    import pyarrow as pa

LARGEST = 1 << 28
"""A log file larger than this is read line by line: a busy store's day is about 10 MB."""
_BY_DESCRIPTOR = Path("/proc/self/fd")
READ = {name for schemas in SCHEMAS_OF.values() for schema in schemas for name in schema.names} | {
    "ts",
    "pitch",
    "lines",
    "voided_lines",
    "components",
}
"""The fields DuckDB reads of a record and of its lines: those the day's SQL (`pos/sql/day_*.sql`)
gives the reports or derives theirs from."""

Identity = tuple[int, int, int, int]


def identity(stat: os.stat_result) -> Identity:
    """What tells a file's version: its size, modification and change times, and inode."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


@dataclass
class Whole:
    tables: dict[Schema, pa.Table]
    """The day's rows of every schema of its files' tables, as Arrow (`pos.core.analytics.column_arrow`)."""
    records: list[int]
    """Each file's records."""
    identities: list[Identity]


@dataclass
class _Checked:
    path: Path
    descriptor: int
    identity: Identity
    records: int


def read_whole(sources: list[Path]) -> Whole | None:
    """The rows of the day's log files `sources` (its prompts' and orders' files, in the log's order),
    read whole; None when anything in them is unusual."""
    import duckdb

    with contextlib.ExitStack() as stack:
        checked = []
        for path in sources:
            found = _checked(path, stack)
            if found is None:
                return None
            checked.append(found)
        tables: dict[Schema, pa.Table] = {}
        for table, schemas in SCHEMAS_OF.items():
            mine = [each for each in checked if _table_of(each.path) == table]
            try:
                tables |= _read(schemas, mine) if _unchanged(mine) else {}
            except duckdb.Error:
                return None
            if schemas[0] not in tables or len(tables[schemas[0]]) != sum(each.records for each in mine):
                return None
        if not _unchanged(checked):
            return None
    return Whole(tables, [each.records for each in checked], [each.identity for each in checked])


def _unchanged(checked: list[_Checked]) -> bool:
    """Whether each file is still the one checked, both open and under its name (which DuckDB opens
    where the system names no descriptor)."""
    try:
        return all(
            identity(os.fstat(each.descriptor))
            == each.identity
            == identity(os.stat(each.path, follow_symlinks=False))
            for each in checked
        )
    except OSError:
        return False


def _table_of(path: Path) -> str:
    return path.name.split(".")[-2]


def _checked(path: Path, stack: contextlib.ExitStack) -> _Checked | None:
    """The file, open, and its records counted, when each of its lines is a record the spec allows."""
    try:
        descriptor = open_regular(path)
    except (OSError, PosError):
        return None
    stack.callback(os.close, descriptor)
    before = os.fstat(descriptor)
    if before.st_size > LARGEST:
        return None
    with open(descriptor, "rb", closefd=False) as handle:
        data = handle.read(before.st_size + 1)
    if len(data) != before.st_size or (data and not data.endswith(b"\n")):
        return None
    try:
        records = len(decoder(SCHEMAS_OF[_table_of(path)][0].record).decode_lines(data))
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
    if records != data.count(b"\n"):  # a blank line, or a record across lines
        return None
    return _Checked(path, descriptor, identity(before), records)


def _read(schemas: tuple[Schema, ...], files: list[_Checked]) -> dict[Schema, pa.Table]:
    """The rows of each of `schemas` (one table's, its records' first) in `files`, as DuckDB reads
    them (`pos/sql/day_NAME.sql`)."""
    import pyarrow as pa

    files = [each for each in files if each.records]
    if not files:
        return {schema: to_arrow(schema, FileColumns.empty(schema)) for schema in schemas}
    record = inspect.type_info(schemas[0].record)
    assert isinstance(record, inspect.StructType)
    columns = ", ".join(f"{name}: '{found}'" for name, found in _fields(record, 2))
    paths = ", ".join(
        _quoted(_BY_DESCRIPTOR / str(each.descriptor) if _BY_DESCRIPTOR.is_dir() else each.path)
        for each in files
    )
    logged = (
        f"select * from read_json([{paths}], format = 'newline_delimited', records = true, "
        f"maximum_object_size = {MAX_LINE}, columns = {{{columns}}})"
    )
    connection = sql.connection()  # one thread: days are compacted a process a core (`day_parquet.compact`)
    rows = connection.sql(f"with logged as ({logged})\n{_sql(schemas[0])}").to_arrow_table()
    found = {schemas[0]: typed(schemas[0], rows)}
    if len(schemas) == 1:
        return found
    # an order's lines and items, each with its record's row (`rid`)
    connection.register("day_orders", rows.append_column("rid", pa.array(np.arange(len(rows)))))
    try:
        for schema in schemas[1:]:
            found[schema] = typed(schema, connection.sql(_sql(schema)).to_arrow_table())
    finally:
        connection.unregister("day_orders")
    return found


def _sql(schema: Schema) -> str:
    return sql.text_of(f"day_{schema.name}")


def json_type(kind: inspect.Type, depth: int) -> str | None:
    """DuckDB's type for a field declared `kind` (`pos.core.base.events`), with the fields of a record
    in it that `READ` names, its lists of records `depth` levels deep at most (a meal's component's
    components are no line of the reports'); None for a list deeper than that. A value the
    declaration allows reads as it is: whatever it refuses never reaches DuckDB."""
    if isinstance(kind, inspect.UnionType):
        (kind,) = (each for each in kind.types if not isinstance(each, inspect.NoneType))
    if isinstance(kind, inspect.IntType):
        return "BIGINT"
    if isinstance(kind, inspect.BoolType):
        return "BOOLEAN"
    if isinstance(kind, inspect.ListType):
        item = json_type(kind.item_type, depth - 1) if depth else None
        return None if item is None else f"{item}[]"
    if isinstance(kind, inspect.StructType):
        return f"STRUCT({', '.join(f'{name} {found}' for name, found in _fields(kind, depth))})"
    return "VARCHAR"  # text, a choice, a date


def _fields(record: inspect.StructType, depth: int) -> list[tuple[str, str]]:
    """The fields of `record` that `READ` names, with their types."""
    typed = ((field.name, json_type(field.type, depth)) for field in record.fields if field.name in READ)
    return [(f'"{name}"', found) for name, found in typed if found]


def _quoted(path: Path) -> str:
    """A path as an SQL string."""
    return "'" + str(path).replace("'", "''") + "'"
