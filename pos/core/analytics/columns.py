"""A log file's records as columns: what of each record a report reads, checked, in numpy.

Text is dictionary-encoded per file. A closed day's columns are kept as Parquet
(`pos.core.analytics.day_parquet`), so a report reads the JSON lines of the open days only.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import IO, Any

import msgspec
import numpy as np
import numpy.typing as npt
from msgspec import UNSET

import pos.core.selling.prompt_kinds  # noqa: F401  (a built-in kind's events read back: events.log_kind)
from pos.core.analytics.order_keys import order_keys
from pos.core.base.bounded_lines import MAX_LINE, lines
from pos.core.base.events import OrderRecord, PromptEvent, decoder

NULL = -1
"""The code of a null text value."""
WHOLE_AT_MOST = 64 << 20
"""A log file up to this size is read in one go when each of its lines is a record (a busy
store's day is about 10 MB; the file is held twice meanwhile, as bytes and as lines); a larger one
a line at a time."""


def _whole_record(record: Any, index: int) -> Iterable[Any]:
    return (record,)


@dataclass(frozen=True)
class Schema:
    record: type[msgspec.Struct]
    """What a line of the file is (`pos.core.base.events`): it is read with that declaration, strictly."""
    text: tuple[str, ...]
    """Text fields, dictionary-encoded; null is code -1."""
    ints: tuple[tuple[str, str], ...]
    """Integer fields and their numpy types, each wide enough for what the record's declaration
    allows; `hour` is taken from `ts`."""
    rows: Callable[[Any, int], Iterable[Any]] = _whole_record
    """The rows a record gives, from the record and its index among the file's records read: itself,
    or (order lines) one per part of it."""

    @functools.cached_property
    def dtype(self) -> np.dtype[Any]:
        return np.dtype([(name, "<i4") for name in self.text] + list(self.ints))

    @property
    def table(self) -> str:
        """The log files it is read from: `prompts` or `orders`."""
        return "prompts" if self.record is PromptEvent else "orders"

    @functools.cached_property
    def int_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.ints)

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        """Every field, text then integers, in the order the cache keeps them."""
        return self.text + self.int_names

    def wanted(self, needed: Collection[str] | None) -> tuple[str, ...]:
        """The fields of `needed` (all when None), or all when it names none of them: columns with no
        field would not know how many rows they have."""
        return tuple(name for name in self.names if needed is None or name in needed) or self.names


PROMPT_SCHEMA = Schema(
    PromptEvent,
    text=(
        "store",
        "store_id",
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
        "code",
        "rule",
    ),
    ints=(
        ("hour", "<i1"),
        ("variant", "<i2"),
        ("delta", "<i8"),
        ("response_ms", "<i4"),
        ("seq", "<i4"),
        ("heard", "<i4"),
        ("revisit", "<i1"),
        ("order_key", "<i8"),
    ),
)
"""`template`: a version 1 event's is its pitch. `code`: an after-sale event's receipt code; null
for every other event. `rule` and `heard` (v3): null and 0 for an older event, which the report
derives them for (`pos.core.analytics.rule_column`, `pos/sql/events.sql`). `store_id` (v3): null for a
record written before version 3, which takes its folder's (`pos.core.analytics.log_tables`)."""
ORDER_SCHEMA = Schema(
    OrderRecord,
    text=("store", "store_id", "terminal", "cashier", "mode", "status", "order"),
    ints=(("hour", "<i1"), ("subtotal", "<i8"), ("total", "<i8"), ("v2", "<i1"), ("order_key", "<i8")),
)
"""`v2` is 1 for a record with `voided_lines`, whose lines say what each prompt added. `order_key`:
the order id's hash, its store mixed in when read (`pos.core.analytics.order_keys`)."""


class PromptedLine(msgspec.Struct, frozen=True, gc=False):
    """A line that a prompt added or changed, a row of `LINE_SCHEMA`."""

    store_id: str | None
    order: str
    prompt: int
    added: int
    part: int
    voided: int
    order_rid: int


def _prompted_lines(record: OrderRecord, index: int) -> list[PromptedLine]:
    """Every line a prompt added or changed, a meal's components among them: those kept, then
    those voided before payment (a version 1 record has none)."""
    voided = record.voided_lines or []
    every = [(line, prompt, 0) for line in record.every_line if (prompt := line.prompt) is not None] + [
        (line, prompt, 1)
        for line in [*voided, *(part for line in voided for part in line.components or [])]
        if (prompt := line.prompt) is not None
    ]
    store_id, order = record.store_id, record.order
    return [
        PromptedLine(store_id, order, prompt, line.added, part, was_voided, index)
        for part, (line, prompt, was_voided) in enumerate(every, start=1)
    ]


LINE_SCHEMA = Schema(
    OrderRecord,
    text=("store_id", "order"),
    ints=(
        ("prompt", "<i4"),
        ("added", "<i8"),
        ("part", "<i4"),
        ("voided", "<i1"),
        ("order_key", "<i8"),
        ("order_rid", "<i8"),
    ),
    rows=_prompted_lines,
)
"""Each line of an order that a prompt added or changed (spec v2), kept or (`voided` 1) voided before
payment: the join of orders to prompts, and what holds a redeemed code (`pos.core.analytics.held_redemptions`).
`part` numbers them within their record: one prompt may name several (two meals made of a line of 2).
`order_rid`: the row of its record among the order records read with it (`ORDER_SCHEMA`'s, in the same
order: `merged` keeps it so), what the report's SQL joins a line to its record by."""


class PaidItem(msgspec.Struct, frozen=True, gc=False):
    """An item a paid order ended with, a row of `ITEM_SCHEMA`."""

    store_id: str | None
    order: str
    code: str
    size: str | None


def _paid_items(record: OrderRecord, index: int) -> list[PaidItem]:
    """What a paid order ended with: each line's item and size, a meal and its components too."""
    if record.status != "paid":
        return []
    store_id, order = record.store_id, record.order
    return [PaidItem(store_id, order, line.code, line.size) for line in record.every_line]


ITEM_SCHEMA = Schema(
    OrderRecord,
    text=("store_id", "order", "code", "size"),
    ints=(("order_key", "<i8"),),
    rows=_paid_items,
)
"""Each item a paid order ended with: whether a chance's offer was taken, prompted or not (the lift)."""


@dataclass
class FileColumns:
    """One log file's records as columns."""

    fields: dict[str, npt.NDArray[Any]]
    """Each field's column, all of one length. Read back from the cache for a report, only the
    fields it needs."""
    values: dict[str, list[str]] = field(default_factory=dict)
    """Each text field's dictionary: code -> value."""
    consumed: int = 0
    """Bytes of the log file these columns hold (up to the end of a complete line)."""
    skipped: list[int] = field(default_factory=list)
    """Line numbers of records that could not be read."""
    lines: int = 0
    records: int = 0
    """Records read (each a row of `ORDER_SCHEMA` or `PROMPT_SCHEMA`): what the next part's
    `order_rid` starts after when parts are merged."""
    damaged: int | None = None
    """Where a line longer than any record begins, just past `consumed`: damage, where reading
    stops (found by each read, not cached)."""

    @classmethod
    def empty(cls, schema: Schema) -> FileColumns:
        zeros = np.zeros(0, schema.dtype)
        return cls({name: zeros[name].copy() for name in schema.names}, {name: [] for name in schema.text})

    def __len__(self) -> int:
        return len(next(iter(self.fields.values()), ()))


def read_log(
    handle: IO[bytes], schemas: tuple[Schema, ...]
) -> tuple[list[FileColumns], list[tuple[int, bytes]]]:
    """A log file's rows of each of `schemas` (all of one record), each line decoded once, up to any
    line longer than a record (`damaged`); and the records that could not be read (`decoder`: a
    value the spec does not allow, a field missing), with their line numbers. An unfinished last
    line waits for its writer."""
    found = read_records(handle, decoder(schemas[0].record).decode)
    skipped = [line_number for line_number, _ in found.bad]
    return [
        FileColumns(
            *_columns(_rows(found.records, schema), schema),
            found.consumed,
            skipped,
            found.lines,
            len(found.records),
            found.damaged,
        )
        for schema in schemas
    ], found.bad


@dataclass
class Records:
    """A log file's records, as `read_records` found them."""

    records: list[Any]
    bad: list[tuple[int, bytes]]
    """The lines that are no record the spec allows, with their numbers."""
    consumed: int
    """Bytes read: up to the end of the last complete line, or of the last line before damage."""
    lines: int
    damaged: int | None
    """Where a line longer than any record begins: damage, where reading stopped."""


def read_records(handle: IO[bytes], read: Callable[[bytes], Any]) -> Records:
    """Every record of the file (`read`: its kind's `decoder`), in one go when each of its lines is
    one the spec allows: each line decoded by msgspec with no Python between lines. A file larger
    than `WHOLE_AT_MOST`, or with a line that is not such a record (refused, blank, longer than any
    record, unfinished), is read a line at a time, which names each."""
    size = handle.seek(0, os.SEEK_END)
    if size <= WHOLE_AT_MOST:
        handle.seek(0)
        data = handle.read(size)
        each_line = data.split(b"\n")[:-1]
        complete = data.endswith(b"\n") or not data  # an unfinished last line waits for its writer
        if complete and max(map(len, each_line), default=0) <= MAX_LINE:
            try:
                return Records(list(map(read, each_line)), [], len(data), len(each_line), None)
            except (msgspec.ValidationError, msgspec.DecodeError):
                pass
    return _line_by_line(handle, read)


def _line_by_line(handle: IO[bytes], read: Callable[[bytes], Any]) -> Records:
    """The file read a line at a time, up to any line longer than a record."""
    found = Records([], [], 0, 0, None)
    for end, line in lines(handle, 0):
        if line is None:
            found.damaged = end
            break
        found.consumed = end
        found.lines += 1
        try:
            found.records.append(read(line))
        except (msgspec.ValidationError, msgspec.DecodeError):
            found.bad.append((found.lines, line))
    return found


def _rows(records: list[Any], schema: Schema) -> list[Any]:
    """The rows the records give, each with its index among them (`Schema.rows`)."""
    if schema.rows is _whole_record:
        return records
    return [row for index, record in enumerate(records) for row in schema.rows(record, index)]


def _columns(rows: list[Any], schema: Schema) -> tuple[dict[str, npt.NDArray[Any]], dict[str, list[str]]]:
    """The rows' fields as columns, a field at a time; text dictionary-encoded in the order first seen."""
    fields: dict[str, npt.NDArray[Any]] = {}
    values: dict[str, list[str]] = {}
    count = len(rows)
    for name in schema.text:
        if name == "template":
            column = [row.wording for row in rows]
        elif name == "code":  # left out of an event other than an after-sale one: null
            column = [None if value is UNSET else value for value in map(attrgetter(name), rows)]
        else:
            column = list(map(attrgetter(name), rows))
        known = dict.fromkeys(column)
        known.pop(None, None)
        code: dict[Any, int] = {value: number for number, value in enumerate(known)}
        code[None] = NULL
        fields[name] = np.fromiter(map(code.__getitem__, column), dtype=np.int32, count=count)
        values[name] = [str(value) for value in known]
    for name, kind in schema.ints:
        if name == "hour":  # the declaration holds it to 00-23
            numbers: Iterable[int] = (int(ts[11:13]) for ts in map(attrgetter("ts"), rows))
        elif name == "v2":
            numbers = (voided is not UNSET for voided in map(attrgetter("voided_lines"), rows))
        elif name == "revisit":
            numbers = (revisit is True for revisit in map(attrgetter("revisit"), rows))
        elif name == "order_key":
            fields[name] = _order_keys(rows, fields.get("order"), values.get("order"))
            continue
        else:
            numbers = map(attrgetter(name), rows)
        fields[name] = np.fromiter(numbers, dtype=kind, count=count)
    return fields, values


def _order_keys(
    rows: list[Any], codes: npt.NDArray[np.int32] | None, known: list[str] | None
) -> npt.NDArray[np.int64]:
    """Each row's order key (`order_keys`): from the order column's dictionary (`codes`, `known`)
    where the rows have one, each order id hashed once however many rows name it."""
    if codes is None or known is None:
        return order_keys(list(map(attrgetter("order"), rows)))
    if (codes == NULL).any():
        raise TypeError("order")
    return order_keys(known)[codes]


def merged(parts: list[FileColumns], schema: Schema, needed: Collection[str] | None = None) -> FileColumns:
    """The `needed` fields of the parts' rows, one part after another, with one dictionary per text
    field (its values in the order first seen), and each `order_rid` counted from the first part's
    first record. Each part's column is let go once copied, so the rows are never held twice."""
    rows = sum(len(part) for part in parts)
    result = FileColumns({}, {}, records=sum(part.records for part in parts))
    for name in schema.wanted(needed):
        if name == "order_rid":
            first = 0
            offset = []
            for part in parts:
                offset.append(part.fields.pop(name) + first)
                first += part.records
            result.fields[name] = np.concatenate(offset or [np.zeros(0, np.int64)])
            continue
        if name not in schema.text:
            result.fields[name] = np.concatenate(
                [part.fields.pop(name) for part in parts] or [np.zeros(0, schema.dtype[name])]
            ).astype(schema.dtype[name], copy=False)
            continue
        known = list(dict.fromkeys(value for part in parts for value in part.values[name]))
        code = {value: number for number, value in enumerate(known)}
        coded = np.empty(rows, np.int32)
        start = 0
        for part in parts:
            column = part.fields.pop(name)
            # each part's codes to the merged ones, with null (-1) in the last slot, where index -1 finds it
            lookup = np.array([*map(code.__getitem__, part.values[name]), NULL], dtype=np.int32)
            np.take(lookup, column, out=coded[start : start + len(column)])
            start += len(column)
        result.values[name], result.fields[name] = known, coded
    return result
