"""Key to prompt on screen, in a real terminal (tmux), against the bare app's key to frame.

pos: the cashier keys `1` and Enter; timed from Enter until the upsell prompt
is on the screen. Bare app: a key, timed until it shows in the input. Two
figures for each, interleaved, medians: as seen in tmux (`capture-pane` in a
loop, so tmux's own work on the frame counts), and inside the app (from the key
event to the write of the frame that shows it; `trace_app.py`).

    python3 benchmarks/key_to_prompt.py [--runs 25] [--menu FILE --code CODE] [--poll-ms 2]

By default the burger menu's cheeseburger (`1`); `--menu menus/coffee_bar.toml
--code E1 --poll-ms 2` is how the issue that asked for 1.5x measured it from
outside: an espresso on the coffee menu, the screen read every 2 ms.
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


POLL = 0.0
"""Seconds between two reads of the screen (0: read again at once)."""


def wait_for(session: str, text: str, timeout: float = 10) -> float:
    """Seconds until `text` is on the screen."""
    start = time.perf_counter()
    while text not in screen(session):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{text!r} never showed:\n{screen(session)}")
        if POLL:
            time.sleep(POLL)
    return time.perf_counter() - start


def start(session: str, command: str, ready: str) -> None:
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", command)
    wait_for(session, ready, timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--menu", type=Path, default=HERE.parent / "menus" / "burger_counter.toml")
    parser.add_argument("--code", default="1", help="an item with an upsell on that menu")
    parser.add_argument("--poll-ms", type=float, default=0.0)
    args = parser.parse_args()
    global POLL
    POLL = args.poll_ms / 1000
    data = tempfile.mkdtemp()
    python = sys.executable
    logs = {name: Path(data) / f"{name}.log" for name in ("bare", "pos")}
    start("bench-bare", f"cd {HERE} && {python} trace_app.py {logs['bare']} a a -- bare", "type")
    start(
        "bench-pos",
        f"cd {HERE} && {python} trace_app.py {logs['pos']} enter UPSELL -- pos --data {data} --cashier C1"
        f" --now 2026-11-23T12:15 --menu {args.menu.resolve()}",
        "Item code",
    )
    bare, pos = [], []
    try:
        for _ in range(args.runs):
            start_time = time.perf_counter()
            tmux("send-keys", "-t", "bench-bare", "a")
            wait_for("bench-bare", "▊  a")
            bare.append(time.perf_counter() - start_time)
            tmux("send-keys", "-t", "bench-bare", "BSpace")
            time.sleep(0.05)

            tmux("send-keys", "-t", "bench-pos", args.code)
            wait_for("bench-pos", f"› {args.code}", timeout=5)
            time.sleep(0.05)  # a cashier's gap between the code and Enter
            start_time = time.perf_counter()
            tmux("send-keys", "-t", "bench-pos", "Enter")
            wait_for("bench-pos", "UPSELL")
            pos.append(time.perf_counter() - start_time)
            tmux("send-keys", "-t", "bench-pos", "Escape")
            tmux("send-keys", "-t", "bench-pos", "Escape", "Escape", "F9")
            wait_for("bench-pos", "VOID THE WHOLE ORDER")
            tmux("send-keys", "-t", "bench-pos", "y")
            wait_for("bench-pos", "Order voided")
    finally:
        for session in ("bench-bare", "bench-pos"):
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    inside = {name: [float(line) for line in log.read_text().split()] for name, log in logs.items()}
    print(f"{'median of ' + str(args.runs):<30} | {'in tmux':>9} | {'in the app':>10}")
    b, p = statistics.median(bare), statistics.median(pos)
    bi, pi = statistics.median(inside["bare"]), statistics.median(inside["pos"])
    print(f"{'bare app: key to frame':<30} | {b * 1000:6.1f} ms | {bi:7.1f} ms")
    print(
        f"{'pos: Enter to upsell prompt':<30} | {p * 1000:6.1f} ms | {pi:7.1f} ms   ({args.menu.name}, {args.code})"
    )
    print(f"{'ratio':<30} | {p / b:8.2f}x | {pi / bi:9.2f}x")


if __name__ == "__main__":
    main()
