"""A log file's records as columns: what of each record a report reads, checked, in numpy.

Text is dictionary-encoded per file; `pos.core.column_cache` keeps the columns of
each file so a report reads only what was appended since.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from pos.core.bounded_lines import lines
from pos.core.digits import whole_number
from pos.core.events import SPEC_KINDS, Mode, Outcome, Status
from pos.core.order_keys import order_keys
from pos.core.store_id import is_store_id

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
    """Values of fields that version 1 records (or most records) lack; a string names the field
    to take instead; None, a null."""
    rows: Callable[[dict[str, Any]], Iterable[Mapping[str, Any]]] = _whole
    """The rows a record gives: itself, or (order lines) one per part of it."""
    name: str = ""
    """Told apart from another schema over the same log files, in the cache's name."""
    sets_aside: bool = True
    """Copies what it cannot read to `set-aside/`; off for a second schema over the same files."""
    money: tuple[str, ...] = ()
    """Integer fields that hold money: 0 to MAX_MONEY, so no sum over a history overflows."""
    choices: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Text fields that hold one of a few values, as the spec spells them (`"accepted"`, not `"Accepted"`)."""
    forms: Mapping[str, Callable[[str], bool]] = field(default_factory=lambda: {"store_id": is_store_id})
    """Text fields whose values have a form: a store id is its file's (`pos.core.store_id`), never a
    name, a padded or lower-case id, or a page of text."""
    nullable: frozenset[str] = frozenset()
    """Text fields that may be null; every other one must be a string."""
    flags: tuple[str, ...] = ()
    """Integer fields written as true or false, or left out for false (`revisit`): kept as 1 or 0."""

    @functools.cached_property
    def dtype(self) -> np.dtype[Any]:
        codes = [(name, "<i4" if name in self.wide else "<i2") for name in self.text]
        return np.dtype(codes + list(self.ints))

    @property
    def int_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.ints)

    @property
    def names(self) -> tuple[str, ...]:
        """Every field, text then integers, in the order the cache keeps them."""
        return self.text + self.int_names


MAX_VALUES = 32767
"""A text field's dictionary in one log file fits its int16 codes."""
MAX_WIDE_VALUES = 2**31 - 1
MAX_MONEY = 10**11
"""Minor units in one record's money field: far above any order, and a billion such records
still sum within int64."""
PROMPT_SCHEMA = Schema(
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
    defaults={"template": "pitch", "seq": 0, "code": None, "rule": None, "heard": 0, "store_id": None},
    flags=("revisit",),
    money=("delta",),
    choices={
        "mode": frozenset(str(mode) for mode in Mode),
        "kind": SPEC_KINDS,
        "outcome": frozenset(str(outcome) for outcome in Outcome),
    },
    nullable=frozenset({"trigger", "size", "daypart", "code", "rule", "store_id"}),
)
"""`code`: an after-sale event's receipt code; left out of every other event. `rule` and `heard`
(v3): null and 0 for an older event, which the report derives them for (`pos.core.rule_column`,
`pos.core.order_join`). `store_id` (v3): null for a record written before version 3, which takes
its folder's (`pos.core.event_table`)."""
ORDER_SCHEMA = Schema(
    text=("store", "store_id", "terminal", "cashier", "mode", "status", "order"),
    ints=(("hour", "<i1"), ("total", "<i8"), ("v2", "<i1"), ("order_key", "<i8")),
    wide=("order",),
    defaults={"store_id": None},
    nullable=frozenset({"store_id"}),
    money=("total",),
    choices={
        "mode": frozenset(str(mode) for mode in Mode),
        "status": frozenset(str(status) for status in Status),
    },
)
"""`v2` is 1 for a record with `voided_lines`, whose lines say what each prompt added. `order_key`:
the order id's hash, its store mixed in when read (`pos.core.order_keys`)."""


def _every_line(record: dict[str, Any], key: str = "lines") -> list[dict[str, Any]]:
    """An order record's lines (or `voided_lines`), then their meals' components."""
    if not isinstance(record[key], list):
        raise TypeError(key)
    return [*record[key], *(part for line in record[key] for part in line.get("components") or [])]


def _prompted_lines(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Every line a prompt added or changed, a meal's components among them: those kept, then
    those voided before payment (a version 1 record has none)."""
    voided = _every_line(record, "voided_lines") if record.get("voided_lines") is not None else []
    every = [(line, 0) for line in _every_line(record)] + [(line, 1) for line in voided]
    prompted = [(line, was_voided) for line, was_voided in every if line.get("prompt") is not None]
    return [
        {
            "store_id": record.get("store_id"),
            "order": record["order"],
            "prompt": line["prompt"],
            "added": line["added"],
            "part": part,
            "voided": was_voided,
        }
        for part, (line, was_voided) in enumerate(prompted, start=1)
    ]


LINE_SCHEMA = Schema(
    text=("store_id", "order"),
    ints=(("prompt", "<i4"), ("added", "<i8"), ("part", "<i4"), ("voided", "<i1"), ("order_key", "<i8")),
    wide=("order",),
    defaults={"store_id": None},
    nullable=frozenset({"store_id"}),
    rows=_prompted_lines,
    money=("added",),
    name="lines",
    sets_aside=False,
)
"""Each line of an order that a prompt added or changed (spec v2), kept or (`voided` 1) voided before
payment: the join of orders to prompts, and what holds a redeemed code (`pos.core.held_redemptions`).
`part` numbers them within their record: one prompt may name several (two meals made of a line of 2)."""


def _paid_items(record: dict[str, Any]) -> list[dict[str, Any]]:
    """What a paid order ended with: each line's item and size, a meal and its components too."""
    if record["status"] != "paid":
        return []
    return [
        {
            "store_id": record.get("store_id"),
            "order": record["order"],
            "code": line["code"],
            "size": line["size"],
        }
        for line in _every_line(record)
    ]


ITEM_SCHEMA = Schema(
    text=("store_id", "order", "code", "size"),
    ints=(("order_key", "<i8"),),
    wide=("order",),
    defaults={"store_id": None},
    rows=_paid_items,
    name="items",
    sets_aside=False,
    nullable=frozenset({"store_id", "size"}),
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
    the records that could not be read, with their line numbers. An unfinished last line waits
    for its writer."""
    bad: list[tuple[int, bytes]] = []
    lookups = {name: {value: code for code, value in enumerate(columns.values[name])} for name in schema.text}
    limits = {name: MAX_WIDE_VALUES if name in schema.wide else MAX_VALUES for name in schema.text}
    bounds = [(name, np.iinfo(np.dtype(kind))) for name, kind in schema.ints]
    new_rows: list[tuple[int, ...]] = []
    ids: list[object] = []
    consumed = columns.consumed
    for end, line in lines(handle, consumed):
        if line is None:
            columns.damaged = end
            break
        consumed = end
        columns.lines += 1
        try:
            records = list(schema.rows(json.loads(line)))
            rows = [_row(record, schema, lookups, limits, bounds, columns.values) for record in records]
            for record in records:
                _check_id(record["order"])
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            columns.skipped.append(columns.lines)
            bad.append((columns.lines, line))
            continue
        new_rows.extend(rows)
        ids.extend(record["order"] for record in records)
    if new_rows:
        added = np.array(new_rows, dtype=schema.dtype)
        added["order_key"] = order_keys(ids)
        for name in schema.names:
            columns.fields[name] = np.concatenate([columns.fields[name], added[name]])
    columns.consumed = consumed
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
            if name not in schema.nullable:
                raise TypeError(name)
            row.append(NULL)
            continue
        lookup = lookups[name]
        code = lookup.get(value)
        if code is None:  # checked once per file and value
            if len(lookup) >= limits[name] or not isinstance(value, str) or not value:
                raise TypeError(name)
            if name in schema.choices and value not in schema.choices[name]:
                raise ValueError(name)
            if name in schema.forms and not schema.forms[name](value):
                raise ValueError(name)
            code = lookup[value] = len(values[name])
            values[name].append(value)
        row.append(code)
    for name, bound in bounds:
        if name == "order_key":  # worked out for all the rows at once, in `extend`
            row.append(0)
            continue
        value = _hour(record["ts"]) if name == "hour" else _field(record, name, schema)
        if type(value) is not int or not max(0, bound.min) <= value <= bound.max:
            raise TypeError(name)  # no count, amount, time or place in an order is below zero
        if name in schema.money and value > MAX_MONEY:
            raise ValueError(name)
        row.append(value)
    return tuple(row)


def _check_id(order: object) -> None:
    """What `order_keys` needs, checked line by line so a bad one is set aside alone."""
    if not isinstance(order, str) or not order:
        raise TypeError("order")


def _hour(ts: object) -> int:
    """The hour of an ISO 8601 local time, YYYY-MM-DDTHH:...; ValueError when it is not one."""
    if not isinstance(ts, str) or len(ts) < 16 or ts[10] != "T" or ts[13] != ":":
        raise ValueError("ts")
    hour = whole_number(ts[11:13])
    if hour is None or not 0 <= hour <= 23:
        raise ValueError("ts")
    return hour


def _field(record: Mapping[str, Any], name: str, schema: Schema) -> Any:
    if name == "v2":
        return int("voided_lines" in record)
    if name in schema.flags:
        flag = record.get(name, False)
        if type(flag) is not bool:
            raise TypeError(name)
        return int(flag)
    if name in record or name not in schema.defaults:
        return record[name]
    default = schema.defaults[name]
    return record[default] if isinstance(default, str) else default
