"""The drill score book: every finished drill, per trainee, over time.

One TinyDB file (`drills/scores.json` in the data folder), rewritten atomically
on each save; a lock file keeps two terminals saving at once from losing either.
A book damaged by hand or by another program is repaired under the lock before
use: records of the wrong shape (or the whole file, when it is not JSON) are
moved to `set-aside/`, `notices` says so, and every good record and new score
is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from pos.core.base.errors import PosError
from pos.core.base.files import lock_file, own_folder, wait_lock, writable
from pos.core.log.set_aside import keep_aside
from pos.core.log.storage import AtomicJSONStorage

TABLE = "drills"
FIELDS: dict[str, type | tuple[type, ...]] = {
    "ts": str,
    "cashier": str,
    "drill": str,
    "level": str,
    "customers": int,
    "score": int,
    "ask_rate": (int, float),
    "answers_right": (int, float),
    "orders_right": (int, float),
    "seconds_per_customer": (int, float),
    "added_revenue": int,
}
"""What `DrillSummary.record` writes: a record of another shape is set aside."""


def well_formed(record: object) -> bool:
    return isinstance(record, dict) and all(
        isinstance(record.get(name), kind) and not isinstance(record.get(name), bool)
        for name, kind in FIELDS.items()
    )


class ScoreBook:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / "drills" / "scores.json"
        self.notices: list[str] = []
        """What was set aside, for the command or the screen to say."""

    @contextmanager
    def _open(self) -> Iterator[TinyDB]:
        try:
            lock = lock_file(own_folder(self.path.parent) / "scores.lock")  # closed below, unlocking it
        except OSError as error:
            raise PosError(f"{self.path.parent}: cannot keep drill scores there ({error.strerror})") from None
        try:
            wait_lock(lock)
            self._repair()
            db = TinyDB(self.path, storage=AtomicJSONStorage)
            yield db
            db.close()
        finally:
            lock.close()

    def _repair(self) -> None:
        try:
            raw = AtomicJSONStorage(self.path).raw()
        except OSError as error:
            raise PosError(f"{self.path}: cannot read the score book ({error.strerror})") from None
        if raw is None:
            return
        try:
            data = json.loads(raw) if raw.strip() else {}
        except ValueError:
            data = None
        table = data.get(TABLE, {}) if isinstance(data, dict) else None
        if not isinstance(data, dict) or not isinstance(table, dict):
            target = keep_aside(self.data_dir, "scores.json", "unreadable", raw)
            AtomicJSONStorage(self.path).write({TABLE: {}})
            self.notices.append(
                f"{self.path}: not a score book this version can read; it was moved to {target} and a new one started"
            )
            return
        bad = {key: record for key, record in table.items() if not well_formed(record)}
        if bad:
            target = keep_aside(
                self.data_dir, "scores.json", "bad-records", json.dumps(bad, ensure_ascii=False).encode()
            )
            good = {key: record for key, record in table.items() if key not in bad}
            AtomicJSONStorage(self.path).write({**data, TABLE: good})
            self.notices.append(
                f"{self.path}: {len(bad)} record(s) of the wrong shape were moved to {target}"
            )

    def add(self, record: dict[str, Any]) -> None:
        with self._open() as db:
            db.table(TABLE).insert(record)

    def history(self, cashier: str | None = None) -> list[dict[str, Any]]:
        rows: Sequence[dict[str, Any]]
        if writable(self.data_dir):
            with self._open() as db:
                rows = db.table(TABLE).all()
        else:  # an archive, a chain's copy: read as it is, nothing locked or repaired
            rows = self._as_it_is()
        return sorted(
            (dict(row) for row in rows if not cashier or row["cashier"] == cashier), key=lambda row: row["ts"]
        )

    def _as_it_is(self) -> list[dict[str, Any]]:
        """The records of a book in a folder pos cannot write; those of the wrong shape left out and named."""
        data = AtomicJSONStorage(self.path).read() or {}
        table = data.get(TABLE, {})
        rows = list(table.values()) if isinstance(table, dict) else []
        good = [row for row in rows if well_formed(row)]
        if len(good) < len(rows) or not isinstance(table, dict):
            self.notices.append(
                f"{self.path}: records of the wrong shape are left out (the folder cannot be written, so "
                "they stay where they are)"
            )
        return good


def leaderboard(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each trainee's best and average score and drills done, best first."""
    by_cashier: dict[str, list[dict[str, Any]]] = {}
    for row in history:
        by_cashier.setdefault(row["cashier"], []).append(row)
    board = [
        {
            "cashier": cashier,
            "drills": len(rows),
            "best": max(r["score"] for r in rows),
            "average": round(sum(r["score"] for r in rows) / len(rows), 1),
            "last": rows[-1]["score"],
        }
        for cashier, rows in by_cashier.items()
    ]
    return sorted(board, key=lambda row: (-row["best"], -row["average"], row["cashier"]))


def drills_of(
    folders: Sequence[Path], cashier: str | None = None, start: date | None = None, until: date | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """Every folder's drills from `start` to `until` (days), oldest first, and what was set aside on
    the way. A folder where no drill was ever saved is only looked at: nothing is created there."""
    rows: list[dict[str, Any]] = []
    notices: list[str] = []
    first, last = (day.isoformat() if day else None for day in (start, until))
    for folder in folders:
        book = ScoreBook(folder)
        if not book.path.exists():
            continue
        rows += [
            row
            for row in book.history(cashier)
            if (first is None or first <= row["ts"][:10]) and (last is None or row["ts"][:10] <= last)
        ]
        notices += book.notices
    return sorted(rows, key=lambda row: row["ts"]), notices
