"""Hostile text in every field of a menu and of a log record is shown literally everywhere.

Each value goes through the cashier screen (sign-in, order, prompts, payment,
receipt, help, palette, report screen), `pos menu check`, `pos report` in every
format, a drill and `pos drill --scores`. Nothing crashes, no markup acts (a
click on the text runs nothing), and no control character reaches the terminal.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

from pos.app import PosApp
from pos.cli import main
from pos.core.analytics.report import Filters
from pos.core.analytics.report_labels import Labels
from pos.core.base.clock import FixedClock
from pos.core.base.events import CATEGORY_LENGTH, Mode
from pos.core.base.text import printable
from pos.core.codes.codes import Codes
from pos.core.counter.counter_keys import Stage
from pos.core.log.eventlog import EventLog
from pos.core.log.log_writer import LogWriter
from pos.core.selling.menu_loader import load_menu
from pos.core.training.drill import DrillRun, Level
from pos.screens.report import ReportScreen
from pos.screens.sale import SaleScreen
from tests.conftest import MENUS
from tests.support.app_harness import LUNCH, burst, make_app
from tests.support.hand_logs import order, prompt, write
from tests.support.trainee_keys import order_keys

HOSTILE = {
    "close": "[/]",
    "click": "[@click=app.quit]Fries",
    "link": "[link=https://example.invalid]x[/link]",
    "escape": "\x1b]0;pwned\x07\x1b[2J\x9b2J",
    "rtl": "\u202eevil\u200f",
    "long": "W" * 10_000,
}
ON_SCREEN = {
    "all but long": " ".join(value for name, value in HOSTILE.items() if name != "long"),
    "long": HOSTILE["long"],
}
"""The screen tests take every hostile value at once (a pilot run is slow), and the long one alone."""


def toml_string(text: str) -> str:
    """A TOML basic string with every character outside printable ASCII escaped."""
    return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\u{ord(c):04x}" for c in text) + '"'


def hostile_menu(folder: Path, value: str) -> Path:
    """A menu with `value` in every text field: the store, items, categories, sizes, dayparts, pitches."""
    daypart = toml_string("lunch " + value[:40])
    # a learned choice logs it: a menu's are at most 100 characters, escapes included (`\x1b` is 4)
    category = toml_string(value[-CATEGORY_LENGTH * 7 // 10 :])
    path = folder / "hostile.toml"
    path.write_text(f"""
[menu]
name = {toml_string("Joe's " + value)}
currency = "USD"
tax_rate = "0.08"
[menu.dayparts]
{daypart} = "00:00-23:59"

[[item]]
code = "1"
name = {toml_string("Burger " + value)}
category = {category}
price = "3.00"

[[item]]
code = "2"
name = {toml_string("Cola " + value)}
category = "drink"
sizes = [{{ name = {toml_string("S" + value)}, price = "1.00" }}, {{ name = {toml_string("L" + value)}, price = "1.50" }}]

[[item]]
code = "3"
name = {toml_string("Pie " + value)}
price = "1.00"

[[upsell]]
item = "2"
pitch = {toml_string(value + " go {offer} for {delta}?")}

[[cross_sell]]
when = ["1"]
offer = "2"
pitch = {toml_string(value + " add {offer}?")}

[[checkout]]
offer = "3"
pitch = {toml_string(value + " and {offer}?")}
""")
    return path


def screen_text(app: App[None]) -> str:
    return app.export_screenshot()


@pytest.mark.parametrize("name", list(ON_SCREEN))
async def test_the_cashier_screen_shows_hostile_menu_text_literally(
    name: str, tmp_path: Path, data_dir: Path
) -> None:
    value = ON_SCREEN[name]
    menu = load_menu(hostile_menu(tmp_path, value))
    assert "\x1b" not in menu.name and "\u202e" not in menu.items["1"].name, (
        "control characters escaped at load"
    )
    app = make_app(data_dir, menu=menu)
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, ["1", "enter"])
        screen = app.screen
        assert isinstance(screen, SaleScreen) and screen.counter.prompting
        await pilot.click("#prompt")
        await pilot.click("#status")
        await pilot.click("#order")
        # the cola keyed after its cross-sell hears no upsell: no item is offered twice
        await burst(pilot, ["y", "escape", "2", "enter", "f10", "n", "enter"])
        assert app.return_code is None, "no click ran an action"
        assert "Change due" in screen.counter.message
        await burst(pilot, ["f1"])
        await burst(pilot, ["escape", "f5"])
        await pilot.pause(0.3)
        assert isinstance(app.screen, ReportScreen)
        await burst(pilot, ["escape"])
        assert app.return_code is None
    app.writer.close()
    prompts = [
        json.loads(line)
        for line in next((data_dir / "log").glob("*/T1.prompts.jsonl")).read_text().splitlines()
    ]
    assert [(p["kind"], p["outcome"]) for p in prompts] == [
        ("cross_sell", "accepted"),
        ("checkout", "declined"),
    ]
    assert prompts[0]["pitch"].startswith(printable(value)[:12]) and "Cola" in prompts[0]["pitch"], (
        "logged as shown"
    )


async def test_typed_hostile_text_is_text(data_dir: Path) -> None:
    value = ON_SCREEN["all but long"]
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, [*value, "enter"])
        screen = app.screen
        assert isinstance(screen, SaleScreen)
        assert "no item" in screen.counter.message and app.return_code is None
        await burst(pilot, ["4", "0", "enter", "f10", *value])
        assert screen.counter.stage is Stage.TENDER and "Type the amount tendered" in screen.counter.message
        assert set(screen.counter.till.tender) <= set("0123456789.,"), (
            "only digits and a point are typed into the tender"
        )
        await burst(pilot, ["escape", "f5"])
        await app.workers.wait_for_complete()  # the report read in its worker, whatever the machine's load
        await pilot.pause()
        report = app.screen
        assert isinstance(report, ReportScreen)
        await burst(pilot, [*value, "enter"])
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = str(report.query_one("#report-message", Static).content)
        assert "is not a date" in message
        assert app.return_code is None
    app.writer.close()


@pytest.mark.parametrize("name", list(HOSTILE))
def test_menu_check_prints_hostile_text_literally(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_menu(tmp_path, HOSTILE[name])
    assert main(["menu", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    if name in ("close", "click"):
        assert HOSTILE[name] in out.replace("\n", "")


def hostile_log(data_dir: Path, value: str) -> None:
    names = ("store", "cashier", "pitch", "offer", "trigger", "daypart", "size", "rule")
    events = [{**prompt(variant=v), **dict.fromkeys(names, value)} for v in (0, 1)]
    events.append({**prompt(outcome="declined"), **dict.fromkeys(names, value)})
    write(data_dir, events)
    write(data_dir, [order(store=value, cashier=value)], table="orders")


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("output", ["table", "csv", "json", "html"])
def test_reports_show_hostile_log_text_literally(
    name: str, output: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_log(data_dir, HOSTILE[name])
    assert main(["report", "--data", str(data_dir), "--by", "cashier", "pitch", "--format", output]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\x9b" not in out
    if output == "json":
        rows = json.loads(out)["rows"]
        assert {row["cashier"] for row in rows} == {HOSTILE[name]}, "the same data for a JSON reader"
    if output == "html":
        assert "<a " not in out and "<script" not in out


@pytest.mark.parametrize("name", list(ON_SCREEN))
async def test_the_report_screen_shows_hostile_log_text(name: str, data_dir: Path) -> None:
    hostile_log(data_dir, ON_SCREEN[name])
    from pos.report_app import ReportApp

    app = ReportApp(data_dir, Labels.of(load_menu(MENUS / "burger_counter.toml")), Filters(), LUNCH.date())
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.app.workers.wait_for_complete()  # the history read, however busy the machine
        await pilot.pause()
        await pilot.press("ctrl+end")
        await pilot.pause()
        await pilot.click("#coaching")
        assert app.return_code is None
        assert "\x1b" not in screen_text(app)


def test_a_hostile_drill_name_saves_and_lists(
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    from pos.core.training.scores import ScoreBook
    from tests.support.score_records import score_record

    book = ScoreBook(data_dir)
    for value in HOSTILE.values():
        book.add({**score_record("2026-11-23T12:00", "A", 50), "drill": f"Evil {value} drill"})
    assert main(["drill", "--scores", "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Evil [/] drill" in out and "\x1b" not in out


async def test_a_drill_with_a_hostile_name_runs_and_saves(data_dir: Path, tmp_path: Path) -> None:
    menu = load_menu(hostile_menu(tmp_path, HOSTILE["close"]))
    from pos.core.training.customers import random_customers

    rng = random.Random(1)
    run = DrillRun("Evil [/] drill \x1b[2J", random_customers(menu, 1, rng), Level.EASY, rng, lambda: 0.0)
    app = PosApp(
        menu=menu,
        writer=LogWriter(EventLog(data_dir, "TRAIN")),
        codes=Codes(data_dir / "training"),
        clock=FixedClock(LUNCH),
        terminal="TRAIN",
        cashier="N1",
        rng=rng,
        mode=Mode.TRAINING,
        drill=run,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        customer = run.current
        assert customer is not None
        for entry in customer.customer.order:
            await burst(pilot, [*order_keys(entry), "escape", "escape", "escape"])
        await burst(pilot, ["f10", "escape", "enter", "enter"])
        assert app.return_code is None
    app.writer.close()


def hostile_deals_menu(folder: Path, value: str) -> Path:
    """The hostile menu with a meal, a threshold deal and an after-sale offer named and worded with `value`."""
    path = hostile_menu(folder, value)
    path.write_text(
        path.read_text()
        + f"""
[[combo]]
code = "M1"
name = {toml_string("Meal " + value)}
price = "3.50"
slots = [{{ name = {toml_string("main " + value)}, choose = ["1"] }}, {{ name = "drink", choose = ["2", "3"] }}]
pitch = {toml_string(value + " {offer} saves {saving}")}

[[nudge]]
threshold = "9.00"
reward = "3"
within = "8.00"
suggest = ["2"]
pitch = {toml_string(value + " {short} to {reward}: {offer}?")}

[[after_sale]]
offer = "3"
valid_days = 2
pitch = {toml_string(value + " code {code}")}
"""
    )
    return path


async def test_meals_deals_and_codes_show_hostile_menu_text_literally(tmp_path: Path, data_dir: Path) -> None:
    value = ON_SCREEN["all but long"]
    app = make_app(data_dir, menu=load_menu(hostile_deals_menu(tmp_path, value)))
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, ["M", "1", "enter"])
        till = str(app.screen.query_one("#till").render())
        assert "Meal [/] [@click=app.quit]Fries" in till and "\x1b" not in till, "the meal's name, as written"
        await burst(pilot, ["2", "escape", "escape", "f10"])  # the Pie; no prompts; payment
        screen = app.screen
        assert isinstance(screen, SaleScreen)
        while screen.counter.prompting:
            await burst(pilot, ["n"])
        await burst(pilot, ["enter"])
        assert screen.counter.till.printed is not None and app.return_code is None
        till = str(app.screen.query_one("#till").render())
        assert "[@click=app.quit]Fries" in till and " code " in till and "\x1b" not in till, (
            "the receipt's pitch, as written"
        )
        await pilot.click("#till")
        assert app.return_code is None, "no click ran an action"
    app.writer.close()
