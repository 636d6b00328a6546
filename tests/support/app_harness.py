"""A cashier app on a temporary data folder, a fixed clock and a seeded choice of pitches."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerCancelled, WorkerState

from pos.app import PosApp
from pos.app_factory import make_app as make_pos_app
from pos.core.base.clock import FixedClock
from pos.core.log.storage import LogWriteError
from pos.core.printing.printer_choice import PrinterChoice
from pos.core.selling.menu import Menu
from pos.core.selling.menu_loader import load_menu
from tests.conftest import BURGERS_V1, MENUS

LUNCH = datetime(2026, 11, 23, 12, 15)
BREAKFAST = datetime(2026, 11, 23, 8, 0)


def make_app(
    data_dir: Path,
    cashier: str | None = "C1",
    now: datetime = LUNCH,
    menu: Menu | None = None,
    printer: PrinterChoice | None = None,
) -> PosApp:
    return make_pos_app(
        menu=menu or load_menu(BURGERS_V1),
        data_dir=data_dir,
        terminal="T1",
        clock=FixedClock(now),
        cashier=cashier,
        rng=random.Random(1),
        printer=printer,
    )


async def settle(pilot: Pilot[None]) -> None:
    """Let the screen catch up and every record handed to the writer reach the disk."""
    await pilot.pause()
    await written(pilot)
    await pilot.pause()


async def written(pilot: Pilot[None]) -> None:
    """Every record handed to the writer is on disk (or kept, when the disk refused it)."""
    app = pilot.app
    assert isinstance(app, PosApp)
    pending = app.writer.idle()
    if pending is not None:
        with contextlib.suppress(LogWriteError):  # the tests look at the screen and the files
            await asyncio.wrap_future(pending)


HANDLED_TURNS = 1000
"""Turns `handled` waits for the app to come to rest: far more than any test's keys need."""


async def handled(pilot: Pilot[None]) -> None:
    """Until what was typed has done all it does: no key held by the app's key router, nothing queued
    in the app or the screen on top, no worker running (a prompt drawn once it is written, the report
    read) and every record on disk. Certain, where `pilot.pause` guesses from the CPU going quiet."""
    app = pilot.app
    assert isinstance(app, PosApp)
    for _ in range(HANDLED_TURNS):
        for worker in list(app.workers):
            if worker.state is not WorkerState.PENDING:
                with contextlib.suppress(WorkerCancelled):  # the report closed while it was read
                    await worker.wait()
        await written(pilot)
        await pilot.pause()  # and the screen drawn
        if app.keys.at_rest and all(worker.is_finished for worker in app.workers):
            return
    raise AssertionError("the app never came to rest")


async def shows(pilot: Pilot[None], seen: Callable[[], bool], turns: int = 200) -> bool:
    """Whether the screen comes to show `seen`, pausing between looks (a scroll or a layout lands a
    frame or two after the key on a busy machine)."""
    for _ in range(turns):
        if seen():
            return True
        await pilot.pause()
    return seen()


def records(data_dir: Path, table: str, day: str = "2026-11-23") -> list[dict[str, object]]:
    path = data_dir / "log" / day / f"T1.{table}.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def make_drill_app(data_dir: Path, script_path: Path, level: str = "normal") -> PosApp:
    """A scripted drill at the script's time, with a clock for the trainee that stands still."""
    from pos.core.training.drill import DrillRun, Level
    from pos.core.training.drill_script import load_drill, read_header

    header = read_header(script_path)[0]
    menu = load_menu(header.menu or MENUS / "burger_counter.toml")
    script = load_drill(script_path, menu)
    assert script.now is not None
    run = DrillRun(
        script.name,
        list(script.customers),
        Level(level),
        random.Random(3),
        lambda: 0.0,
        menu.names(),
        script.offers,
    )
    return make_pos_app(
        menu=menu,
        data_dir=data_dir,
        terminal="TRAIN",
        clock=FixedClock(script.now),
        cashier="N1",
        rng=random.Random(3),
        drill=run,
    )


def pie_script(folder: Path, customers: int) -> tuple[Path, list[str]]:
    """A drill of `customers` who each want an apple pie (no prompts), and the keys that serve them all."""
    script = folder / "pies.toml"
    customer = '[[customer]]\nsays = "An apple pie, please."\norder = ["40"]\n'
    script.write_text(
        f'[drill]\nname = "Pies"\nmenu = "{(MENUS / "burger_counter.toml").as_posix()}"\n'
        f'now = "2026-11-23T12:15:00"\n{customer * customers}'
    )
    return script, ["4", "0", "enter", "f10", "enter", "enter"] * customers


def key_event(key: str) -> events.Key:
    """The event a terminal sends for `key`: a character ("3", "*", " ") or a key name ("enter", "f10")."""
    if len(key) == 1:
        return events.Key(_character_to_key(key) if not key.isalnum() else key, key)
    return events.Key(key, " " if key == "space" else None)


async def burst(pilot: Pilot[None], keys: list[str]) -> None:
    """Every key delivered at once, as a scanner, a macro or a slow link does: none handled before the last arrives."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        event = key_event(key)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await handled(pilot)


async def slowly(pilot: Pilot[None], keys: list[str]) -> None:
    """One key at a time, each handled and its records on disk before the next; none after a quit."""
    for key in keys:
        if pilot.app.return_code is not None:
            break
        await pilot.press(key)
        await handled(pilot)


def shown_in(app: App[None], widget: Widget) -> str:
    """The words the screen on top shows where `widget` is (its rows, as drawn on the screen, joined
    with a space); what of it lies off the screen is not shown."""
    rows = [strip.text for strip in app.screen._compositor.render_strips()]
    region = widget.region
    return " ".join(
        " ".join(row[region.x : region.right].split()) for row in rows[region.y : region.bottom]
    ).strip()
