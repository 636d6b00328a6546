"""A columnar cache of each log file, for reports over a whole history.

Parsing a million JSON lines takes seconds; the reports must not. Each log file
(`log/DAY/T1.prompts.jsonl`) gets a cache file (`cache/DAY/T1.prompts.col`): its
columns (`pos.core.columns`) behind a small JSON header: each text field's values
(JSON), then each field's column, one after another, so a report reads only the
fields it needs. The log is append-only, so bringing a cache up to date reads only the
bytes appended since (`consumed`).

A cache is trusted only for the bytes it was read from. It keeps the log file's
identity (device and inode), its modification time, and a hash of the last
TAIL bytes it read. It is rebuilt from the log, which is always the truth, when
the file is another one (replaced, restored from a copy), shorter than what was
read, the same length but modified (an edit in place), or longer but with other
bytes where the read ended (a torn record cut off and new records written over
its place). An edit that keeps the length and restores the modification time by
hand is not seen. Cache files are written atomically and can be deleted at any time; they
are read and written only as regular files in folders of the data folder's own (never through
a link), and not at all in a folder a report may not keep them in (`pos.core.derived`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

from pos.core.columns import LINE_SCHEMA, ORDER_SCHEMA, PROMPT_SCHEMA, FileColumns, Schema, extend
from pos.core.derived import CACHE, own_or_missing
from pos.core.errors import PosError
from pos.core.files import open_regular, own_folder, replace_whole
from pos.core.set_aside import SET_ASIDE, set_aside_folder

_MAGIC = b"POSCOL7\n"
"""Bumped whenever what a cache holds changes (4: `rule`, `heard` and `store_id`, and order ids hashed
alone; 5: a `store_id` not of a store id's form is set aside; 6: the prompted lines voided before
payment, `voided`; 7: records read strictly with their declarations, `pos.core.events`), so every
older cache is rebuilt."""
SCHEMAS_OF = {"prompts": (PROMPT_SCHEMA,), "orders": (ORDER_SCHEMA, LINE_SCHEMA)}
TAIL = 4096


@dataclass(frozen=True)
class Source:
    """What a cache was read from."""

    identity: tuple[int, int]
    modified: int
    tail: str
    """The hash of the TAIL bytes before `consumed`."""

    @classmethod
    def of(cls, handle: IO[bytes], consumed: int) -> Source:
        stat = os.fstat(handle.fileno())
        return cls((stat.st_dev, stat.st_ino), stat.st_mtime_ns, _tail(handle, consumed))

    def trusted(self, handle: IO[bytes], consumed: int) -> bool:
        stat = os.fstat(handle.fileno())
        if (stat.st_dev, stat.st_ino) != self.identity or stat.st_size < consumed:
            return False
        if stat.st_size == consumed and stat.st_mtime_ns != self.modified:
            return False
        return _tail(handle, consumed) == self.tail


def cache_path(data_dir: Path, log_file: Path, schema: Schema | None = None) -> Path:
    stem = log_file.name.removesuffix(".jsonl") + (f".{schema.name}" if schema and schema.name else "")
    return data_dir / CACHE / log_file.parent.name / (stem + ".col")


def load(
    data_dir: Path,
    log_file: Path,
    schema: Schema,
    needed: Collection[str] | None = None,
    keep: bool = True,
) -> FileColumns:
    """The file's columns, brought up to date and saved when anything was added (unless `keep` is
    False); of a cache that is up to date, only the `needed` fields are read.

    Records that cannot be read are left out, their line numbers kept in
    `skipped`, and (when `keep`) copied once to `set-aside/` so that nothing is lost.
    """
    path = cache_path(data_dir, log_file, schema)
    if needed is not None and not set(needed) & set(schema.names):
        needed = None  # columns with no field would not know how many rows they have
    own = own_or_missing(path.parent.parent) and own_or_missing(path.parent)
    write = keep and own
    with os.fdopen(open_regular(log_file), "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        cached = _read_cache(path, schema, needed) if own else None
        trusted = cached is not None and cached[1].trusted(handle, cached[0].consumed)
        if cached is not None and trusted and cached[0].consumed == size:
            return cached[0]
        if trusted and needed is not None:  # records appended: every field, to add them to
            cached = _read_cache(path, schema, None)
        columns = cached[0] if cached is not None and trusted else None
        fresh = columns is None
        columns = columns or FileColumns.empty(schema)
        before = 0 if fresh else columns.consumed
        bad = extend(columns, handle, schema)
        if bad and schema.sets_aside and keep:
            _set_aside(data_dir, log_file, bad)
        # not for an unfinished last line its writer is still on
        if write and (fresh or columns.consumed != before):
            _write_cache(path, columns, schema, Source.of(handle, columns.consumed))
    return columns


def cache_log(data_dir: Path, log_file: Path) -> None:
    """Bring every cache of a log file up to date (the prompts' file, or the orders' and their lines')."""
    for schema in SCHEMAS_OF[_table(log_file)]:
        with contextlib.suppress(OSError, PosError):
            load(data_dir, log_file, schema)


def _table(log_file: Path) -> str:
    """`prompts` or `orders`: what a log file (`T1.prompts.jsonl`) holds."""
    return log_file.name.split(".")[-2]


def set_aside_path(data_dir: Path, log_file: Path) -> Path:
    return data_dir / SET_ASIDE / f"{log_file.parent.name}.{log_file.name}.unreadable"


def _set_aside(data_dir: Path, log_file: Path, bad: list[tuple[int, bytes]]) -> None:
    """Keep a copy of unreadable records, each after its line number; the log stays as it is."""
    target = set_aside_path(data_dir, log_file)
    with contextlib.suppress(OSError, PosError):  # a copy that cannot be made leaves the log itself untouched
        set_aside_folder(data_dir)
        with os.fdopen(open_regular(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT), "ab") as handle:
            handle.write(b"".join(b"%d\t%s\n" % (number, line) for number, line in bad))


def _tail(handle: IO[bytes], consumed: int) -> str:
    start = max(0, consumed - TAIL)
    handle.seek(start)
    return hashlib.blake2b(handle.read(consumed - start), digest_size=16).hexdigest()


def _read_cache(
    path: Path, schema: Schema, needed: Collection[str] | None
) -> tuple[FileColumns, Source] | None:
    """The cache's columns (only the `needed` fields) and what it was read from; None when there is
    no cache, or it is not one of this schema whole."""
    try:
        with os.fdopen(open_regular(path), "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if handle.read(len(_MAGIC)) != _MAGIC:
                return None
            length = int.from_bytes(handle.read(8), "little")
            header = json.loads(handle.read(min(length, size)))
            if header["fields"] != list(schema.names):
                return None
            sizes, count = [int(value) for value in header["value_bytes"]], int(header["count"])
            row = sum(schema.dtype[name].itemsize for name in schema.names)
            if min(sizes, default=0) < 0 or count < 0 or handle.tell() + sum(sizes) + count * row != size:
                return None  # cut short, or not the size its header says: nothing is read past it
            values = {}
            for name, value_bytes in zip(schema.text, sizes, strict=True):
                if needed is None or name in needed:
                    values[name] = json.loads(handle.read(value_bytes))
                else:  # an order id per record: parsed only when a report asks for them
                    handle.seek(value_bytes, os.SEEK_CUR)
            offset = handle.tell()
            fields = {}
            for name in schema.names:
                kind = schema.dtype[name]
                if needed is None or name in needed:
                    handle.seek(offset)
                    column = np.empty(count, kind)
                    if handle.readinto(column.data.cast("B")) != column.nbytes:
                        return None
                    fields[name] = column
                offset += count * kind.itemsize
        columns = FileColumns(fields, values, header["consumed"], header["skipped"], header["lines"])
        dev, ino = header["identity"]
        source = Source((int(dev), int(ino)), int(header["modified"]), str(header["tail"]))
        return columns, source
    except (OSError, PosError, ValueError, KeyError, TypeError):
        return None


def _write_cache(path: Path, columns: FileColumns, schema: Schema, source: Source) -> None:
    values = [json.dumps(columns.values[name]).encode() for name in schema.text]
    header = json.dumps(
        {
            "fields": list(schema.names),
            "count": len(columns),
            "value_bytes": [len(field_values) for field_values in values],
            "consumed": columns.consumed,
            "skipped": columns.skipped,
            "lines": columns.lines,
            "identity": list(source.identity),
            "modified": source.modified,
            "tail": source.tail,
        }
    ).encode()
    body = b"".join(
        np.ascontiguousarray(columns.fields[name], schema.dtype[name]).tobytes() for name in schema.names
    )
    payload = _MAGIC + len(header).to_bytes(8, "little") + header + b"".join(values) + body
    # A cache that cannot be written (read-only folder, full disk, a link in its place) only
    # makes the next report slower; no fsync either, as a lost cache is rebuilt from the log.
    with contextlib.suppress(OSError, PosError):
        own_folder(own_folder(path.parent.parent) / path.parent.name)
        replace_whole(path, payload, sync=False)
