"""A columnar cache of each log file, for reports over a whole history.

Parsing a million JSON lines takes seconds; the reports must not. Each log file
(`log/DAY/T1.prompts.jsonl`) gets a cache file (`cache/DAY/T1.prompts.col`): its
records as columns, text dictionary-encoded, in one numpy structured array behind
a small JSON header. The log is append-only, so bringing a cache up to date reads
only the bytes appended since (`consumed`); a cache that does not match its log
(the log shrank, the cache is damaged) is rebuilt from the log, which is always
the truth. Cache files are written atomically and can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from pos.core.errors import PosError
from pos.core.files import replace_whole
from pos.core.set_aside import set_aside_folder

_MAGIC = b"POSCOL1\n"
NULL = -1
"""The code of a null text value."""


def _whole(record: dict[str, Any]) -> Iterable[Mapping[str, Any]]:
    return (record,)


@dataclass(frozen=True)
class Schema:
    text: tuple[str, ...]
    """Text fields, dictionary-encoded; null is code -1."""
    ints: tuple[tuple[str, str], ...]
    """Integer fields and their numpy types; `hour` is taken from `ts`."""
    wide: tuple[str, ...] = ()
    """Text fields with more distinct values in a file than int16 codes hold (order ids)."""
    defaults: Mapping[str, object] = field(default_factory=dict)
    """Values of fields that version 1 records lack; a string names the field to take instead."""
    rows: Callable[[dict[str, Any]], Iterable[Mapping[str, Any]]] = _whole
    """The rows a record gives: itself, or (order lines) one per part of it."""
    name: str = ""
    """Told apart from another schema over the same log files, in the cache's name."""
    sets_aside: bool = True
    money: tuple[str, ...] = ()
    """Integer fields that hold money: 0 to MAX_MONEY, so no sum over a history overflows."""
    """Copies what it cannot read to `set-aside/`; off for a second schema over the same files."""

    @property
    def dtype(self) -> np.dtype[Any]:
        codes = [(name, "<i4" if name in self.wide else "<i2") for name in self.text]
        return np.dtype(codes + list(self.ints))

    @property
    def int_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.ints)


MAX_VALUES = 32767
"""A text field's dictionary in one log file fits its int16 codes."""
MAX_WIDE_VALUES = 2**31 - 1
MAX_MONEY = 10**11
"""Minor units in one record's money field: far above any order, and a billion such records
still sum within int64."""
PROMPT_SCHEMA = Schema(
    text=(
        "terminal",
        "cashier",
        "mode",
        "kind",
        "trigger",
        "offer",
        "size",
        "pitch",
        "template",
        "daypart",
        "outcome",
        "order",
    ),
    ints=(("hour", "<i1"), ("variant", "<i2"), ("delta", "<i8"), ("response_ms", "<i4"), ("seq", "<i4")),
    wide=("order",),
    defaults={"template": "pitch", "seq": 0},
    money=("delta",),
)
ORDER_SCHEMA = Schema(
    text=("terminal", "cashier", "mode", "status", "order"),
    ints=(("hour", "<i1"), ("total", "<i8"), ("v2", "<i1")),
    wide=("order",),
    money=("total",),
)
"""`v2` is 1 for a record with `voided_lines`, whose lines say what each prompt added."""


def _prompted_lines(record: dict[str, Any]) -> list[dict[str, Any]]:
    if not isinstance(record["lines"], list):
        raise TypeError("lines")
    return [
        {"order": record["order"], "prompt": line["prompt"], "added": line["added"]}
        for line in record["lines"]
        if line.get("prompt") is not None
    ]


LINE_SCHEMA = Schema(
    text=("order",),
    ints=(("prompt", "<i4"), ("added", "<i8")),
    wide=("order",),
    rows=_prompted_lines,
    money=("added",),
    name="lines",
    sets_aside=False,
)
"""Each kept line of an order that a prompt added or changed (spec v2): the join of orders to prompts."""


@dataclass
class FileColumns:
    """One log file's records as columns."""

    rows: npt.NDArray[Any]
    values: dict[str, list[str]] = field(default_factory=dict)
    """Each text field's dictionary: code -> value."""
    consumed: int = 0
    """Bytes of the log file these columns hold (up to the end of a complete line)."""
    skipped: list[int] = field(default_factory=list)
    """Line numbers of records that could not be read."""
    lines: int = 0


def cache_path(data_dir: Path, log_file: Path, schema: Schema | None = None) -> Path:
    stem = log_file.name.removesuffix(".jsonl") + (f".{schema.name}" if schema and schema.name else "")
    return data_dir / "cache" / log_file.parent.name / (stem + ".col")


def load(data_dir: Path, log_file: Path, schema: Schema) -> FileColumns:
    """The file's columns, brought up to date and saved when anything was added.

    Records that cannot be read are left out, their line numbers kept in
    `skipped`, and copied once to `set-aside/` so that nothing is lost.
    """
    path = cache_path(data_dir, log_file, schema)
    columns = _read_cache(path, schema)
    size = log_file.stat().st_size
    if columns is None or columns.consumed > size:
        columns = FileColumns(np.zeros(0, schema.dtype), {name: [] for name in schema.text})
    if columns.consumed < size:
        bad = _extend(columns, log_file, schema)
        if bad and schema.sets_aside:
            _set_aside(data_dir, log_file, bad)
        _write_cache(path, columns, schema)
    return columns


def set_aside_path(data_dir: Path, log_file: Path) -> Path:
    return data_dir / "set-aside" / f"{log_file.parent.name}.{log_file.name}.unreadable"


def _set_aside(data_dir: Path, log_file: Path, bad: list[tuple[int, bytes]]) -> None:
    """Keep a copy of unreadable records, each after its line number; the log stays as it is."""
    target = set_aside_path(data_dir, log_file)
    with contextlib.suppress(OSError, PosError):  # a copy that cannot be made leaves the log itself untouched
        set_aside_folder(data_dir)
        with open(target, "ab") as handle:
            handle.write(b"".join(b"%d\t%s\n" % (number, line) for number, line in bad))


def _extend(columns: FileColumns, log_file: Path, schema: Schema) -> list[tuple[int, bytes]]:
    """Read what was appended; the records that could not be read, with their line numbers."""
    with open(log_file, "rb") as handle:
        handle.seek(columns.consumed)
        data = handle.read()
    end = data.rfind(b"\n") + 1  # an unfinished last line waits for its writer
    bad: list[tuple[int, bytes]] = []
    if end == 0:
        return bad
    lookups = {name: {value: code for code, value in enumerate(columns.values[name])} for name in schema.text}
    limits = {name: MAX_WIDE_VALUES if name in schema.wide else MAX_VALUES for name in schema.text}
    bounds = [(name, np.iinfo(np.dtype(kind))) for name, kind in schema.ints]
    new_rows: list[tuple[int, ...]] = []
    for line in data[:end].splitlines():
        columns.lines += 1
        try:
            rows = [
                _row(record, schema, lookups, limits, bounds, columns.values)
                for record in schema.rows(json.loads(line))
            ]
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            columns.skipped.append(columns.lines)
            bad.append((columns.lines, line))
            continue
        new_rows.extend(rows)
    if new_rows:
        columns.rows = np.concatenate([columns.rows, np.array(new_rows, dtype=schema.dtype)])
    columns.consumed += end
    return bad


def _row(
    record: Mapping[str, Any],
    schema: Schema,
    lookups: dict[str, dict[str, int]],
    limits: dict[str, int],
    bounds: list[tuple[str, np.iinfo[Any]]],
    values: dict[str, list[str]],
) -> tuple[int, ...]:
    row = []
    for name in schema.text:
        value = _field(record, name, schema)
        if value is None:
            row.append(NULL)
            continue
        lookup = lookups[name]
        code = lookup.get(value)
        if code is None:
            if len(lookup) >= limits[name] or not isinstance(value, str):
                raise TypeError(name)
            code = lookup[value] = len(values[name])
            values[name].append(value)
        row.append(code)
    for name, bound in bounds:
        value = int(record["ts"][11:13]) if name == "hour" else _field(record, name, schema)
        if type(value) is not int or not bound.min <= value <= bound.max:
            raise TypeError(name)
        if name in schema.money and not 0 <= value <= MAX_MONEY:
            raise ValueError(name)
        row.append(value)
    return tuple(row)


def _field(record: Mapping[str, Any], name: str, schema: Schema) -> Any:
    if name == "v2":
        return int("voided_lines" in record)
    if name in record or name not in schema.defaults:
        return record[name]
    default = schema.defaults[name]
    return record[default] if isinstance(default, str) else default


def _read_cache(path: Path, schema: Schema) -> FileColumns | None:
    try:
        data = path.read_bytes()
        if not data.startswith(_MAGIC):
            return None
        length = int.from_bytes(data[len(_MAGIC) : len(_MAGIC) + 8], "little")
        start = len(_MAGIC) + 8
        header = json.loads(data[start : start + length])
        rows = np.frombuffer(data, dtype=schema.dtype, offset=start + length)
        if header["fields"] != list(schema.dtype.names or ()) or len(rows) != header["count"]:
            return None
        return FileColumns(rows, header["values"], header["consumed"], header["skipped"], header["lines"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(path: Path, columns: FileColumns, schema: Schema) -> None:
    header = json.dumps(
        {
            "fields": list(schema.dtype.names or ()),
            "count": len(columns.rows),
            "values": columns.values,
            "consumed": columns.consumed,
            "skipped": columns.skipped,
            "lines": columns.lines,
        }
    ).encode()
    payload = _MAGIC + len(header).to_bytes(8, "little") + header + columns.rows.tobytes()
    # A cache that cannot be written (read-only folder, full disk) only makes the
    # next report slower; no fsync either, as a lost cache is rebuilt from the log.
    with contextlib.suppress(OSError):
        replace_whole(path, payload, sync=False)
