"""A report row's paid orders, found by one number per group key: the same however large the keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos.core.analytics import group_orders
from pos.core.analytics.report import build_report
from tests.support.hand_logs import simulated


@pytest.mark.parametrize("by", [("cashier", "day", "hour"), ("store", "terminal", "cashier")])
def test_keys_renumbered_before_they_grow_too_large_find_the_same_orders(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, by: tuple[str, ...]
) -> None:
    simulated(data_dir, orders=200, seed=4, cashiers=3, days=2)
    plain = build_report(data_dir, by).rows
    monkeypatch.setattr(group_orders, "LARGEST_KEY", 8)  # renumbered at every field
    renumbered = build_report(data_dir, by).rows
    assert renumbered == plain and all(row["orders"] for row in plain)
    assert sum(row["orders"] or 0 for row in plain) == build_report(data_dir).totals["orders"]
