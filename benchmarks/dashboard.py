"""The report screen's loading (F5) over the 1M-event history, warm: what its worker runs (the
history loaded, its dashboard, today's report), in-process, medians.

    python3 benchmarks/dashboard.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

from histories import history

from pos.core.analytics.dashboard import build_dashboard
from pos.core.analytics.report import Filters, History
from pos.core.analytics.report_match import nothing_matched


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder, last = history("1M")
    History.load(folder, Filters())  # the closed days compacted: warm
    runs = []
    for _ in range(args.runs):
        start = time.perf_counter()
        loaded = History.load(folder, Filters())
        nothing_matched(loaded, folder)
        build_dashboard(loaded)
        History.load(folder, Filters(start=last, until=last), codes=False).report()
        runs.append(time.perf_counter() - start)
    print(f"F5's loading, median of {args.runs}: {statistics.median(runs):.2f} s (goal: within 1 s)")


if __name__ == "__main__":
    main()
