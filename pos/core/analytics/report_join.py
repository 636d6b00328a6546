"""Prompt events joined to the order records they belong to, each record counted once, by the report's
SQL (`pos/sql/events.sql`): the one join, which a warehouse runs too over `pos export`'s tables.

The report hands it its columns as they are: an order is its `order_key` (its store mixed in, so
every store is `store_id` 0; closed days joined together are each a `store_id` of their own), a day
its index among the days read, a record's `rid` its row.
A record written twice (a file copied back in, a replayed backup) counts once, and the repeats
among the days reported are named in a notice. Version 1 prompts carry no `seq` and cannot be
told from a second prompt of the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from pos.core.analytics import sql
from pos.core.analytics.event_table import EventTable

if TYPE_CHECKING:
    import pyarrow as pa

Rows = npt.NDArray[np.bool_]

VIEWS = ("counted_prompts", "counted_orders")
"""What `events.sql` reads: the records that count, each once."""


@dataclass(frozen=True)
class Counted:
    """Which rows of the tables joined count: all but a later copy of a record."""

    prompts: Rows
    orders: Rows


def join(
    prompts: EventTable,
    orders: EventTable,
    lines: EventTable,
    fatigue: bool,
    subtotal: npt.NDArray[np.int64] | None = None,
    given_back: Rows | None = None,
    apart: bool = False,
) -> Counted:
    """Gives each prompt event that counts its order's day, its `seq` (a version 1 event's place in
    its order), `added`, `heard` (derived for a version 1 or 2 event) and, with `fatigue`,
    `declined_before`, as `events.sql` says; and says which prompts and order records count.

    The prompts carry `order_key`, `seq`, `delta`, `heard` and `outcome`; the orders `order_key`,
    `status`, `v2` and `subtotal`; the lines (those of the orders' records) `order_rid`, `prompt`,
    `added` and `voided`. `subtotal`: what each order kept before tax, when not its record's (less
    what was given back after the receipt); `given_back`: the lines whose money went back after the
    receipt (`pos.core.analytics.approvals.Approved.taken_back`), which then add nothing. `apart`:
    each part (`EventTable.part`) joined on its own, as a store of its own (closed days joined
    together, `pos.core.analytics.day_join`).
    """
    tables = _tables(prompts, orders, lines, subtotal, given_back, apart)
    derived = ("seq", "added", "heard", *(("declined_before",) if fatigue else ()))
    found, orders_counted = sql.results(
        [("events", ("rid", "day", *derived)), ("counted_orders", ("rid",))], tables, VIEWS
    )
    rid = found["rid"]
    counted = np.zeros(len(prompts), dtype=bool)
    counted[rid] = True
    day = prompts.day.copy()
    day[rid] = found["day"]
    prompts.day = day
    for name in derived:  # a repeat keeps what it logged, for its notice
        column = prompts.ints.get(name, np.zeros(len(prompts), np.int64)).copy()
        column[rid] = found[name]
        prompts.ints[name] = column
    kept = np.zeros(len(orders), dtype=bool)
    kept[orders_counted["rid"]] = True
    return Counted(counted, kept)


def _tables(
    prompts: EventTable,
    orders: EventTable,
    lines: EventTable,
    subtotal: npt.NDArray[np.int64] | None,
    given_back: Rows | None,
    apart: bool,
) -> dict[str, pa.Table]:
    """The tables `events.sql` reads, as `join` takes them."""

    def store_id(table: EventTable) -> npt.NDArray[np.int32] | npt.NDArray[np.int8]:
        return table.part if apart else np.zeros(len(table), np.int8)

    voided = lines.ints["voided"] == 1
    if given_back is not None:
        voided |= given_back
    return {
        "prompts": _table(
            prompts,
            store_id=store_id(prompts),
            order=prompts.ints["order_key"],
            seq=prompts.ints["seq"],
            outcome=_text(prompts, "outcome"),
            delta=prompts.ints["delta"],
            heard=prompts.ints["heard"],
            day=prompts.day,
        ),
        "orders": _table(
            orders,
            store_id=store_id(orders),
            order=orders.ints["order_key"],
            status=_text(orders, "status"),
            v2=orders.ints["v2"] == 1,
            day=orders.day,
            subtotal=orders.ints["subtotal"] if subtotal is None else subtotal,
        ),
        "order_lines": _table(
            lines,
            store_id=store_id(lines),
            order_rid=lines.ints["order_rid"],
            prompt=lines.ints["prompt"],
            added=lines.ints["added"],
            voided=voided,
        ),
    }


def repeats_notice(
    table: EventTable, repeats: Rows, what: str, by_seq: bool, ids: Callable[[], list[str]]
) -> str | None:
    """The notice naming the `repeats` of `table` (`ids`: every record's order id; `by_seq`: a record
    is named by its order and `seq`), or None when there are none."""
    rows = np.flatnonzero(repeats)
    if not len(rows):
        return None
    order_ids = ids()
    named = [
        order_ids[row] + (f" prompt {int(table.ints['seq'][row])}" if by_seq else "") for row in rows[:5]
    ]
    more = " …" if len(rows) > 5 else ""
    return f"{len(rows)} {what} written more than once counted once ({', '.join(named)}{more})"


def _table(rows: EventTable, **columns: npt.NDArray[np.generic] | pa.Array) -> pa.Table:
    """The rows as an Arrow table (`rid` each row's place), DuckDB reading the columns in place."""
    import pyarrow as pa

    return pa.table({"rid": np.arange(len(rows), dtype=np.int64), **columns})


def _text(table: EventTable, name: str) -> pa.DictionaryArray:
    """A text column as its codes and their values, as it is kept (null for none)."""
    import pyarrow as pa

    codes = table.text[name]
    return pa.DictionaryArray.from_arrays(
        pa.array(codes, pa.int32(), mask=codes < 0), pa.array(table.values[name], pa.string())
    )
