"""The report's SQL (`pos/sql/*.sql`), run by DuckDB embedded in this process.

DuckDB is imported on a report's first query, never by the cashier screen. Each query reads
numpy columns by name (DuckDB scans a dict of arrays in place) and gives its rows.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

_local = threading.local()


@functools.cache
def text_of(name: str) -> str:
    """The query `pos/sql/NAME.sql`, as the package ships it."""
    return resources.files("pos").joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")


def run(
    name: str, tables: Mapping[str, Mapping[str, npt.NDArray[Any]]], parameters: Mapping[str, object]
) -> list[tuple[Any, ...]]:
    """The rows of query NAME over `tables` (each a name and its columns), with `parameters`."""
    connection = _connection()
    try:
        for table, columns in tables.items():
            connection.register(
                table, {column: np.ascontiguousarray(values) for column, values in columns.items()}
            )
        rows: list[tuple[Any, ...]] = connection.execute(text_of(name), dict(parameters)).fetchall()
    finally:
        for table in tables:
            connection.unregister(table)
    return rows


def _connection() -> Any:
    """This thread's in-memory database (a connection serves one thread at a time)."""
    connection = getattr(_local, "connection", None)
    if connection is None:
        import duckdb

        connection = _local.connection = duckdb.connect(config={"threads": 1})
    return connection
