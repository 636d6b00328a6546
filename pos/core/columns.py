"""A log file's records as columns: what of each record a report reads, checked, in numpy.

Text is dictionary-encoded per file; `pos.core.column_cache` keeps the columns of
each file so a report reads only what was appended since.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import IO, Any

import msgspec
import numpy as np
import numpy.typing as npt
from msgspec import UNSET

from pos.core.bounded_lines import lines
from pos.core.events import OrderRecord, PromptEvent, decoder
from pos.core.order_keys import order_keys

NULL = -1
"""The code of a null text value."""


def _whole(record: Any) -> Iterable[Any]:
    return (record,)


@dataclass(frozen=True)
class Schema:
    record: type[msgspec.Struct]
    """What a line of the file is (`pos.core.events`): it is read with that declaration, strictly."""
    text: tuple[str, ...]
    """Text fields, dictionary-encoded; null is code -1."""
    ints: tuple[tuple[str, str], ...]
    """Integer fields and their numpy types, each wide enough for what the record's declaration
    allows; `hour` is taken from `ts`."""
    wide: tuple[str, ...] = ()
    """Text fields with more distinct values in a file than int16 codes hold (order ids)."""
    rows: Callable[[Any], Iterable[Any]] = _whole
    """The rows a record gives: itself, or (order lines) one per part of it."""
    name: str = ""
    """Told apart from another schema over the same log files, in the cache's name."""
    sets_aside: bool = True
    """Copies what it cannot read to `set-aside/`; off for a second schema over the same files."""

    @functools.cached_property
    def dtype(self) -> np.dtype[Any]:
        codes = [(name, "<i4" if name in self.wide else "<i2") for name in self.text]
        return np.dtype(codes + list(self.ints))

    @functools.cached_property
    def int_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.ints)

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        """Every field, text then integers, in the order the cache keeps them."""
        return self.text + self.int_names


MAX_VALUES = 32767
"""A text field's dictionary in one log file fits its int16 codes."""
MAX_WIDE_VALUES = 2**31 - 1
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
    wide=("order",),
)
"""`template`: a version 1 event's is its pitch. `code`: an after-sale event's receipt code; null
for every other event. `rule` and `heard` (v3): null and 0 for an older event, which the report
derives them for (`pos.core.rule_column`, `pos.core.order_join`). `store_id` (v3): null for a
record written before version 3, which takes its folder's (`pos.core.event_table`)."""
ORDER_SCHEMA = Schema(
    OrderRecord,
    text=("store", "store_id", "terminal", "cashier", "mode", "status", "order"),
    ints=(("hour", "<i1"), ("total", "<i8"), ("v2", "<i1"), ("order_key", "<i8")),
    wide=("order",),
)
"""`v2` is 1 for a record with `voided_lines`, whose lines say what each prompt added. `order_key`:
the order id's hash, its store mixed in when read (`pos.core.order_keys`)."""


class PromptedLine(msgspec.Struct, frozen=True):
    """A line that a prompt added or changed, a row of `LINE_SCHEMA`."""

    store_id: str | None
    order: str
    prompt: int
    added: int
    part: int
    voided: int


def _prompted_lines(record: OrderRecord) -> list[PromptedLine]:
    """Every line a prompt added or changed, a meal's components among them: those kept, then
    those voided before payment (a version 1 record has none)."""
    voided = record.voided_lines or []
    every = [(line, 0) for line in record.every_line] + [
        (line, 1) for line in [*voided, *(part for line in voided for part in line.components or [])]
    ]
    prompted = [
        (line, prompt, was_voided) for line, was_voided in every if (prompt := line.prompt) is not None
    ]
    return [
        PromptedLine(record.store_id, record.order, prompt, line.added, part, was_voided)
        for part, (line, prompt, was_voided) in enumerate(prompted, start=1)
    ]


LINE_SCHEMA = Schema(
    OrderRecord,
    text=("store_id", "order"),
    ints=(("prompt", "<i4"), ("added", "<i8"), ("part", "<i4"), ("voided", "<i1"), ("order_key", "<i8")),
    wide=("order",),
    rows=_prompted_lines,
    name="lines",
    sets_aside=False,
)
"""Each line of an order that a prompt added or changed (spec v2), kept or (`voided` 1) voided before
payment: the join of orders to prompts, and what holds a redeemed code (`pos.core.held_redemptions`).
`part` numbers them within their record: one prompt may name several (two meals made of a line of 2)."""


class PaidItem(msgspec.Struct, frozen=True):
    """An item a paid order ended with, a row of `ITEM_SCHEMA`."""

    store_id: str | None
    order: str
    code: str
    size: str | None


def _paid_items(record: OrderRecord) -> list[PaidItem]:
    """What a paid order ended with: each line's item and size, a meal and its components too."""
    if record.status != "paid":
        return []
    return [PaidItem(record.store_id, record.order, line.code, line.size) for line in record.every_line]


ITEM_SCHEMA = Schema(
    OrderRecord,
    text=("store_id", "order", "code", "size"),
    ints=(("order_key", "<i8"),),
    wide=("order",),
    rows=_paid_items,
    name="items",
    sets_aside=False,
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
    damaged: int | None = None
    """Where a line longer than any record begins, just past `consumed`: damage, where reading
    stops (found by each read, not cached)."""

    @classmethod
    def empty(cls, schema: Schema) -> FileColumns:
        zeros = np.zeros(0, schema.dtype)
        return cls({name: zeros[name].copy() for name in schema.names}, {name: [] for name in schema.text})

    def __len__(self) -> int:
        return len(next(iter(self.fields.values()), ()))


def extend(columns: FileColumns, handle: IO[bytes], schema: Schema) -> list[tuple[int, bytes]]:
    """Read what was appended, a line at a time, up to any line longer than a record (`damaged`);
    the records that could not be read (`decoder`: a value the spec does not allow, a field
    missing), with their line numbers. An unfinished last line waits for its writer."""
    bad: list[tuple[int, bytes]] = []
    read = decoder(schema.record).decode
    lookups = {name: {value: code for code, value in enumerate(columns.values[name])} for name in schema.text}
    limits = {name: MAX_WIDE_VALUES if name in schema.wide else MAX_VALUES for name in schema.text}
    new_rows: list[tuple[int, ...]] = []
    ids: list[str] = []
    consumed = columns.consumed
    for end, line in lines(handle, consumed):
        if line is None:
            columns.damaged = end
            break
        consumed = end
        columns.lines += 1
        try:
            records = list(schema.rows(read(line)))
            rows = [_row(record, schema, lookups, limits, columns.values) for record in records]
        except (msgspec.ValidationError, msgspec.DecodeError, OverflowError):
            columns.skipped.append(columns.lines)
            bad.append((columns.lines, line))
            continue
        new_rows.extend(rows)
        ids.extend(record.order for record in records)
    if new_rows:
        added = np.array(new_rows, dtype=schema.dtype)
        added["order_key"] = order_keys(ids)
        for name in schema.names:
            columns.fields[name] = np.concatenate([columns.fields[name], added[name]])
    columns.consumed = consumed
    return bad


def _row(
    record: Any,
    schema: Schema,
    lookups: dict[str, dict[str, int]],
    limits: dict[str, int],
    values: dict[str, list[str]],
) -> tuple[int, ...]:
    row = []
    for name in schema.text:
        value = record.wording if name == "template" else getattr(record, name)
        if value is None or value is UNSET:
            row.append(NULL)
            continue
        lookup = lookups[name]
        code = lookup.get(value)
        if code is None:
            if len(lookup) >= limits[name]:
                raise OverflowError(name)
            text = value.value if isinstance(value, Enum) else value
            code = lookup[text] = len(values[name])
            values[name].append(text)
        row.append(code)
    for name in schema.int_names:
        if name == "hour":
            row.append(int(record.ts[11:13]))  # the declaration holds it to 00-23
        elif name == "v2":
            row.append(record.voided_lines is not UNSET)
        elif name == "revisit":
            row.append(record.revisit is True)
        elif name == "order_key":  # worked out for all the rows at once, in `extend`
            row.append(0)
        else:
            row.append(getattr(record, name))
    return tuple(row)
