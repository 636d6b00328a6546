"""`pos export`: a data folder's log as Parquet, for a chain's warehouse (DuckDB, Spark, Trino, BigQuery).

Four tables, each Hive-partitioned by store id and day
(`prompts/store_id=V84BRVY7PG/day=2026-11-23/part-HASH.parquet`, HASH the exporting folder's), so
a chain's stores' exports copied into one folder or bucket never collide and read as one dataset:
`prompts` (the spec's prompt event fields; `rule` and `heard` derived for an older event, as
the reports derive them), `orders` (an order record without its
lines, and `v2`: whether it says what each prompt kept), `order_lines` (every
kept and voided line with its order's store, order, status and mode) and `order_tenders` (each
tender of an order, `kind` and `amount`, with the same of its order's; an older record's `tendered`
as one cash tender, as `OrderRecord.paid_by` reads it). Every row carries
`store_id` (a record written before version 3 takes its folder's, as the reports give it), so
a chain's exports read together keep its stores, and their orders, apart, and `currency`
(`pos.core.analytics.record_currencies`), so their money is never added up across currencies. `ts` is an
instant (a timestamp with time zone, UTC), `ts_local` the text logged: the local time and its
offset, which a timestamp column does not keep. Records are
checked as the reports check them: what the reports leave out (a value the spec
does not allow, a record written twice) is left out here too, and named.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import msgspec
from msgspec import inspect

import pos.core.selling.prompt_kinds  # noqa: F401  (a built-in kind's events read back: events.log_kind)
from pos.core.analytics.columns import ORDER_SCHEMA
from pos.core.analytics.event_table import load_table
from pos.core.analytics.log_records import counted_records
from pos.core.analytics.record_currencies import RecordCurrencies
from pos.core.base.events import (
    ASKED_OUTCOMES,
    LineRecord,
    OrderRecord,
    Outcome,
    PromptEvent,
    Tender,
)
from pos.core.base.files import make_folder, open_regular
from pos.core.log.log_layout import LogFiles, log_files
from pos.core.selling.rule_ids import event_rule_id

if TYPE_CHECKING:
    import pyarrow as pa

DERIVED: dict[str, list[tuple[str, str]]] = {
    "ts": [("ts", "timestamp"), ("ts_local", "string")],
    "store_id": [("store_id", "string"), ("currency", "string")],
}
"""The columns a record's field is exported as where it is not one column of its own type: `ts` an
instant (a timestamp with time zone, UTC) and `ts_local` the text logged, whose offset a timestamp
loses; after `store_id`, the `currency` the record was sold in (`pos.core.analytics.record_currencies`)."""


def columns_of(record: type[msgspec.Struct]) -> list[tuple[str, str]]:
    """A record's fields as typed columns, from its one declaration (`pos.core.base.events`): text, an
    integer as wide as the declaration allows, a number (a learned choice's `propensity`) or a flag,
    and the columns `DERIVED` from a field; a list or a record within it (an order's lines, a learned
    choice's candidates and context) is left out."""
    found = []
    for column in inspect.type_info(record).fields:  # type: ignore[attr-defined]
        kinds = column.type.types if isinstance(column.type, inspect.UnionType) else (column.type,)
        (kind,) = (kind for kind in kinds if not isinstance(kind, inspect.NoneType))
        if isinstance(kind, inspect.ListType | inspect.VarTupleType | inspect.StructType):
            continue
        if isinstance(kind, inspect.IntType):
            typed = "int32" if (kind.le or 2**63) < 2**31 else "int64"
        elif isinstance(kind, inspect.FloatType):
            typed = "double"
        else:
            typed = "bool" if isinstance(kind, inspect.BoolType) else "string"
        found += DERIVED.get(column.name, [(column.name, typed)])
    return found


RID = ("rid", "int64")
"""A record's place in the store's log as exported (its file's day, terminal, line): what tells the
first of a record written twice, and a version 1 prompt's place in its order (`pos/sql/events.sql`)."""
PROMPT_FIELDS = [*columns_of(PromptEvent), RID]
ORDER_FIELDS = [*columns_of(OrderRecord), ("v2", "bool"), RID]
OF_ORDER = ("store", "store_id", "currency", "terminal", "mode", "order", "status")
"""What an order line's row takes from its order's."""
LINE_FIELDS = [
    *((name, kind) for name, kind in ORDER_FIELDS if name in OF_ORDER),
    ("voided", "bool"),
    *columns_of(LineRecord),
    ("part_of", "string"),
    RID,
    ("order_rid", "int64"),
]
"""`part_of`: for a meal's component, the meal's code (the meal is a line of its own); `order_rid`:
the `rid` of the order record it is in."""
TENDER_FIELDS = [
    *((name, kind) for name, kind in ORDER_FIELDS if name in OF_ORDER),
    *columns_of(Tender),
    RID,
    ("order_rid", "int64"),
]
"""A paid order's tenders (`OrderRecord.paid_by`: an older record's `tendered` as one cash tender)."""


@dataclass
class Exported:
    rows: dict[str, int] = field(
        default_factory=lambda: {"prompts": 0, "orders": 0, "order_lines": 0, "order_tenders": 0}
    )
    days: int = 0
    notices: list[str] = field(default_factory=list)
    no_offset: int = 0
    """Records whose `ts` names no UTC offset: their `ts` is null, `ts_local` as logged."""


def export_parquet(data_dir: Path, output: Path, start: date | None, until: date | None) -> Exported:
    # As the report: an order across midnight counts on its record's day, so the prompts of the day
    # before the range may count in it, and those of its last day may not.
    margin = timedelta(days=1)
    layout = log_files(data_dir, start and start - margin, until and until + margin)
    result = Exported(notices=layout.notices)
    seen: set[tuple[str, ...]] = set()
    rids = itertools.count(1)
    # each data folder's files of its own: two folders of one store id copied into one bucket never
    # overwrite each other's (a warehouse refuses what it cannot tell apart)
    name = f"part-{hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:12]}.parquet"
    heard = _Heard()
    folder_id = layout.store_ids[data_dir]
    order_days = _order_days(layout) if start or until else {}
    currencies = RecordCurrencies(layout)
    for day in layout.days:
        heard.next_day()
        inside = (start is None or day >= start.isoformat()) and (until is None or day <= until.isoformat())
        said = result if inside else Exported()  # the margins' records are named by their own export
        prompts = []
        for record in counted_records(
            layout.files(day, "prompts"), PromptEvent, folder_id, seen, said.notices
        ):
            # every prompt of its order counts towards `heard`
            row = _prompt(record, heard) | {"rid": next(rids)}
            counted_on = order_days.get((record["store_id"], record["order"]), day)
            if (start is None or counted_on >= start.isoformat()) and (
                until is None or counted_on <= until.isoformat()
            ):
                prompts.append(_stamped(row, record, currencies.of(*_whose(record, day)), result))
        orders, order_lines, order_tenders = [], [], []
        for record in counted_records(
            layout.files(day, "orders"), OrderRecord, folder_id, seen, said.notices
        ):
            if not inside:
                continue
            row = {name: record.get(name) for name, _ in ORDER_FIELDS}
            row |= {"v2": "voided_lines" in record, "rid": next(rids)}
            orders.append(_stamped(row, record, currencies.of(*_whose(record, day)), result))
            order_lines += [line | {"rid": next(rids)} for line in _lines(record, orders[-1])]
            order_tenders += [tender | {"rid": next(rids)} for tender in _tenders(record, orders[-1])]
        for table, rows, fields in (
            ("prompts", prompts, PROMPT_FIELDS),
            ("orders", orders, ORDER_FIELDS),
            ("order_lines", order_lines, LINE_FIELDS),
            ("order_tenders", order_tenders, TENDER_FIELDS),
        ):
            result.rows[table] += _write_day(output / table, day, name, rows, fields)
        result.days += inside
    result.notices += currencies.notices
    if result.no_offset:
        result.notices.append(
            f"{result.no_offset} record(s) whose ts names no UTC offset: their ts is null, ts_local as logged"
        )
    return result


def _write_day(
    folder: Path, day: str, name: str, rows: list[dict[str, Any]], fields: list[tuple[str, str]]
) -> int:
    """A table's rows of one day, a part file per store; how many."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for store, store_rows in _by_store(rows).items():
        part = make_folder(folder / partition(store) / f"day={day}") / name
        # owner-only, as in the data folder: the prompts carry receipts' codes
        with os.fdopen(open_regular(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), "wb") as handle:
            pq.write_table(pa.Table.from_pylist(store_rows, schema=_schema(pa, fields)), handle)
    return len(rows)


def partition(store_id: str) -> str:
    """The folder of a store's rows: `store_id=` and the id escaped as Hive, DuckDB, pyarrow and Spark
    read it (%XX for all but letters, digits and `_.-~`), so an older record's id, its folder's path,
    stays one folder inside the table's. Not `store=`: that is the store's name, a column of every
    table, which a partition of that name would hide."""
    return f"store_id={quote(store_id, safe='')}"


def _by_store(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    stores: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        stores.setdefault(row["store_id"], []).append(row)
    return stores


def _whose(record: dict[str, Any], day: str) -> tuple[str, str, str]:
    """A record's store id, its file's day and its terminal: what its currency is looked up by."""
    return record["store_id"], day, record["terminal"]


def _stamped(
    row: dict[str, Any], record: dict[str, Any], currency: str | None, result: Exported
) -> dict[str, Any]:
    """`row` with its record's instant, its local time as logged, and its currency."""
    try:
        instant: datetime | None = datetime.fromisoformat(record["ts"])
    except ValueError:  # the reports read its hour alone: YYYY-MM-DDTHH:...
        instant = None
    if instant is not None and instant.tzinfo is None:
        instant = None
    result.no_offset += instant is None
    return {**row, "ts": instant, "ts_local": record["ts"], "currency": currency}


def _order_days(layout: LogFiles) -> dict[tuple[str, str], str]:
    """The day of each order's record (its first) in the log's days, by store id and order id."""
    orders = load_table("orders", ORDER_SCHEMA, layout, {"order", "store_id"})
    stores, ids = orders.values["store_id"], orders.values["order"]
    days: dict[tuple[str, str], str] = {}
    for store, order, day in zip(
        orders.text["store_id"].tolist(), orders.text["order"].tolist(), orders.day.tolist(), strict=True
    ):
        days.setdefault((stores[store], ids[order]), orders.days[day])
    return days


def _schema(pa: Any, fields: list[tuple[str, str]]) -> pa.Schema:
    types = {
        "string": pa.string(),
        "int32": pa.int32(),
        "int64": pa.int64(),
        "bool": pa.bool_(),
        "double": pa.float64(),
        "timestamp": pa.timestamp("ms", tz="UTC"),  # the spec's ts: to the millisecond
    }
    return pa.schema([(name, types[kind]) for name, kind in fields])


def _prompt(record: dict[str, Any], heard: _Heard) -> dict[str, Any]:
    row = {name: record.get(name) for name, _ in PROMPT_FIELDS}
    row["seq"] = record["seq"] or None  # a version 1 event has none
    row["revisit"] = bool(record.get("revisit", False))
    if record["rule"] is None:
        row["rule"] = event_rule_id(record["kind"], record["trigger"], record["offer"], record["size"])
    row["heard"] = heard.of(record)
    return row


class _Heard:
    """`heard` for an event that logged none (versions 1 and 2): one more than the prompts asked
    before it in its order, for a prompt shown, else 0; counted in the order the log keeps an
    order's events (its `seq` order). An order's events span at most two days (across midnight):
    the counts of the day before are kept, no older ones."""

    def __init__(self) -> None:
        self._today: dict[tuple[str, str], int] = {}
        self._before: dict[tuple[str, str], int] = {}

    def next_day(self) -> None:
        self._before, self._today = self._today, {}

    def of(self, record: dict[str, Any]) -> int:
        key = (record["store_id"], record["order"])
        asked = self._today.get(key, self._before.get(key, 0))
        self._today[key] = asked + (record["outcome"] in (Outcome.ACCEPTED, Outcome.DECLINED))
        if record["rule"] is not None:  # a version 3 event logs its own
            return int(record["heard"])
        return asked + 1 if record["outcome"] in ASKED_OUTCOMES else 0


def _lines(record: dict[str, Any], order: dict[str, Any]) -> list[dict[str, Any]]:
    """The order record's kept lines, then its voided ones, each followed by its meal's components,
    as rows that take `OF_ORDER` from the order's row."""
    of_order = {name: order[name] for name in OF_ORDER} | {"order_rid": order["rid"]}
    rows = []
    for voided, key in ((False, "lines"), (True, "voided_lines")):
        for line in record.get(key) or []:
            for part, part_of in [
                (line, None),
                *((part, line["code"]) for part in line.get("components") or []),
            ]:
                rows.append(
                    {
                        **{name: part.get(name) for name, _ in LINE_FIELDS},
                        **of_order,
                        "voided": voided,
                        "part_of": part_of,
                        **({} if order["v2"] else {"added": None}),  # a version 1 line says nothing of it
                    }
                )
    return rows


def _tenders(record: dict[str, Any], order: dict[str, Any]) -> list[dict[str, Any]]:
    """The order record's tenders, as rows that take `OF_ORDER` from the order's row."""
    of_order = {name: order[name] for name in OF_ORDER} | {"order_rid": order["rid"]}
    return [tender | of_order for tender in record["tenders"]]
