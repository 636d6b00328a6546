"""What a learned rule adds to the cost of `pos report`: the report over a history whose add-on was
learned, against the same store's history with the add-on chosen the first way (`choose = "first"`).

Two histories of the bundled all-day menu are simulated once into benchmarks/.data (the same
seed, orders and days, customers with the bundled tastes, `menus/tastes/all_day_counter.toml`):
one where the add-on learns (each learned prompt logs its candidates, propensity and context), one
where the rule makes its first allowed offer. Timed in one run, interleaved, medians: the report as
`pos report` makes it in the process (the history read, its Parquet warm, every section worked
out, the text drawn), and its JSON; in CPU seconds (the process's, every thread's), which a
machine shared with other work disturbs less than the clock on the wall.

    python3 benchmarks/learned_report.py [--orders 30000] [--days 30] [--runs 7]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from datetime import date
from pathlib import Path

from rich.console import Console

from pos.core.analytics.dashboard import build_dashboard
from pos.core.analytics.report import History
from pos.core.log.eventlog import EventLog
from pos.core.selling.menu_loader import parse_menu
from pos.core.training.simulate import simulate
from pos.core.training.tastes import load_tastes
from pos.reports.text import full_text, json_text

HERE = Path(__file__).parent
MENU = HERE.parent / "menus" / "all_day_counter.toml"
TASTES = HERE.parent / "menus" / "tastes" / "all_day_counter.toml"


def history(folder: Path, learned: bool, orders: int, days: int) -> None:
    """The simulated history, made once."""
    done = folder / ".complete"
    if done.exists():
        return
    text = MENU.read_text()
    if not learned:
        text = text.replace('choose = "learn"\nexplore = "0.05"', 'choose = "first"')
    menu = parse_menu(text, MENU)
    folder.mkdir(parents=True, exist_ok=True)
    with EventLog(folder, "SIM", sync=False) as log:
        simulate(
            menu,
            log,
            orders=orders,
            seed=1,
            cashiers=3,
            first_day=date(2026, 9, 1),
            days=days,
            tastes=load_tastes(TASTES, menu),
        )
    done.touch()


def report(folder: Path) -> tuple[float, float, int]:
    """CPU seconds for the text report and for the JSON, and the learned rules found."""
    start = time.process_time()
    loaded = History.load(folder)
    dashboard = build_dashboard(loaded)
    Console(width=120, file=io.StringIO()).print(full_text(dashboard, {}, "USD", 120))
    text = time.process_time() - start
    start = time.process_time()
    json_text(History.load(folder).report())
    return text, time.process_time() - start, len(dashboard.report.learned)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=30_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folders = {
        learned: HERE
        / ".data"
        / f"learned-report-{'learn' if learned else 'first'}-{args.orders}-{args.days}d"
        for learned in (True, False)
    }
    for learned, folder in folders.items():
        history(folder, learned, args.orders, args.days)
        report(folder)  # the closed days compacted to Parquet: every run after reads them warm
    times: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for _ in range(args.runs):
        for learned, folder in folders.items():
            text, data, rules = report(folder)
            assert rules == (1 if learned else 0)
            times[learned].append((text, data))
    for what, index in (("text report", 0), ("JSON", 1)):
        first, learn = (statistics.median(run[index] for run in times[learned]) for learned in (False, True))
        print(
            f"{what}: choose = first {first:.3f} s, learned {learn:.3f} s: "
            f"{(learn - first) * 1000:+.0f} ms, {learn / first:.2f}x (medians of {args.runs})"
        )


if __name__ == "__main__":
    main()
