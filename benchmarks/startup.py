"""Cashier screen start-up to first frame, with a history of 0 and of 1M events,
against a bare Textual app (a header, an input, a footer), as whole processes,
interleaved, medians.

    python3 benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from histories import history

HERE = Path(__file__).parent


def timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "first_frame.py"), *args], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    big, _ = history("1M")
    with tempfile.TemporaryDirectory() as empty:
        runs: dict[str, list[float]] = {"bare": [], "0": [], "1M": []}
        for _ in range(args.runs):
            runs["bare"].append(timed("bare"))
            runs["0"].append(timed("pos", empty))
            runs["1M"].append(timed("pos", str(big)))
    bare = statistics.median(runs["bare"])
    print(f"{'median of ' + str(args.runs):<26} | time     | vs bare app")
    print(f"{'bare Textual app':<26} | {bare:.3f} s | 1.00x")
    for name in ("0", "1M"):
        median = statistics.median(runs[name])
        print(f"{'pos, history ' + name:<26} | {median:.3f} s | {median / bare:.2f}x")
    print(f"1M against 0: {statistics.median(runs['1M']) / statistics.median(runs['0']):.3f}x")


if __name__ == "__main__":
    main()
