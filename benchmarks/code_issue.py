"""Printing a code for the next visit in a store that has printed 0, 10k and 100k before.

Each code is issued under the store's lock after reading what other terminals wrote
since the last look; before, the whole list was read for every code. Baseline,
interleaved in the same run: appending one line to a file and fsync-ing it. The
first code of a session reads the whole list once and is timed apart.

    python benchmarks/code_issue.py [--codes 300]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from pos.core.codes.codes import Codes

DAY = date(2026, 11, 23)


def earlier(folder: Path, count: int) -> None:
    """`count` codes printed before, two thousand a day back from DAY."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "secret").write_bytes(os.urandom(32))  # the one they were printed with
    lines = [
        json.dumps(
            {
                "code": f"OLD{n:09d}",
                "serial": n,
                "order": f"T1-{n}",
                "offer": "40",
                "size": None,
                "price": 99,
                "day": (DAY - timedelta(days=1 + n // 2000)).isoformat(),
                "until": DAY.isoformat(),
            }
        )
        for n in range(count)
    ]
    (folder / "issued.jsonl").write_text("".join(line + "\n" for line in lines))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--codes", type=int, default=300)
    args = parser.parse_args()
    print(f"{'codes printed before':<22} | {'append+fsync':>12} | {'issue a code':>12} | ratio | first code")
    for before in (0, 10_000, 100_000):
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder)
            earlier(data / "codes", before)
            codes = Codes(data)
            start = time.perf_counter()
            codes.issue("T1-first", "40", None, 99, DAY, 7)
            first = time.perf_counter() - start
            fd = os.open(data / "baseline.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            base, ours = [], []
            for n in range(args.codes):
                start = time.perf_counter()
                os.write(fd, b'{"code": "BASELINE", "order": "T1-1"}\n')
                os.fsync(fd)
                base.append(time.perf_counter() - start)
                start = time.perf_counter()
                codes.issue(f"T1-{n}", "40", None, 99, DAY + timedelta(days=n // 2000), 7)
                ours.append(time.perf_counter() - start)
            os.close(fd)
            b, o = statistics.median(base) * 1000, statistics.median(ours) * 1000
            print(f"{before:<22,} | {b:9.3f} ms | {o:9.3f} ms | {o / b:4.2f}x | {first * 1000:.0f} ms")


if __name__ == "__main__":
    main()
