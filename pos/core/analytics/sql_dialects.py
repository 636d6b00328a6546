"""The report's SQL (`pos/sql/*.sql`, written for DuckDB) in another engine's dialect, for a chain's
warehouse (Apache Spark, Trino, BigQuery...): transpiled by sqlglot, never copied by hand.

sqlglot turns what differs into the other engine's form: `$name` parameters into `:name`, `^` into
`power` (Spark's `^` is a bitwise xor), quoted names into the engine's quoting, null ordering made
explicit. The queries themselves stay within what both engines run alike (no division by what may
be zero, tables by name). sqlglot comes with the chain's extra: `python3 -m pip install -e '.[chain]'`.
"""

from __future__ import annotations

from pos.core.base.errors import PosError


def transpiled(query: str, dialect: str) -> str:
    """A query of DuckDB's dialect in `dialect` (sqlglot's name: "spark", "trino", "bigquery"...)."""
    if dialect == "duckdb":
        return query
    try:
        import sqlglot
    except ImportError:
        raise PosError(
            "the SQL in another dialect needs sqlglot: python3 -m pip install -e '.[chain]'"
        ) from None
    (statement,) = sqlglot.transpile(
        query, read="duckdb", write=dialect, pretty=True, unsupported_level=sqlglot.ErrorLevel.RAISE
    )
    return str(statement)
