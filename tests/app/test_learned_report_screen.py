"""The report screen's section on what the learning adds: shown for a history with learned choices,
under the screen's filters, and not at all for one without."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from rich.console import Console
from textual.widgets import Input, Static

from pos.core.analytics.report import Filters
from pos.core.analytics.report_labels import Labels
from pos.core.selling.menu_loader import load_menu
from pos.report_app import ReportApp
from pos.screens.report import ReportScreen
from tests.conftest import MENUS
from tests.support.learned_logs import learned_shop


def shown(screen: ReportScreen) -> str:
    console = Console(width=110, record=True, file=io.StringIO())
    console.print(screen.query_one("#learned", Static).content)
    return console.export_text()


async def test_the_report_screen_says_what_the_learning_adds(data_dir: Path) -> None:
    learned_shop(data_dir)
    app = ReportApp(
        data_dir, Labels.of(load_menu(MENUS / "all_day_counter.toml")), Filters(), date(2026, 11, 23)
    )
    async with app.run_test(size=(110, 50)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReportScreen)
        section = screen.query_one("#learned", Static)
        assert section.display
        text = shown(screen)
        assert "add-on after a main: no proof yet that choosing the offer by context" in text
        assert "always Medium Fries" in text and "breakfast · 1 line" in text
        screen.query_one("#cashier", Input).value = "B"
        screen.query_one("#cashier", Input).focus()
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert not section.display, "B's prompts learned nothing: no section"
