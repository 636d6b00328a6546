"""No record is dated in a year the reports refuse (they read 2000 to 2099): a clock started near
the end (`--now 2099-12-31T23:59`, a simulation of the last day) stops at its last millisecond,
and the log refuses a record of a later day with a message, the counter keeping the record."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path

import pytest

from pos.core.analytics.report import build_report
from pos.core.base.clock import FixedClock, StartedClock
from pos.core.log.eventlog import EventLog
from pos.core.log.log_writer import LogWriter
from pos.core.log.storage import LogWriteError
from pos.core.selling.menu_loader import load_menu
from pos.core.training.simulate import simulate
from tests.conftest import MENUS
from tests.support.answering_process import event

LAST = date(2099, 12, 31)


def test_a_clock_started_near_the_end_stops_at_the_last_millisecond(monkeypatch: pytest.MonkeyPatch) -> None:
    fixed = FixedClock(datetime(2099, 12, 31, 23, 59, 59))
    fixed.advance(5000)
    assert (fixed.now().date(), fixed.now().time()) == (LAST, time(23, 59, 59, 999000))
    seconds = iter([0.0, 120.0])
    monkeypatch.setattr("pos.core.base.clock.time.monotonic", lambda: next(seconds))
    started = StartedClock(datetime(2099, 12, 31, 23, 59))  # `pos --now 2099-12-31T23:59`, two minutes on
    assert started.now().date() == LAST


def test_a_simulated_last_day_whose_orders_run_past_midnight_stays_on_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def at_midnight(_: object, day: date, count: int) -> list[datetime]:  # every order runs past it
        return [datetime.combine(day, time(23, 59, 59)).astimezone()] * count

    monkeypatch.setattr("pos.core.training.simulate._arrivals", at_midnight)
    menu = load_menu(MENUS / "burger_counter.toml")
    with EventLog(data_dir, "SIM", sync=False) as log:
        simulate(menu, log, orders=10, seed=3, cashiers=1, first_day=LAST, days=1)
    assert [folder.name for folder in (data_dir / "log").iterdir()] == [LAST.isoformat()]
    stamps = {
        json.loads(line)["ts"][:10]
        for path in (data_dir / "log" / LAST.isoformat()).glob("SIM.*.jsonl")
        for line in path.read_text().splitlines()
        if "ts" in json.loads(line)
    }
    assert stamps == {LAST.isoformat()}
    assert build_report(data_dir).totals["orders"] > 0


def test_a_record_of_a_year_the_reports_refuse_is_refused_and_the_counter_keeps_it(data_dir: Path) -> None:
    writer = LogWriter(EventLog(data_dir, "T1"))
    late = event("T1", 1)
    late.ts = "2100-01-01T00:00:00.500+00:00"  # a machine's clock in 2100
    with pytest.raises(LogWriteError, match="a record of 2100-01-01: pos logs the years 2000 to 2099 only"):
        writer.prompt(late).result(timeout=10)
    assert writer.backlog == 1 and writer.close() == []
    assert not (data_dir / "log").exists()
    (kept,) = (data_dir / "set-aside").glob("T1.*.unsaved")
    assert json.loads(kept.read_text())["record"]["ts"] == late.ts
