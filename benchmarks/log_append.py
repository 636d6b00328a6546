"""Logging one prompt event into a history of 0, 100k and 1M events.

Baseline, measured in the same run and interleaved with it: appending one JSON
line to a file and fsync-ing it. pos logs as the simulated terminal on the last
simulated day, so it appends to a file that already holds that day's events.

    python benchmarks/log_append.py [--events 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path

from histories import SIZES, history

from pos.core.log.eventlog import EventLog


def event(day_end: datetime, number: int) -> dict[str, object]:
    return {
        "ts": day_end.isoformat(timespec="milliseconds"),
        "store": "Burger Counter",
        "terminal": "SIM",
        "cashier": "C1",
        "mode": "live",
        "order": f"SIM-BENCH-{number}",
        "kind": "upsell",
        "trigger": "1",
        "offer": "31",
        "size": None,
        "pitch": "Make it a meal for just $3.50 more?",
        "variant": 0,
        "delta": 350,
        "outcome": "accepted",
        "response_ms": 1200,
        "daypart": "late",
    }


def baseline_append(fd: int, record: dict[str, object]) -> None:
    os.write(fd, (json.dumps(record, separators=(",", ":")) + "\n").encode())
    os.fsync(fd)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000, help="events timed per history size")
    args = parser.parse_args()
    rows = []
    for name in SIZES:
        folder, last_day = history(name)
        day_end = datetime.combine(last_day, clock_time(23, 59)).astimezone()
        pos_times, base_times = [], []
        with tempfile.TemporaryDirectory(dir=folder.parent) as scratch, EventLog(folder, "SIM") as log:
            fd = os.open(Path(scratch) / "baseline.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            for number in range(args.events):
                record = event(day_end, number)
                start = time.perf_counter()
                baseline_append(fd, record)
                base_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                log.log_prompt(record)  # type: ignore[arg-type]
                pos_times.append(time.perf_counter() - start)
            os.close(fd)
        # The benchmark's own events are taken back out of the history.
        path = folder / "log" / last_day.isoformat() / "SIM.prompts.jsonl"
        lines = path.read_bytes().splitlines(keepends=True)
        path.write_bytes(b"".join(line for line in lines if b"SIM-BENCH-" not in line))
        pos_median, base_median = statistics.median(pos_times), statistics.median(base_times)
        rows.append((name, base_median, pos_median))
    print(f"{'history':>8} | {'baseline: append+fsync':>22} | {'pos: log one event':>18} | ratio")
    for name, base, pos in rows:
        print(f"{name:>8} | {base * 1e3:19.3f} ms | {pos * 1e3:15.3f} ms | {pos / base:4.2f}x")


if __name__ == "__main__":
    main()
