"""A chain's report over its warehouse: the Parquet that each store's `pos export` wrote, copied into
one folder or bucket, counted by the report's own SQL (`pos/sql/*.sql`) on DuckDB embedded or on
Apache Spark, figure for figure as `pos report --data A --data B --by store` counts the stores'
folders (and `--by cashier`, `--by terminal`, each group within its currency).

The same files as the report's, in the same order: `counted_prompts.sql` and `counted_orders.sql`
(each record once), `events.sql` (each prompt joined to what it kept), `prompt_sums.sql` (the sums
behind every prompt metric); then the report's own arithmetic on the sums (`pos.core.analytics.metrics`,
`pos.core.analytics.group_orders`). Only `warehouse_prompts.sql` and `warehouse_orders.sql` are the
warehouse's: which rows of the export's tables a group holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from pos.core.analytics.export import LINE_FIELDS, ORDER_FIELDS, PROMPT_FIELDS
from pos.core.analytics.group_orders import order_figures
from pos.core.analytics.metrics import shown_figures
from pos.core.analytics.sql import text_of
from pos.core.analytics.sql_dialects import transpiled
from pos.core.base.errors import PosError

GROUPS = {"store": "store_id", "cashier": "cashier", "terminal": "terminal", "currency": "currency"}
"""What a warehouse report groups by, and the export's column that says it: by `currency`, a row
is the totals of the stores that sell in it."""
TABLES = {"prompts": PROMPT_FIELDS, "orders": ORDER_FIELDS, "order_lines": LINE_FIELDS}
"""An export's tables and their columns."""
_SQL_TYPES = {
    "string": "varchar",
    "int32": "integer",
    "int64": "bigint",
    "bool": "boolean",
    "double": "double",
    "timestamp": "timestamptz",
}
_ASKED = {"accepted": "accepted", "declined": "declined", "skipped": "skipped"}


class Engine(Protocol):
    """An SQL engine over an export's tables (`prompts`, `orders`, `order_lines`)."""

    dialect: str
    """sqlglot's name for its SQL: "duckdb", "spark"..."""

    def view(self, name: str, query: str) -> None: ...

    def rows(self, query: str, parameters: Mapping[str, str]) -> list[tuple[Any, ...]]: ...


def warehouse_report(engine: Engine, by: str) -> list[dict[str, Any]]:
    """A row per currency and group of `by` (a key of GROUPS): its prompt figures and its paid
    orders', as `pos report --by` gives them."""
    if by not in GROUPS:
        raise PosError(f"a warehouse report by {by!r}: expected one of {', '.join(GROUPS)}")
    column = GROUPS[by]
    clashes = sorted(str(store) for (store,) in engine.rows(_query(engine, "warehouse_clashes", column), {}))
    if clashes:
        raise PosError(
            f"store {', '.join(clashes)}: two exports hold different records under one store id (a store's "
            "folder copied to set up another, both selling since?): the warehouse cannot tell them apart; "
            "pos report --data A --data B over their folders counts each as a store of its own"
        )
    for view, name in (
        ("counted_prompts", "counted_prompts"),
        ("counted_orders", "counted_orders"),
        ("joined", "events"),
        ("events", "warehouse_prompts"),
    ):
        engine.view(view, _query(engine, name, column))
    orders = {
        (currency, group): (count, tickets)
        for currency, group, count, tickets in engine.rows(_query(engine, "warehouse_orders", column), {})
    }
    rows = []
    for currency, group, *sums in engine.rows(_query(engine, "prompt_sums", column), _ASKED):
        figures = shown_figures(*sums)
        count, tickets = orders.get((currency, group), (0, 0))
        rows.append(
            {
                "currency": currency,
                by if by != "store" else "store_id": group,
                **figures,
                **order_figures(count, int(tickets), figures["added_revenue"]),
            }
        )
    return rows


def _query(engine: Engine, name: str, column: str) -> str:
    return transpiled(text_of(name).replace("{group}", column), engine.dialect)


class DuckDBWarehouse:
    """An export's folder (the stores' exports copied into one) read in place by DuckDB embedded."""

    dialect = "duckdb"

    def __init__(self, folder: Path | str) -> None:
        import duckdb

        folder = Path(folder)
        if not any(folder.glob("*/store_id=*/day=*/*.parquet")):  # a typo must not read as no sales
            raise PosError(
                f"{folder}: not a folder of pos export's Parquet (no TABLE/store_id=.../day=.../ in it)"
            )
        self._connection = duckdb.connect()
        for table, fields in TABLES.items():
            files = folder / table / "*" / "*" / "*.parquet"
            if not any(folder.glob(f"{table}/*/*/*.parquet")):  # a table no store has rows of yet
                columns = ", ".join(f'cast(null as {_SQL_TYPES[kind]}) as "{name}"' for name, kind in fields)
                self.view(table, f"select {columns}, cast(null as date) as day where false")
                continue
            # a store id of digits alone stays text; each store's files under its own `store_id=`; a
            # row exported twice (a backup exported beside its store) read once
            self.view(
                table,
                f"select distinct * from read_parquet('{_quoted(files)}', hive_partitioning = true, "
                "hive_types = {'store_id': varchar})",
            )

    def view(self, name: str, query: str) -> None:
        self._connection.execute(f"create or replace temp view {name} as {query}")

    def rows(self, query: str, parameters: Mapping[str, str]) -> list[tuple[Any, ...]]:
        found: list[tuple[Any, ...]] = self._connection.execute(query, dict(parameters)).fetchall()
        return found


def _quoted(path: Path) -> str:
    """A path as the text of an SQL string."""
    return str(path).replace("'", "''")


class SparkWarehouse:
    """An export's folder (or bucket: any path Spark reads) read by a Spark session."""

    dialect = "spark"

    def __init__(self, session: Any, folder: str) -> None:
        self._session = session
        for table in TABLES:
            session.read.parquet(f"{folder}/{table}").distinct().createOrReplaceTempView(table)

    def view(self, name: str, query: str) -> None:
        self._session.sql(query).createOrReplaceTempView(name)

    def rows(self, query: str, parameters: Mapping[str, str]) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._session.sql(query, args=dict(parameters)).collect()]
