"""The drill score book: every finished drill, per trainee, over time.

One TinyDB file (`drills/scores.json` in the data folder), rewritten atomically
on each save; a lock file keeps two terminals saving at once from losing either.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from pos.core.errors import PosError
from pos.core.storage import AtomicJSONStorage


class ScoreBook:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "drills" / "scores.json"

    @contextmanager
    def _open(self) -> Iterator[TinyDB]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = os.open(self.path.parent / "scores.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise PosError(f"{self.path.parent}: cannot keep drill scores there ({error.strerror})") from None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            db = TinyDB(self.path, storage=AtomicJSONStorage)
            yield db
            db.close()
        finally:
            os.close(lock)

    def add(self, record: dict[str, Any]) -> None:
        with self._open() as db:
            db.table("drills").insert(record)

    def history(self, cashier: str | None = None) -> list[dict[str, Any]]:
        with self._open() as db:
            table = db.table("drills")
            rows = table.search(Query().cashier == cashier) if cashier else table.all()
        return sorted((dict(row) for row in rows), key=lambda row: row["ts"])

    def leaderboard(self) -> list[dict[str, Any]]:
        """Each trainee's best and average score and drills done, best first."""
        by_cashier: dict[str, list[dict[str, Any]]] = {}
        for row in self.history():
            by_cashier.setdefault(row["cashier"], []).append(row)
        board = [
            {
                "cashier": cashier, "drills": len(rows), "best": max(r["score"] for r in rows),
                "average": round(sum(r["score"] for r in rows) / len(rows), 1), "last": rows[-1]["score"],
            }
            for cashier, rows in by_cashier.items()
        ]
        return sorted(board, key=lambda row: (-row["best"], -row["average"], row["cashier"]))
