"""Key to prompt on screen, in a real terminal (tmux), against the bare app's key to frame.

pos: the cashier keys `1` and Enter; timed from Enter until the upsell prompt
is on the screen. Bare app: a key, timed until it shows in the input. Both read
the screen the same way (`tmux capture-pane` in a loop), interleaved, medians.

    python3 benchmarks/key_to_prompt.py [--runs 25]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(session: str, text: str, timeout: float = 10) -> float:
    """Seconds until `text` is on the screen."""
    start = time.perf_counter()
    while text not in screen(session):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{text!r} never showed:\n{screen(session)}")
    return time.perf_counter() - start


def start(session: str, command: str, ready: str) -> None:
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", command)
    wait_for(session, ready, timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    data = tempfile.mkdtemp()
    python = sys.executable
    start("bench-bare", f"cd {HERE} && {python} bare_app.py", "type")
    start("bench-pos", f"{python} -m pos --data {data} --cashier C1 --now 2026-11-23T12:15", "Item code")
    bare, pos = [], []
    try:
        for run in range(args.runs):
            letter = "abcdefghijklmnopqrstuvwxyz"[run % 26]
            start_time = time.perf_counter()
            tmux("send-keys", "-t", "bench-bare", letter)
            while f"{letter}" not in screen("bench-bare").split("\n")[2]:
                pass
            bare.append(time.perf_counter() - start_time)
            tmux("send-keys", "-t", "bench-bare", "BSpace")

            tmux("send-keys", "-t", "bench-pos", "1")
            wait_for("bench-pos", "1", timeout=5)
            start_time = time.perf_counter()
            tmux("send-keys", "-t", "bench-pos", "Enter")
            wait_for("bench-pos", "UPSELL")
            pos.append(time.perf_counter() - start_time)
            tmux("send-keys", "-t", "bench-pos", "Escape")
            wait_for("bench-pos", "ADD-ON")
            tmux("send-keys", "-t", "bench-pos", "Escape")
            tmux("send-keys", "-t", "bench-pos", "F9")
            wait_for("bench-pos", "Void the whole order?")
            tmux("send-keys", "-t", "bench-pos", "y")
            wait_for("bench-pos", "Order voided")
    finally:
        for session in ("bench-bare", "bench-pos"):
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    b, p = statistics.median(bare), statistics.median(pos)
    print(f"{'median of ' + str(args.runs):<32} | time")
    print(f"{'bare app: key to frame':<32} | {b * 1000:6.1f} ms")
    print(f"{'pos: Enter to upsell prompt':<32} | {p * 1000:6.1f} ms | {p / b:.2f}x")


if __name__ == "__main__":
    main()
