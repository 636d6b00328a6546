"""What the screen says when records cannot be kept where they belong: a full disk holds Ctrl+Q once,
a terminal taken by another process says it takes no more sales, and a set clock (`pos --now`)
sells as training."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from textual.widgets import Static

from pos.core.log.storage import LogWriteError
from pos.screens.sale import SaleScreen
from tests.app.test_sale_screen import sale_screen
from tests.support.app_harness import burst, make_app, settle


async def test_a_full_disk_holds_the_first_ctrl_q_and_the_second_quits(data_dir: Path) -> None:
    app = make_app(data_dir)
    log = app.writer.log

    def full(kind: str, record: object) -> None:
        raise LogWriteError("No space left on device")

    log.log = full  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, ["4", "0", "enter", "f10"])
        while sale_screen(app).counter.prompt is not None:
            await burst(pilot, ["n"])
        await burst(pilot, ["enter"])
        await settle(pilot)
        assert app.writer.backlog > 0
        await burst(pilot, ["ctrl+q"])
        assert app.is_running, "the first Ctrl+Q says what is unsaved and stays"
        assert any("not on disk yet" in str(note.message) for note in app._notifications)
        await burst(pilot, ["ctrl+q"])
    assert app.writer.close() == [], "kept in set-aside/"
    (aside,) = (data_dir / "set-aside").glob("T1.*.unsaved")
    tables = [json.loads(line)["table"] for line in aside.read_text().splitlines()]
    assert "orders" in tables


async def test_a_terminal_taken_by_another_process_says_it_takes_no_more_sales(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, ["4", "0", "enter", "f10"])
        while sale_screen(app).counter.prompt is not None:
            await burst(pilot, ["n"])
        await burst(pilot, ["enter", "enter"])  # paid; no order open
        await settle(pilot)
        (data_dir / "locks" / "T1.lock").unlink()
        other = make_app(data_dir)  # a second T1 takes the terminal
        await burst(pilot, ["4", "1", "enter"])  # its open order cannot be kept where it belongs
        await settle(pilot)
        screen = sale_screen(app)
        screen._tick()
        alert = str(screen.query_one("#alert", Static).content)
        assert alert.startswith("NO MORE SALES HERE") and "another pos process has taken" in alert
        await burst(pilot, ["4", "2", "enter"])
        assert "takes no more sales" in screen.counter.message
    other.writer.close()
    assert app.writer.close() == []


def test_a_set_clock_sells_as_training(data_dir: Path) -> None:
    from pos.commands.cashier import build_app

    args = argparse.Namespace(
        menu=None,
        cashier="C1",
        data=str(data_dir),
        now=datetime(2026, 11, 23, 8, 0),
        terminal="T1",
        printer=None,
    )
    app = build_app(args)
    try:
        assert str(app.mode) == "training"
        assert any("this session is training" in notice for notice in app.notices)
    finally:
        app.writer.close()


async def test_a_training_session_says_so_in_its_header(data_dir: Path) -> None:
    from pos.widgets.status_bar import StatusBar

    live = make_app(data_dir)
    async with live.run_test(size=(100, 30)):
        assert "TRAINING" not in str(live.screen.query_one(StatusBar).render())
    live.writer.close()
    from pos.app_factory import make_app as make_pos_app
    from pos.core.base.clock import FixedClock
    from pos.core.selling.menu_loader import load_menu
    from tests.conftest import BURGERS_V1

    app = make_pos_app(
        menu=load_menu(BURGERS_V1),
        data_dir=data_dir,
        terminal="T1",
        clock=FixedClock(datetime(2026, 11, 23, 8, 0)),
        cashier="C1",
        training=True,
    )
    async with app.run_test(size=(100, 30)):
        assert str(app.screen.query_one(StatusBar).render()).startswith("TRAINING")
    app.writer.close()


async def test_signing_out_and_in_again_does_not_lift_a_pause_on_wrong_codes(data_dir: Path) -> None:
    from pos.core.codes import code_format as fmt
    from pos.core.codes.wrong_codes import LIMIT

    app = make_app(data_dir)
    wrong = fmt.encode(fmt.Parts(3, 0, 12345))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(LIMIT):
            await burst(pilot, [*wrong, "enter"])
        await burst(pilot, ["f2", *"C2", "enter", *wrong, "enter"])
        screen = app.screen
        assert isinstance(screen, SaleScreen) and screen.counter.shop.station.cashier == "C2"
        assert screen.counter.message.startswith("Codes paused here")
    app.writer.close()


async def test_an_open_order_that_cannot_be_kept_is_said_and_kept_once_it_can(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        (data_dir / "open").write_text("")  # a file where the open orders go, made while T1 runs
        await burst(pilot, ["4", "0", "enter"])
        app.writer.retry().result(timeout=10)  # one writer thread: what was handed over before is done
        screen = sale_screen(app)
        screen._tick()
        alert = str(screen.query_one("#alert", Static).content)
        assert alert.startswith("NOT SAVED") and f"{data_dir / 'open'}: is not a folder" in alert
        (data_dir / "open").unlink()
        app.writer.retry().result(timeout=10)  # as each second's tick does: kept now
        screen._tick()
        assert not screen.query_one("#alert", Static).display
        assert json.loads((data_dir / "open" / "T1.json").read_text())["lines"][0]["code"] == "40"
