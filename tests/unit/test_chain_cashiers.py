"""A chain's cashiers: each store's C1 is a cashier of their own, set beside their own store.

Two stores' cashier ids are each store's own. Merged, north's weak C1 hid behind south's
strong one and north's good asker was flagged; every view by cashier now keeps them apart,
labelled with their store's name.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console

from pos.core.analytics.coaching import coaching
from pos.core.analytics.dashboard import build_dashboard
from pos.core.analytics.report import History
from pos.reports.coaching_tables import coaching_table
from pos.reports.html import page
from pos.reports.prompt_cost import cost_table
from pos.reports.row_labels import cashier_labels
from tests.support.hand_logs import prompt, write

NORTH_ID, SOUTH_ID = "NQRTH23456", "SQUTH23456"


def _asks(store: str, store_id: str, cashier: str, asked: int, skipped: int) -> list[dict[str, Any]]:
    fields: dict[str, Any] = {"store": store, "store_id": store_id, "cashier": cashier}
    return [prompt(**fields)] * asked + [prompt(**fields, outcome="skipped")] * skipped


def _chain(tmp_path: Path, north: str = "North", south: str = "South") -> History:
    """North's C1 asks half the time, its C3 nine times in ten; South's the other way round.
    Merged, C1 asked 72 % and C3 65 %: C3 was the one flagged."""
    write(tmp_path / "north", _asks(north, NORTH_ID, "C1", 50, 50) + _asks(north, NORTH_ID, "C3", 90, 10))
    write(tmp_path / "south", _asks(south, SOUTH_ID, "C1", 95, 5) + _asks(south, SOUTH_ID, "C3", 40, 60))
    return History.load([tmp_path / "north", tmp_path / "south"])


def test_each_cashier_is_coached_beside_their_own_store(tmp_path: Path) -> None:
    stores, cashiers = coaching(_chain(tmp_path))
    assert [(store.label, store.row["shown"]) for store in stores] == [("North", 200), ("South", 200)]
    flagged = {coach.label: coach.flag is not None for coach in cashiers}
    assert flagged == {"C1 (North)": True, "C3 (North)": False, "C1 (South)": False, "C3 (South)": True}
    ranks = {coach.label: coach.row.get("rank") for coach in cashiers}
    assert ranks == {"C1 (North)": 2, "C3 (North)": 1, "C1 (South)": 1, "C3 (South)": 2}, "within each store"


def test_one_store_keeps_its_cashiers_plain(tmp_path: Path) -> None:
    write(tmp_path, _asks("North", NORTH_ID, "C1", 50, 50) + _asks("North", NORTH_ID, "C3", 90, 10))
    history = History.load(tmp_path)
    stores, cashiers = coaching(history)
    assert [(store.label, store.row["shown"]) for store in stores] == [("Store", 200)]
    assert [coach.label for coach in cashiers] == ["C1", "C3"]
    assert cashier_labels(build_dashboard(history)) == ["C1", "C3"]


def test_two_stores_of_one_name_are_told_apart_by_their_ids(tmp_path: Path) -> None:
    stores, cashiers = coaching(_chain(tmp_path, "Tony's", "Tony's"))
    assert [store.label for store in stores] == [f"Tony's ({NORTH_ID})", f"Tony's ({SOUTH_ID})"]
    assert cashiers[0].label == f"C1 (Tony's, {NORTH_ID})"


def test_every_view_by_cashier_keeps_the_stores_apart(tmp_path: Path) -> None:
    dashboard = build_dashboard(_chain(tmp_path))
    labels = ["C1 (North)", "C3 (North)", "C1 (South)", "C3 (South)"]
    assert cashier_labels(dashboard) == labels
    assert [row["shown"] for row in dashboard.by_cashier.rows] == [100, 100, 100, 100]
    console = Console(width=120, record=True)
    console.print(coaching_table(dashboard.stores, dashboard.cashiers, "USD"))
    console.print(cost_table(dashboard, "USD"))
    text = console.export_text()
    assert all(text.count(label) == 2 for label in labels), text
    html = page(dashboard, {}, "USD", "Chain", datetime(2026, 11, 24, 9, 0))
    bars = html[html.index("<h3>By cashier</h3>") : html.index("Trend over days")]
    assert all(f">{label}<" in bars for label in labels)
