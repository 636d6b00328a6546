"""`pos report` over the 1M-event history against DuckDB's group-by over the same JSON lines.

Both are timed as whole commands, as a manager runs them (a fresh process each
time, interleaved), and in-process (DuckDB's connection kept open), each the
median of several runs. A history copied in has no cache: the first `pos report`
builds it (three such runs, against the same DuckDB runs).

    python3 -m pip install -e '.[bench]' && python3 benchmarks/report_vs_duckdb.py [--runs 7]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time

from histories import history

QUERY = """
with p as (  -- prompts asked: a receipt's code (issued, redeemed) is counted apart
  select * from read_json('{prompts}', format = 'newline_delimited', columns = {{
    ts: 'VARCHAR', store: 'VARCHAR', terminal: 'VARCHAR', cashier: 'VARCHAR', mode: 'VARCHAR',
    "order": 'VARCHAR', kind: 'VARCHAR', trigger: 'VARCHAR', offer: 'VARCHAR', size: 'VARCHAR',
    pitch: 'VARCHAR', variant: 'BIGINT', delta: 'BIGINT', outcome: 'VARCHAR', response_ms: 'BIGINT',
    daypart: 'VARCHAR', seq: 'BIGINT'}})
  where mode = 'live' and outcome in ('accepted', 'declined', 'skipped')
), o as (
  select store, "order", status, voided_lines is not null as v2, lines
  from read_json('{orders}', format = 'newline_delimited', columns = {{
    store: 'VARCHAR', "order": 'VARCHAR', mode: 'VARCHAR', status: 'VARCHAR',
    lines: 'STRUCT(prompt BIGINT, added BIGINT, components STRUCT(prompt BIGINT, added BIGINT)[])[]',
    voided_lines: 'JSON[]'}})
  where mode = 'live'
), line as (
  select store, "order", unnest(lines) as l from o where status = 'paid'
), part as (  -- what each kept line, and each component of a meal, says a prompt added
  select store, "order", l.prompt as seq, l.added from line
  union all
  select store, "order", c.prompt, c.added from (select store, "order", unnest(l.components) as c from line)
), kept as (
  select store, "order", seq, sum(added) as added from part where seq is not null group by all
)
select p.cashier, count(*) as shown,
  count(*) filter (where outcome in ('accepted', 'declined')) as asked,
  count(*) filter (where outcome = 'accepted') as accepted,
  count(*) filter (where outcome = 'declined') as declined,
  count(*) filter (where outcome = 'skipped') as skipped,
  coalesce(sum(case when o.v2 then k.added
                    when o.status = 'paid' and p.outcome = 'accepted' then p.delta end), 0) as added_revenue,
  coalesce(sum(delta) filter (where outcome = 'accepted'), 0) as accepted_value,
  median(response_ms) as median_response_ms
from p
left join o on o.store = p.store and o."order" = p."order"
left join kept k on k.store = p.store and k."order" = p."order" and k.seq = p.seq
group by p.cashier order by p.cashier
"""
"""The same figures as `pos report --by cashier`: prompts joined to what paid orders kept (spec v2)."""


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measured(command: list[str]) -> tuple[float, float]:
    """The command's seconds and peak resident memory in MB, by GNU time (Linux)."""
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", *command],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seconds, kilobytes = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes) / 1024


def peak_mb(command: list[str]) -> float:
    return measured(command)[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder, _ = history("1M")
    prompts = str(folder / "log" / "*" / "*.prompts.jsonl")
    orders = str(folder / "log" / "*" / "*.orders.jsonl")
    pos = [sys.executable, "-m", "pos", "report", "--data", str(folder), "--by", "cashier", "--format", "csv"]
    duck = [
        sys.executable,
        "-c",
        f"import duckdb; print(duckdb.sql({QUERY.format(prompts=prompts, orders=orders)!r}).fetchall())",
    ]

    cold = []
    for _ in range(3):  # a history copied in: no cache
        shutil.rmtree(folder / "cache", ignore_errors=True)
        cold.append(timed(pos))
    memory = (
        statistics.median(peak_mb(duck) for _ in range(3)),
        statistics.median(peak_mb(pos) for _ in range(3)),
    )
    pos_runs, duck_runs = [], []
    for _ in range(args.runs):
        duck_runs.append(timed(duck))
        pos_runs.append(timed(pos))

    import duckdb

    from pos.core.analytics.report import build_report

    connection = duckdb.connect()
    query = QUERY.format(prompts=prompts, orders=orders)
    duck_in, pos_in = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        duck_rows = connection.sql(query).fetchall()
        duck_in.append(time.perf_counter() - start)
        start = time.perf_counter()
        report = build_report(folder, ("cashier",))
        pos_in.append(time.perf_counter() - start)
    ours = [
        (
            r["cashier"],
            r["shown"],
            r["asked"],
            r["accepted"],
            r["declined"],
            r["skipped"],
            r["added_revenue"],
            r["accepted_value"],
            r["median_response_ms"],
        )
        for r in report.rows
    ]
    assert [tuple(row) for row in duck_rows] == ours, (duck_rows, ours)

    def line(name: str, base: list[float], mine: list[float]) -> str:
        b, m = statistics.median(base), statistics.median(mine)
        return f"{name:<28} | {b:8.3f} s | {m:8.3f} s | {m / b:5.2f}x"

    print(f"events: {sum(r['shown'] for r in report.rows):,}")
    print(f"{'median of ' + str(args.runs):<28} | {'DuckDB':>10} | {'pos':>10} | ratio")
    print(line("whole command, by cashier", duck_runs, pos_runs))
    print(line("no cache (median of 3)", duck_runs, cold))
    print(line("in-process, by cashier", duck_in, pos_in))
    print(
        f"{'peak memory, whole command':<28} | {memory[0]:6.0f} MB | {memory[1]:6.0f} MB | {memory[1] / memory[0]:5.2f}x"
    )


if __name__ == "__main__":
    main()
