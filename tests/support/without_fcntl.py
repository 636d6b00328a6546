"""Run as a program: the app's start, a logged order, a drill score and a report on a system
without `fcntl` (as on Windows), with portalocker standing in for the system's own locks.

    python -m tests.support.without_fcntl DATA_DIR
"""

from __future__ import annotations

import asyncio
import sys
import types
from pathlib import Path
from typing import IO

sys.modules["fcntl"] = None  # type: ignore[assignment]  # `import fcntl` now raises ImportError

_held: dict[str, IO[bytes]] = {}
"""Locked files by name: a lock lasts while its handle is open, as with the system's locks."""


class _LockException(Exception):
    pass


def _lock(handle: IO[bytes], flags: int) -> None:
    holder = _held.get(handle.name)
    if holder is not None and not holder.closed:
        raise _LockException(handle.name)
    _held[handle.name] = handle


portalocker = types.ModuleType("portalocker")
portalocker.LOCK_EX, portalocker.LOCK_NB = 2, 4  # type: ignore[attr-defined]
portalocker.exceptions = types.SimpleNamespace(LockException=_LockException)  # type: ignore[attr-defined]
portalocker.lock = _lock  # type: ignore[attr-defined]
sys.modules["portalocker"] = portalocker


async def _sell(data_dir: Path) -> None:
    from tests.support.app_harness import make_app, slowly

    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await slowly(pilot, ["1", "enter", "y", "n", "f10", "n", "enter"])
    app.writer.close()


def main() -> None:
    data_dir = Path(sys.argv[1])
    asyncio.run(_sell(data_dir))
    from pos.core.analytics.report import build_report
    from pos.core.training.scores import ScoreBook

    book = ScoreBook(data_dir)
    book.add(
        {
            "ts": "2026-11-23T12:00:00",
            "cashier": "C1",
            "drill": "Lunch basics",
            "level": "normal",
            "customers": 1,
            "score": 90,
            "ask_rate": 1.0,
            "answers_right": 1.0,
            "orders_right": 1.0,
            "seconds_per_customer": 20.0,
            "added_revenue": 350,
        }
    )
    totals = build_report(data_dir).totals
    print(totals["shown"], totals["orders"], len(book.history("C1")), sys.modules["fcntl"])


if __name__ == "__main__":
    main()
