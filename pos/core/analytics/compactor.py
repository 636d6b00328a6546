"""Processes of their own that compact closed days (`pos.core.analytics.day_parquet.compact`), one a
core: a day is read and checked in Python, which runs one thread at a time. Each is `python -m
pos.core.analytics.compact_process`, its days as JSON on its standard input: the same `pos` as this
process's, never the parent's main module (as multiprocessing would import it), and nothing said: a
day a process left undone is compacted by the report that reads it."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from typing import IO

import msgspec

import pos

PROCESS = "pos.core.analytics.compact_process"
"""The module each process runs: not this one, which `day_parquet` imports to start them."""
Days = list[tuple[Path, Path, list[Path]]]
"""Closed days to compact: each a data folder, the day's Parquet folder, its log files."""


def run_compactors(shares: list[Days]) -> None:
    """Compacts each share of days in a process of its own, all at once; returns when all are done."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(pos.__file__).resolve().parent.parent), *filter(None, [env.get("PYTHONPATH")])]
    )
    started = []
    for share in shares:
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", PROCESS],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError:  # no process to be had
            break
        started.append(process)
        _hand(process.stdin, msgspec.json.encode(share, enc_hook=str))
    for process in started:
        process.wait()


def _hand(pipe: IO[bytes] | None, days: bytes) -> None:
    """Writes a process's days to its standard input, then closes it; a process gone at once leaves
    its days to `load`."""
    if pipe is None:
        return
    with contextlib.suppress(OSError), pipe:
        pipe.write(days)
