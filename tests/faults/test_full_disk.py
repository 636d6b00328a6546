"""A full disk: a clear message, the open order kept, nothing answered lost, and logging
that resumes when space returns. On a real (tiny) tmpfs where the machine allows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from pos.core.log.eventlog import EventLog
from pos.core.log.log_writer import LogWriter
from pos.core.log.storage import LogWriteError
from pos.screens.sale import SaleScreen
from tests.support.answering_process import event
from tests.support.app_harness import make_app, settle
from tests.support.mounts import fill, tmpfs


def logged(data_dir: Path) -> list[int]:
    path = data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl"
    return [json.loads(line)["delta"] for line in path.read_text().splitlines()] if path.exists() else []


def test_the_writer_keeps_records_until_space_returns(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk") as disk:
        writer = LogWriter(EventLog(disk, "T1"))
        writer.prompt(event("T1", 1)).result(timeout=10)
        filler = fill(disk)
        # The file's last page may still hold a few records before the disk says no.
        number, refused = 1, None
        while refused is None and number < 50:
            number += 1
            try:
                writer.prompt(event("T1", number)).result(timeout=10)
            except LogWriteError as error:
                refused = error
        assert refused is not None and "No space left on device" in str(refused)
        first_refused = number
        for number in range(first_refused + 1, first_refused + 3):
            with pytest.raises(LogWriteError):
                writer.prompt(event("T1", number)).result(timeout=10)
        assert writer.backlog == 3 and "No space left on device" in (writer.error or "")
        assert logged(disk) == list(range(1, first_refused)), "no partial record was left behind"
        filler.unlink()
        writer.retry().result(timeout=10)
        assert writer.backlog == 0 and writer.error is None
        writer.prompt(event("T1", number + 1)).result(timeout=10)
        writer.close()
        assert logged(disk) == list(range(1, number + 2))


async def test_the_screen_says_so_and_keeps_the_order(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", size="512k") as disk:
        app = make_app(disk)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("4", "0", "enter")  # an apple pie: no prompts, opens the day's files
            await settle(pilot)
            filler = fill(disk)
            await pilot.press("1", "enter", "y", "n")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SaleScreen)
            screen._tick()
            alert = screen.query_one("#alert", Static)
            assert alert.display and "No space left on device" in str(alert.content)
            assert [line.item.code for line in screen.counter.sale.order.lines] == ["40", "31"]
            filler.unlink()
            screen._tick()
            await settle(pilot)
            screen._tick()
            assert not alert.display
        app.writer.close()
        path = disk / "log" / "2026-11-23" / "T1.prompts.jsonl"
        outcomes = [json.loads(line)["outcome"] for line in path.read_text().splitlines()]
        assert outcomes == ["accepted", "declined"]
