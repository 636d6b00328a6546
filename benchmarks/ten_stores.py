"""Ten stores read together (`pos report --data A ... --data J --by store`, warm) against DuckDB running
the report's own SQL (`pos.core.analytics.warehouse`) over the ten stores' `pos export` Parquet in one
folder; each a whole command, medians, interleaved; the figures checked equal. The first run builds
the ten histories (`--history 100k`: about 40 s each on 2 cores; 1M: about 6 minutes each, 9 GB).

    python3 benchmarks/ten_stores.py [--history 100k | 1M] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from histories import history
from report_vs_duckdb import measured
from report_vs_parquet import WAREHOUSE


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--history", default="100k")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    stores = [history(args.history, store)[0] for store in range(1, 11)]
    python = sys.executable
    report = [python, "-m", "pos", "report", *(f"--data={store}" for store in stores), "--by", "store"]
    report += ["--format", "json"]
    with tempfile.TemporaryDirectory() as temporary:
        export = Path(temporary) / "export"
        for store in stores:
            exporting = ["export", "--format", "parquet", "--data", str(store), "-o", str(export)]
            subprocess.run([python, "-m", "pos", *exporting], check=True, capture_output=True)
        subprocess.run(report, check=True, stdout=subprocess.DEVNULL)  # the closed days compacted
        duck = [python, "-c", WAREHOUSE, str(export)]
        runs: dict[str, list[tuple[float, float]]] = {"DuckDB": [], "pos": []}
        for _ in range(args.runs):
            runs["DuckDB"].append(measured(duck))
            runs["pos"].append(measured(report))
        from pos.core.analytics.warehouse import DuckDBWarehouse, warehouse_report

        rows = warehouse_report(DuckDBWarehouse(export), "store")
    reported = json.loads(subprocess.run(report, check=True, capture_output=True, text=True).stdout)["rows"]
    assert len(rows) == len(reported) == len(stores)
    for got, want in zip(rows, reported, strict=True):
        shared = set(got) - {"currency"}
        assert {k: got[k] for k in shared} == {k: want[k] for k in shared}
    (base, base_mb), (ours, ours_mb) = (
        (statistics.median(s for s, _ in runs[k]), statistics.median(m for _, m in runs[k])) for k in runs
    )
    print(f"ten stores of {args.history} ({sum(row['shown'] for row in rows):,} prompts shown in all)")
    print(f"{'median of ' + str(args.runs):<24} | {'DuckDB':>9} | {'pos':>9} | ratio")
    print(f"{'warm report by store':<24} | {base:7.2f} s | {ours:7.2f} s | {ours / base:5.2f}x")
    print(f"{'peak memory':<24} | {base_mb:6.0f} MB | {ours_mb:6.0f} MB | {ours_mb / base_mb:5.2f}x")


if __name__ == "__main__":
    main()
