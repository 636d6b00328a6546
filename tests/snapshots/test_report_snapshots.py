"""What a manager sees on the report screen, as SVG snapshots."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from pos.core.analytics.report import Filters
from pos.core.analytics.report_labels import Labels
from pos.core.selling.menu_loader import load_menu
from pos.report_app import ReportApp
from tests.conftest import MENUS
from tests.support.hand_logs import prompt, write
from tests.support.learned_logs import learned_shop
from tests.support.score_records import add_drill

SnapCompare = Callable[..., bool]


def shop(data_dir: Path) -> None:
    events = []
    for day, share in (("2026-11-21", 3), ("2026-11-22", 5), ("2026-11-23", 4)):
        for n in range(10):
            outcome = "accepted" if n < share else "declined" if n < 8 else "skipped"
            events.append(
                prompt(
                    day=day,
                    cashier="A" if n % 2 else "B",
                    offer="31" if n % 3 else "20",
                    variant=n % 2,
                    pitch="Meal?" if n % 2 else "Make it a meal?",
                    outcome=outcome,
                    order=f"T1-{day.replace('-', '')}-{n // 2 + 1:04d}",
                    seq=n % 2 + 1,
                )
            )
    write(data_dir, events)


async def loaded(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_report_screen(snap_compare: SnapCompare, data_dir: Path) -> None:
    shop(data_dir)
    app = ReportApp(
        data_dir, Labels.of(load_menu(MENUS / "burger_counter.toml")), Filters(), date(2026, 11, 23)
    )
    assert snap_compare(app, terminal_size=(110, 50), run_before=loaded)


def test_report_screen_at_80x24(snap_compare: SnapCompare, data_dir: Path) -> None:
    shop(data_dir)
    app = ReportApp(
        data_dir, Labels.of(load_menu(MENUS / "burger_counter.toml")), Filters(), date(2026, 11, 23)
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)


def test_report_screen_empty(snap_compare: SnapCompare, data_dir: Path) -> None:
    app = ReportApp(
        data_dir, Labels.of(load_menu(MENUS / "burger_counter.toml")), Filters(), date(2026, 11, 23)
    )
    assert snap_compare(app, terminal_size=(100, 30), run_before=loaded)


def test_what_the_learning_adds(snap_compare: SnapCompare, data_dir: Path) -> None:
    learned_shop(data_dir)
    app = ReportApp(
        data_dir, Labels.of(load_menu(MENUS / "all_day_counter.toml")), Filters(), date(2026, 11, 23)
    )
    assert snap_compare(app, terminal_size=(110, 50), run_before=loaded)


def test_the_drills_tab_at_80x24(snap_compare: SnapCompare, data_dir: Path) -> None:
    for ts, cashier, score, ask_rate in (
        ("2026-11-09T10:00:00", "ANN", 58, 0.5),
        ("2026-11-16T10:00:00", "ANN", 74, 0.75),
        ("2026-11-23T10:00:00", "ANN", 91, 1.0),
        ("2026-11-16T11:00:00", "BOB", 70, 0.6),
        ("2026-11-23T11:00:00", "BOB", 66, 0.6),
    ):
        add_drill(data_dir, ts, cashier, score, ask_rate)
    app = ReportApp(
        data_dir, Labels.of(load_menu(MENUS / "burger_counter.toml")), Filters(), date(2026, 11, 23)
    )
    assert snap_compare(app, press=["f4"], terminal_size=(80, 24), run_before=loaded)
