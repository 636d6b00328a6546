"""`pos report --tui`: the report screen on its own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from textual.app import App

from pos.core.analytics.report import Filters
from pos.core.analytics.report_labels import Labels
from pos.core.base.clock import SystemClock
from pos.screens.report import ReportScreen
from pos.terminal import need_a_terminal


class ReportApp(App[None]):
    CSS_PATH = "pos.tcss"
    TITLE = "pos report"

    def __init__(
        self, data_dir: Path | Sequence[Path], labels: Labels, filters: Filters, today: date
    ) -> None:
        super().__init__()
        self._screen = ReportScreen(data_dir, labels, today, filters)

    def get_default_screen(self) -> ReportScreen:
        return self._screen


def run_report_app(data_dir: Path | Sequence[Path], labels: Labels, filters: Filters) -> int:
    need_a_terminal("the report screen")
    app = ReportApp(data_dir, labels, filters, SystemClock().now().date())
    app.run()
    return app.return_code or 0
