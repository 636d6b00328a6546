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
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import msgspec
from msgspec import UNSET, inspect

import pos.core.selling.prompt_kinds  # noqa: F401  (a built-in kind's events read back: events.log_kind)
from pos.core.analytics.columns import ORDER_SCHEMA
from pos.core.analytics.log_records import counted
from pos.core.analytics.log_tables import compact_closed, load_table
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


TABLES = {
    "prompts": PROMPT_FIELDS,
    "orders": ORDER_FIELDS,
    "order_lines": LINE_FIELDS,
    "order_tenders": TENDER_FIELDS,
}


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
        rows = _DayRows(day, currencies)
        for record, store_id in counted(
            layout.files(day, "prompts"), PromptEvent, folder_id, seen, said.notices
        ):
            rid, asked = next(rids), heard.of(store_id, record)  # every prompt of its order counts
            counted_on = order_days.get((store_id, record.order), day)
            if (start is None or counted_on >= start.isoformat()) and (
                until is None or counted_on <= until.isoformat()
            ):
                rows.prompt(record, store_id, rid, asked)
        for order, store_id in counted(
            layout.files(day, "orders"), OrderRecord, folder_id, seen, said.notices
        ):
            if inside:
                rows.order(order, store_id, rids)
        for table, found in rows.tables().items():
            result.rows[table] += _write_day(output / table, day, name, found)
        result.no_offset += rows.no_offset
        result.days += inside
    result.notices += currencies.notices
    if result.no_offset:
        result.notices.append(
            f"{result.no_offset} record(s) whose ts names no UTC offset: their ts is null, ts_local as logged"
        )
    return result


class _DayRows:
    """The rows of a day's tables, kept record by record and made into columns a field at a time."""

    def __init__(self, day: str, currencies: RecordCurrencies) -> None:
        self._day = day
        self._currencies = currencies
        self._prompts: list[PromptEvent] = []
        self._orders: list[OrderRecord] = []
        self._stores: dict[str, list[str]] = {"prompts": [], "orders": []}
        self._extra: dict[str, dict[str, list[Any]]] = {
            "prompts": {"rid": [], "heard": []},
            "orders": {"rid": []},
        }
        self._lines: list[tuple[LineRecord, int, int, bool, str | None, int]] = []
        """Each line: its record, `rid`, `order_rid`, `voided`, `part_of` and its order's row."""
        self._tenders: list[tuple[Tender, int, int, int]] = []
        self.no_offset = 0

    def prompt(self, record: PromptEvent, store_id: str, rid: int, heard: int) -> None:
        self._prompts.append(record)
        self._stores["prompts"].append(store_id)
        self._extra["prompts"]["rid"].append(rid)
        self._extra["prompts"]["heard"].append(heard)

    def order(self, record: OrderRecord, store_id: str, rids: Iterator[int]) -> None:
        """The order, then each of its lines (kept, then voided; each followed by its meal's
        components), then each of its tenders, each given the next `rid`."""
        of, order_rid = len(self._orders), next(rids)
        self._orders.append(record)
        self._stores["orders"].append(store_id)
        self._extra["orders"]["rid"].append(order_rid)
        for voided, kept in ((False, record.lines), (True, record.voided_lines or [])):
            for line in kept:
                self._lines.append((line, next(rids), order_rid, voided, None, of))
                for part in line.components or []:
                    self._lines.append((part, next(rids), order_rid, voided, line.code, of))
        for tender in record.paid_by:
            self._tenders.append((tender, next(rids), order_rid, of))

    def tables(self) -> dict[str, pa.Table]:
        """The day's rows of each table (`TABLES`)."""
        prompts = self._fields(PromptEvent, self._prompts, self._stores["prompts"])
        prompts |= _prompt_columns(self._prompts) | self._extra["prompts"]
        orders = self._fields(OrderRecord, self._orders, self._stores["orders"])
        orders["v2"] = [voided is not None for voided in orders["voided_lines"]]  # null: left out
        orders |= self._extra["orders"]
        parts, *line_extra = _transposed(self._lines, 6)
        lines = self._fields(LineRecord, parts, None) | _of_order(
            orders, ("rid", "order_rid", "voided", "part_of"), line_extra
        )
        lines["added"] = [
            added if orders["v2"][at] else None
            for added, at in zip(lines["added"], line_extra[-1], strict=True)
        ]
        paid, *tender_extra = _transposed(self._tenders, 4)
        tenders = self._fields(Tender, paid, None) | _of_order(orders, ("rid", "order_rid"), tender_extra)
        found = {"prompts": prompts, "orders": orders, "order_lines": lines, "order_tenders": tenders}
        return {name: _table(found[name], fields) for name, fields in TABLES.items()}

    def _fields(
        self, kind: type[msgspec.Struct], records: list[Any], stores: list[str] | None
    ) -> dict[str, list[Any]]:
        """Each field of the records of `kind` (null when left out), and with their `stores`: each
        one's instant, its local time as logged and the currency it was sold in."""
        columns = {
            field.name: [None if value is UNSET else value for value in map(attrgetter(field.name), records)]
            if field.default is UNSET  # left out of an older record
            else list(map(attrgetter(field.name), records))
            for field in msgspec.structs.fields(kind)
        }
        if stores is not None:
            instants = list(map(_instant, columns["ts"]))
            self.no_offset += instants.count(None)
            columns["ts_local"], columns["ts"] = columns["ts"], instants
            columns["store_id"] = stores
            columns["currency"] = [
                self._currencies.of(store, self._day, terminal)
                for store, terminal in zip(stores, columns["terminal"], strict=True)
            ]
        return columns


def _transposed(rows: list[tuple[Any, ...]], width: int) -> list[list[Any]]:
    """The rows' columns."""
    return [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]


def _of_order(
    orders: dict[str, list[Any]], names: tuple[str, ...], columns: list[list[Any]]
) -> dict[str, list[Any]]:
    """Columns `names` (the last of `columns` each row's order), and what each row takes from its order."""
    *given, of = columns
    return {column: [orders[column][at] for at in of] for column in OF_ORDER} | dict(
        zip(names, given, strict=True)
    )


def _table(columns: dict[str, list[Any]], fields: list[tuple[str, str]]) -> pa.Table:
    import pyarrow as pa

    schema = _schema(fields)
    return pa.table([pa.array(columns[column.name], column.type) for column in schema], schema=schema)


def _prompt_columns(records: list[PromptEvent]) -> dict[str, list[Any]]:
    """What a prompt's row says beside its fields: a version 1 event's `seq` null, its wording as
    `template`, `revisit` false unless it was, and an older event's rule derived, as the reports
    derive it."""
    return {
        "seq": [record.seq or None for record in records],
        "template": [record.wording for record in records],
        "revisit": [record.revisit is True for record in records],
        "rule": [
            record.rule or event_rule_id(record.kind, record.trigger, record.offer, record.size)
            for record in records
        ],
    }


def _instant(ts: str) -> datetime | None:
    """The instant a record's `ts` names; None when it names no UTC offset (the reports read its hour
    alone: YYYY-MM-DDTHH:...)."""
    try:
        instant = datetime.fromisoformat(ts)
    except ValueError:
        return None
    return instant if instant.tzinfo is not None else None


def _write_day(folder: Path, day: str, name: str, table: pa.Table) -> int:
    """A table's rows of one day, a part file per store; how many."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    stores = table.column("store_id")
    for store in dict.fromkeys(stores.to_pylist()):
        part = make_folder(folder / partition(store) / f"day={day}") / name
        rows = table if len(stores.unique()) == 1 else table.filter(pc.equal(stores, store))
        # owner-only, as in the data folder: the prompts carry receipts' codes
        with os.fdopen(open_regular(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), "wb") as handle:
            pq.write_table(rows, handle)
    return len(table)


def partition(store_id: str) -> str:
    """The folder of a store's rows: `store_id=` and the id escaped as Hive, DuckDB, pyarrow and Spark
    read it (%XX for all but letters, digits and `_.-~`), so an older record's id, its folder's path,
    stays one folder inside the table's. Not `store=`: that is the store's name, a column of every
    table, which a partition of that name would hide."""
    return f"store_id={quote(store_id, safe='')}"


def _order_days(layout: LogFiles) -> dict[tuple[str, str], str]:
    """The day of each order's record (its first) in the log's days, by store id and order id."""
    compact_closed(layout)
    orders = load_table("orders", ORDER_SCHEMA, layout, {"order", "store_id"})
    stores, ids = orders.values["store_id"], orders.values["order"]
    days: dict[tuple[str, str], str] = {}
    for store, order, day in zip(
        orders.text["store_id"].tolist(), orders.text["order"].tolist(), orders.day.tolist(), strict=True
    ):
        days.setdefault((stores[store], ids[order]), orders.days[day])
    return days


def _schema(fields: list[tuple[str, str]]) -> pa.Schema:
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "int32": pa.int32(),
        "int64": pa.int64(),
        "bool": pa.bool_(),
        "double": pa.float64(),
        "timestamp": pa.timestamp("ms", tz="UTC"),  # the spec's ts: to the millisecond
    }
    return pa.schema([(name, types[kind]) for name, kind in fields])


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

    def of(self, store_id: str, record: PromptEvent) -> int:
        key = (store_id, record.order)
        asked = self._today.get(key, self._before.get(key, 0))
        self._today[key] = asked + (record.outcome in (Outcome.ACCEPTED, Outcome.DECLINED))
        if record.rule is not None:  # a version 3 event logs its own
            return record.heard
        return asked + 1 if record.outcome in ASKED_OUTCOMES else 0
