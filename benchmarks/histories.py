"""Histories for the benchmarks, made once with `pos simulate` and kept in benchmarks/.data."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).parent / ".data"
FIRST_DAY = date(2026, 7, 1)
SIZES = {
    # name: (orders, days); about 2.7 prompt events per order
    "0": (0, 0),
    "100k": (40_000, 12),
    "1M": (400_000, 120),
}


def history(name: str, store: int = 0) -> tuple[Path, date]:
    """The data folder of a history, and its last day; `store` N > 0: another store's history of the
    same size (seed N, its own store id)."""
    orders, days = SIZES[name]
    folder = DATA / (f"history-{name}" if not store else f"stores-{name}/store{store}")
    done = folder / ".complete"
    if orders and not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        what = f"the {name} history" + (f" of store {store}" if store else "")
        print(f"building {what}: pos simulate --orders {orders} --days {days}", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pos",
                "simulate",
                "--orders",
                str(orders),
                "--days",
                str(days),
                "--seed",
                str(store or 1),
                "--date",
                FIRST_DAY.isoformat(),
                "--data",
                str(folder),
            ],
            check=True,
        )
        done.touch()
    folder.mkdir(parents=True, exist_ok=True)
    # A stand-in for a store's own history, which the cashier screen opens (benchmarks/startup.py):
    # the live counter refuses a folder marked as a simulation's.
    (folder / "simulated").unlink(missing_ok=True)
    return folder, FIRST_DAY + timedelta(days=max(days - 1, 0))
