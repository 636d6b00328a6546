"""The report's own SQL on Apache Spark over a chain's warehouse: two stores exported by `pos export`,
copied into one Hive-partitioned folder, counted by Spark in local mode with the package's queries
(`pos/sql/*.sql`, transpiled by sqlglot, never copied), figure for figure as `pos report --data A
--data B --by store` counts them. Not in the default run (Spark's install is 0.5 GB and its start
alone ~15 s): `python3 -m pip install -e '.[chain]' && python3 -m pytest -n 0 -m chain tests/chain`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pos.core.analytics.export import export_parquet
from pos.core.analytics.warehouse import DuckDBWarehouse, SparkWarehouse, warehouse_report
from tests.support.hand_logs import simulated
from tests.support.in_process import run_pos
from tests.support.warehouse_checks import same_figures, same_rows

pytestmark = pytest.mark.chain
pyspark_sql = pytest.importorskip(
    "pyspark.sql", reason="the chain's extra: python3 -m pip install -e '.[chain]'"
)
pytest.importorskip("sqlglot", reason="the chain's extra: python3 -m pip install -e '.[chain]'")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = (
        pyspark_sql.SparkSession.builder.master("local[1]")
        .appName("pos-chain-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # a store id of digits alone stays text, as the export writes it
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def exported_chain(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path]:
    """Two stores (one terminal each, a few days, meals, voids and a holdout as simulated), each
    exported, then copied into one folder as a chain copies them into its bucket."""
    base = tmp_path_factory.mktemp("chain")
    stores = [base / "north", base / "south"]
    warehouse = base / "warehouse"
    for seed, folder in enumerate(stores, start=1):
        simulated(folder, orders=120, seed=seed, cashiers=2, days=2)
        export_parquet(folder, base / f"{folder.name}-export", None, None)
        shutil.copytree(base / f"{folder.name}-export", warehouse, dirs_exist_ok=True)
    return stores, warehouse


def test_spark_counts_a_chain_as_pos_report_does(
    spark: Any, exported_chain: tuple[list[Path], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    stores, warehouse = exported_chain
    on_spark, on_duckdb = SparkWarehouse(spark, str(warehouse)), DuckDBWarehouse(warehouse)
    data = [f"--data={store}" for store in stores]
    for by in ("store", "cashier"):
        reported = json.loads(run_pos(capsys, "report", *data, "--by", by, "--format", "json").stdout)
        rows = warehouse_report(on_spark, by)
        assert rows == warehouse_report(on_duckdb, by), "the same SQL, the same figures on both engines"
        assert len(rows) > 1 and all(row["shown"] > 0 for row in rows)
        same_rows(rows, reported, by)
    (totals,) = warehouse_report(on_spark, "currency")
    same_figures(totals, reported["totals"])
