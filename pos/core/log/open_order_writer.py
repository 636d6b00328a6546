"""Who keeps a terminal's open order, so that a start tells an order left behind (its writer gone:
recorded as voided) from one a running terminal still keeps (its lock file deleted by someone,
then a second T1 started: that one must leave the order alone).

The open order carries its writer's mark: the process's id and start time (an id alone is given
again to a later process), and a token of the writer itself, since a process may close a terminal
and open it again (the tests do). psutil reads a process's start time on Linux, macOS and Windows,
but on Linux it adds the boot time to the clock ticks the process started at, and a clock step
(`date -s`, NTP) moves the boot time: there the mark also holds the boot's id and those ticks,
which no clock moves. A process of the mark's id whose start cannot be told apart from the
writer's is taken to be the writer: a start refuses rather than void an order still kept.
psutil is imported only when a mark is made or read.
"""

from __future__ import annotations

import os
import secrets
import sys
from functools import cache
from pathlib import Path
from typing import Any

SAME_START = 1.0
"""Seconds two readings of one process's start time may differ by."""
CLOCK_MOVES_START = sys.platform.startswith("linux")
"""Whether psutil's start time moves with the clock (macOS and Windows keep the moment itself)."""
BOOT_START = "boot_start"
"""The mark's field `BOOT_ID/TICKS`: the boot and the clock ticks since it the writer started at."""

_OPEN: set[str] = set()
"""The tokens of this process's writers not yet closed."""


class Writer:
    """This process's writer of one terminal, from its log's opening to its closing."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        _OPEN.add(self.token)

    def mark(self) -> dict[str, Any]:
        """What the open order carries of its writer."""
        return {"pid": os.getpid(), **_started_here(), "writer": self.token}

    def close(self) -> None:
        _OPEN.discard(self.token)


def running(mark: object) -> int | None:
    """The process id of the writer that made `mark` while it may still keep its terminal; None
    when it is gone, or for a file older than marks."""
    if not isinstance(mark, dict):
        return None
    pid, started, token = mark.get("pid"), mark.get("started"), mark.get("writer")
    if not isinstance(pid, int) or isinstance(pid, bool) or not 0 < pid < 1 << 31:
        return None
    if not isinstance(started, int | float) or isinstance(started, bool):
        return None
    if token in _OPEN:
        return pid
    if pid == os.getpid():
        return None  # this process: its writer closed, or an earlier process given the same id
    return pid if _runs(pid, float(started), mark.get(BOOT_START)) else None


@cache
def _started_here() -> dict[str, Any]:
    import psutil

    started: dict[str, Any] = {"started": float(psutil.Process().create_time())}
    boot_start = _boot_start(os.getpid())
    if boot_start is not None:
        started[BOOT_START] = boot_start
    return started


def _runs(pid: int, started: float, boot_start: object) -> bool:
    import psutil

    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False  # killed, not yet waited for by its parent
        now = _boot_start(pid) if isinstance(boot_start, str) else None
        if now is not None:
            return now == boot_start
        if CLOCK_MOVES_START:
            return True  # a mark without the boot's ticks: a stepped clock may have moved its start
        return bool(abs(process.create_time() - started) < SAME_START)
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:
        return True  # another user's process of that id: it cannot be told apart, so it is left alone


def _boot_start(pid: int) -> str | None:
    """`BOOT_ID/TICKS` of a Linux process (the 22nd field of /proc/PID/stat); None elsewhere, or
    when /proc does not say."""
    if not CLOCK_MOVES_START:
        return None
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        stat = Path(f"/proc/{pid}/stat").read_bytes()
        ticks = int(stat[stat.rindex(b")") + 2 :].split()[19])  # after the name, which may hold ")"
    except (OSError, ValueError, IndexError):
        return None
    return f"{boot}/{ticks}"
