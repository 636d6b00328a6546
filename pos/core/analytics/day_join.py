"""The report's join (`pos.core.analytics.report_join`) kept with each closed day's Parquet, so a report
joins again only the orders it must.

The join is order by order: what a prompt counts and adds depends only on its order's records. A
closed day's records are joined on their own when the day is compacted, and what that gives each
prompt (counted or a repeat, its `seq`, `added`, `heard` and `declined_before`) and each order record
(counted or a repeat) is kept beside them. A report takes those for every order whose records are
all in one closed day of one data folder (a part, `EventTable.part`), and joins again, with all its
records, an order that is also in another part (across midnight, written again on another day),
one in an open day, and one whose money was given back after its receipt (a refund approved later).
A day holding a record written before version 3 (no store id: its folder's is known only when read)
keeps nothing, and is joined at each report.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import numpy.typing as npt

from pos.core.analytics.columns import (
    LINE_SCHEMA,
    NULL,
    ORDER_SCHEMA,
    PROMPT_SCHEMA,
    FileColumns,
    Schema,
)
from pos.core.analytics.event_table import EventTable, from_parts
from pos.core.analytics.report_join import Counted, join
from pos.core.base.events import OrderRecord, PromptEvent

UNKNOWN = -1
"""`joined` of a row whose join is not kept: read from an open day, or from a day that keeps none."""
JOINED_PROMPTS = Schema(
    PromptEvent,
    text=(),
    ints=(
        ("joined", "<i1"),
        ("joined_seq", "<i4"),
        ("joined_added", "<i8"),
        ("joined_heard", "<i4"),
        ("joined_declined", "<i4"),
    ),
)
"""Each prompt event's row of its day joined on its own: `joined` 1 counted, 0 a repeat, and what
the join derived (`pos/sql/events.sql`)."""
JOINED_ORDERS = Schema(OrderRecord, text=(), ints=(("joined", "<i1"),))
"""Each order record's: `joined` 1 counted, 0 a repeat."""
DERIVED = (
    ("seq", "joined_seq"),
    ("added", "joined_added"),
    ("heard", "joined_heard"),
    ("declined_before", "joined_declined"),
)


_JOIN_TEXT = ("store_id", "outcome", "status")
"""The text the join reads (`pos.core.analytics.report_join`), and the store id each order's key names."""


def days_joined(days: list[dict[Schema, FileColumns]]) -> list[dict[Schema, FileColumns]]:
    """What the join makes of each day's rows (of `PROMPT_SCHEMA`, `ORDER_SCHEMA` and `LINE_SCHEMA`,
    every field of each) on their own, as the rows of `JOINED_PROMPTS` and `JOINED_ORDERS`; all
    `UNKNOWN` for a day with a record that carries no store id. The days are joined in one query,
    each a part of its own (so no order of one day meets another's): a query a day cost about 30 ms
    whatever its size."""
    found = [
        {
            JOINED_PROMPTS: unknown(JOINED_PROMPTS, len(day[PROMPT_SCHEMA])),
            JOINED_ORDERS: unknown(JOINED_ORDERS, len(day[ORDER_SCHEMA])),
        }
        for day in days
    ]
    known = [
        index
        for index, day in enumerate(days)
        if not any((day[schema].fields["store_id"] == NULL).any() for schema in (PROMPT_SCHEMA, ORDER_SCHEMA))
    ]
    if not known:
        return found
    prompts, orders, lines = (
        _table([days[index][schema] for index in known], schema)
        for schema in (PROMPT_SCHEMA, ORDER_SCHEMA, LINE_SCHEMA)
    )
    counted = join(prompts, orders, lines, fatigue=True, apart=True)
    prompts_end = np.cumsum([len(days[index][PROMPT_SCHEMA]) for index in known])
    orders_end = np.cumsum([len(days[index][ORDER_SCHEMA]) for index in known])
    for index, prompt_end, order_end in zip(known, prompts_end, orders_end, strict=True):
        its_prompts = slice(prompt_end - len(days[index][PROMPT_SCHEMA]), prompt_end)
        its_orders = slice(order_end - len(days[index][ORDER_SCHEMA]), order_end)
        derived = {kept: prompts.ints[name][its_prompts] for name, kept in DERIVED}
        found[index] = {
            JOINED_PROMPTS: FileColumns({"joined": counted.prompts[its_prompts].astype(np.int8), **derived}),
            JOINED_ORDERS: FileColumns({"joined": counted.orders[its_orders].astype(np.int8)}),
        }
    return found


def part_rows(schema: Schema, rows: dict[Schema, FileColumns], records: int) -> FileColumns:
    """A part's rows of `schema`, of its `records` records; for a join not kept (an open day's), all
    `UNKNOWN`. A kept join has a row a record: a day's Parquet is trusted only so
    (`pos.core.analytics.day_parquet.ONE_A_RECORD`)."""
    return rows[schema] if schema in rows else unknown(schema, records)


def unknown(schema: Schema, count: int) -> FileColumns:
    """`count` rows of `schema` whose join is not kept."""
    zeros = np.zeros(count, schema.dtype)
    rows = FileColumns({name: zeros[name].copy() for name in schema.names}, records=count)
    rows.fields["joined"].fill(UNKNOWN)
    return rows


def _table(days: list[FileColumns], schema: Schema) -> EventTable:
    """The days' rows of `schema` as the join takes them, one after another, each day its own part,
    each order's key naming its store."""
    names = (*(name for name in _JOIN_TEXT if name in schema.text), *schema.int_names)
    parts = [FileColumns(dict(rows.fields), rows.values, records=rows.records) for rows in days]
    part = np.repeat(np.arange(len(days), dtype=np.int32), [len(day) for day in days])
    # the copies' columns are taken, not the day's own
    return from_parts(parts, schema, names, np.zeros(len(part), np.int32), part, [""], [])


def joined(
    tables: tuple[EventTable, EventTable, EventTable],
    kept: tuple[EventTable, EventTable],
    fatigue: bool,
    subtotal: npt.NDArray[np.int64] | None = None,
    given_back: npt.NDArray[np.bool_] | None = None,
) -> Counted:
    """`join` of the prompts, orders and lines (`tables`), taking from `kept` (the rows of
    `JOINED_PROMPTS` and `JOINED_ORDERS` read with them) what their days' own joins found for each
    order that is in one part alone and gave nothing back; the other orders joined again."""
    prompts, orders, lines = tables
    again = _again(prompts, orders, lines, kept, subtotal, given_back)
    redo_prompts = np.isin(prompts.ints["order_key"], again)
    redo_orders = np.isin(orders.ints["order_key"], again)
    redo_lines = redo_orders[lines.ints["order_rid"]]
    some_lines = lines.select(redo_lines)
    # each line's record among those joined again: a new table, as `select` may hand back `lines`
    renumbered = (np.cumsum(redo_orders) - 1)[some_lines.ints["order_rid"]]
    some_lines = dataclasses.replace(some_lines, ints={**some_lines.ints, "order_rid": renumbered})
    some = prompts.select(redo_prompts)
    counted = join(
        some,
        orders.select(redo_orders),
        some_lines,
        fatigue,
        None if subtotal is None else subtotal[redo_orders],
        None if given_back is None else given_back[redo_lines],
    )
    kept_prompts, kept_orders = kept
    prompts.day = prompts.day.copy()
    prompts.day[redo_prompts] = some.day
    for name, kept_name in DERIVED if fatigue else DERIVED[:-1]:
        column = kept_prompts.ints[kept_name].copy()
        column[redo_prompts] = some.ints[name]
        prompts.ints[name] = column
    return Counted(
        _counted(kept_prompts, redo_prompts, counted.prompts),
        _counted(kept_orders, redo_orders, counted.orders),
    )


def _counted(
    kept: EventTable, redone: npt.NDArray[np.bool_], found: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    counted: npt.NDArray[np.bool_] = kept.ints["joined"] == 1
    counted[redone] = found
    return counted


def _again(
    prompts: EventTable,
    orders: EventTable,
    lines: EventTable,
    kept: tuple[EventTable, EventTable],
    subtotal: npt.NDArray[np.int64] | None,
    given_back: npt.NDArray[np.bool_] | None,
) -> npt.NDArray[np.int64]:
    """The keys of the orders to join again: those with a record whose join is not kept or was
    kept by another compaction of its day than its order's, those in more than one part, and those
    whose money was given back after the receipt."""
    keys = [prompts.ints["order_key"], orders.ints["order_key"]]
    parts = [prompts.part, orders.part]
    unknown_keys = [key[table.ints["joined"] == UNKNOWN] for key, table in zip(keys, kept, strict=True)]
    # a day's prompts and orders compacted apart (a record written into it between their reads)
    stamps = kept[1].stamps
    apart = [part for part, stamp in kept[0].stamps.items() if stamps.get(part, stamp) != stamp]
    if apart:
        unknown_keys += [key[np.isin(part, apart)] for key, part in zip(keys, parts, strict=True)]
    changed = np.zeros(len(orders), dtype=bool)
    if subtotal is not None:
        changed |= subtotal != orders.ints["subtotal"]
    if given_back is not None:
        changed[lines.ints["order_rid"][given_back]] = True
    return np.unique(
        np.concatenate(
            [
                *unknown_keys,
                orders.ints["order_key"][changed],
                _spread(np.concatenate(keys), np.concatenate(parts)),
            ]
        )
    )


def _spread(keys: npt.NDArray[np.int64], parts: npt.NDArray[np.int32]) -> npt.NDArray[np.int64]:
    """The keys found in more than one part: in key order, the runs of one key whose parts differ."""
    if not len(keys):
        return keys
    order = np.argsort(keys)
    keys, parts = keys[order], parts[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    spread = np.maximum.reduceat(parts, starts) != np.minimum.reduceat(parts, starts)
    found: npt.NDArray[np.int64] = keys[starts[spread]]
    return found
