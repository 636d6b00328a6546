"""The warm report (a closed day's Parquet present) against DuckDB running the report's own SQL
(`pos.core.analytics.warehouse`: the same files of pos/sql) over the same history's `pos export` Parquet, and
`pos export` itself, and the compacting of every closed day into the data folder's Parquet (what a first
report does before it reads), against DuckDB's own `COPY ... TO (FORMAT parquet)` of the same JSON lines (the prompts' and the orders', as
compacting reads both).
Figures checked equal each run; medians, each pair interleaved.

    python3 benchmarks/report_vs_parquet.py [--history 1M | --data FOLDER] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from histories import history

COMPACT = (
    "import sys; from pathlib import Path; from pos.core.analytics.log_tables import compact_closed; "
    "from pos.core.log.log_layout import log_files; compact_closed(log_files(Path(sys.argv[1]), None, None))"
)
"""Every closed day compacted into the data folder's Parquet, as a first report does before it reads."""
WAREHOUSE = (
    "import sys; from pathlib import Path; from pos.core.analytics.warehouse import DuckDBWarehouse, warehouse_report; "
    "print(len(warehouse_report(DuckDBWarehouse(Path(sys.argv[1])), 'store')))"
)


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_pair(runs: int, first: list[str], second: list[str]) -> tuple[float, float]:
    a, b = [], []
    for _ in range(runs):
        a.append(timed(first))
        b.append(timed(second))
    return statistics.median(a), statistics.median(b)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--history", default="1M")
    parser.add_argument("--data", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = args.data or history(args.history)[0]
    python = sys.executable
    with tempfile.TemporaryDirectory() as temporary:
        export = Path(temporary) / "export"
        export_command = [
            python,
            "-m",
            "pos",
            "export",
            "--format",
            "parquet",
            "--data",
            str(folder),
            "-o",
            str(export),
        ]
        start = time.perf_counter()
        subprocess.run(export_command, check=True, capture_output=True)
        exported = time.perf_counter() - start
        copy = [
            python,
            "-c",
            "import duckdb, sys\nfor table in ('prompts', 'orders'): duckdb.sql(f\"copy (select * from read_json("
            "'{sys.argv[1]}/log/*/*.{table}.jsonl', format = 'newline_delimited')) to '{sys.argv[2]}/{table}.parquet' "
            '(format parquet)")',
            str(folder),
            temporary,
        ]
        copied = timed(copy)
        shutil.rmtree(folder / "cache", ignore_errors=True)
        compacted = timed([python, "-c", COMPACT, str(folder)])
        report = [python, "-m", "pos", "report", "--data", str(folder), "--by", "store", "--format", "json"]
        subprocess.run(report, check=True, stdout=subprocess.DEVNULL)  # the closed days compacted
        duck = [python, "-c", WAREHOUSE, str(export)]
        base, ours = median_pair(args.runs, duck, report)

        import json

        from pos.core.analytics.warehouse import DuckDBWarehouse, warehouse_report

        rows = warehouse_report(DuckDBWarehouse(export), "store")
        reported = json.loads(subprocess.run(report, check=True, capture_output=True, text=True).stdout)[
            "rows"
        ]
        for got, want in zip(rows, reported, strict=True):
            shared = set(got) - {"currency"}
            assert {k: got[k] for k in shared} == {k: want[k] for k in shared}
        shutil.rmtree(export)
    print(f"history: {folder} ({sum(row['shown'] for row in rows):,} prompts shown)")
    print(f"{'median of ' + str(args.runs):<34} | {'DuckDB':>9} | {'pos':>9} | ratio")
    print(f"{'warm report by store (command)':<34} | {base:7.2f} s | {ours:7.2f} s | {ours / base:5.2f}x")
    print(
        f"{'export / COPY TO parquet (once)':<34} | {copied:7.2f} s | {exported:7.2f} s | {exported / copied:5.2f}x"
    )
    print(
        f"{'compacting / COPY TO parquet':<34} | {copied:7.2f} s | {compacted:7.2f} s | {compacted / copied:5.2f}x"
    )


if __name__ == "__main__":
    main()
