"""A drill's receipt shows the drill's clock, as its header does; its records keep the real time."""

from __future__ import annotations

import json
import random
from datetime import datetime
from pathlib import Path

from pos.app_factory import make_app
from pos.core.base.clock import FixedClock
from pos.core.selling.menu_loader import load_menu
from pos.core.training.drill import DrillRun, Level
from pos.core.training.drill_script import load_drill
from pos.widgets.status_bar import StatusBar
from pos.widgets.till_card import TillCard
from tests.conftest import MENUS
from tests.support.app_harness import pie_script, slowly

REAL = datetime(2027, 2, 1, 8, 30)


async def test_the_receipt_is_at_the_drill_s_time(data_dir: Path, tmp_path: Path) -> None:
    script_path, keys = pie_script(tmp_path, 1)  # at 2026-11-23T12:15, lunch
    menu = load_menu(MENUS / "burger_counter.toml")
    script = load_drill(script_path, menu)
    assert script.now is not None
    run = DrillRun(script.name, list(script.customers), Level.NORMAL, random.Random(3), lambda: 0.0)
    app = make_app(
        menu=menu,
        data_dir=data_dir,
        terminal="TRAIN",
        clock=FixedClock(REAL),
        cashier="N1",
        rng=random.Random(3),
        drill=run,
        menu_clock=FixedClock(script.now),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await slowly(pilot, keys[:5])  # an apple pie, paid exactly: the receipt is up
        assert "12:15" in app.screen.query_one(StatusBar).time
        card = str(app.screen.query_one(TillCard).render())
        assert "PAID  order TRAIN-20270201-0001 at 12:15" in card, card
    app.writer.close()
    (line,) = (data_dir / "log" / "2027-02-01" / "TRAIN.orders.jsonl").read_text().splitlines()
    assert json.loads(line)["ts"].startswith("2027-02-01T08:30")
