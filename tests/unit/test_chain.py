"""Several stores' folders in one report: `pos report --data A --data B --by store`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pos.core.eventlog import EventLog
from pos.core.menu import Menu
from pos.core.menu_loader import load_menu
from pos.core.menu_stamp import MenuStamp
from pos.core.report import build_report
from pos.core.simulate import simulate
from tests.conftest import MENUS
from tests.unit.test_report_command import pos

BURGERS = load_menu(MENUS / "burger_counter.toml")


def _store(folder: Path, name: str, seed: int, menu: Menu = BURGERS) -> Path:
    folder.mkdir()
    with EventLog(folder, "T1", sync=False, menu=MenuStamp.of(menu)) as log:
        simulate(
            menu, log, orders=60, seed=seed, cashiers=2, first_day=date(2026, 11, 23), days=1, store=name
        )
    return folder


def test_two_stores_with_the_same_order_ids_are_reported_apart_and_together(tmp_path: Path) -> None:
    north = _store(tmp_path / "north", "North", 1)
    south = _store(tmp_path / "south", "South", 2)
    alone = [build_report(folder).totals for folder in (north, south)]
    result = pos("--data", str(north), "--data", str(south), "--by", "store", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [row["store"] for row in report["rows"]] == ["North", "South"]
    for row, totals in zip(report["rows"], alone, strict=True):
        for metric in ("shown", "accepted", "added_revenue", "accepted_value", "median_response_ms"):
            assert row[metric] == totals[metric], metric
    together = report["totals"]
    assert together["orders"] == alone[0]["orders"] + alone[1]["orders"]
    assert together["added_revenue"] == alone[0]["added_revenue"] + alone[1]["added_revenue"]


def test_stores_in_two_currencies_are_told_their_money_does_not_add_up(tmp_path: Path) -> None:
    north = _store(tmp_path / "north", "North", 1)
    paris = _store(tmp_path / "paris", "Paris", 2, load_menu(MENUS / "coffee_bar.toml"))
    result = pos("--data", str(north), "--data", str(paris), "--by", "store")
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert "these stores sell in EUR, USD" in said and "report the stores of each currency apart" in said
    assert f"{north}: USD" in said and f"{paris}: EUR" in said
    assert "the stores' menus differ" in said and "--from and --until" not in said
