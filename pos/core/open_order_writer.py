"""Who keeps a terminal's open order, so that a start tells an order left behind (its writer gone:
recorded as voided) from one a running terminal still keeps (its lock file deleted by someone,
then a second T1 started: that one must leave the order alone).

The open order carries its writer's mark: the process's id and start time (an id alone is given
again to a later process), and a token of the writer itself, since a process may close a terminal
and open it again (the tests do). psutil reads a process's start time the same way on Linux,
macOS and Windows; it is imported only when a mark is made or read.
"""

from __future__ import annotations

import os
import secrets
from functools import cache
from typing import Any

SAME_START = 1.0
"""Seconds two readings of one process's start time may differ by (Linux derives it from the boot
time, which a clock adjustment moves)."""

_OPEN: set[str] = set()
"""The tokens of this process's writers not yet closed."""


class Writer:
    """This process's writer of one terminal, from its log's opening to its closing."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        _OPEN.add(self.token)

    def mark(self) -> dict[str, Any]:
        """What the open order carries of its writer."""
        return {"pid": os.getpid(), "started": _started_here(), "writer": self.token}

    def close(self) -> None:
        _OPEN.discard(self.token)


def running(mark: object) -> int | None:
    """The process id of the writer that made `mark` while it still keeps its terminal; None when
    it is gone, or for a file older than marks."""
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
    return pid if _runs(pid, float(started)) else None


@cache
def _started_here() -> float:
    import psutil

    return float(psutil.Process().create_time())


def _runs(pid: int, started: float) -> bool:
    import psutil

    try:
        process = psutil.Process(pid)
        return bool(
            abs(process.create_time() - started) < SAME_START
            and process.status() != psutil.STATUS_ZOMBIE  # killed, not yet waited for by its parent
        )
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:
        return True  # another user's process of that id: it cannot be told apart, so it is left alone
