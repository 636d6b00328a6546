"""The column table (`pos.reports.report_columns`) is the one source of a report's columns: a
column added to it, or taken out, shows so in the terminal table, CSV, JSON, the HTML page and the
report screen's summary line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from rich.console import Console

from pos.core.analytics.dashboard import build_dashboard
from pos.core.analytics.lift import Lift
from pos.core.analytics.metrics import Metrics
from pos.core.analytics.report import History
from pos.core.log.eventlog import EventLog
from pos.core.selling.menu_loader import load_menu
from pos.core.training.simulate import simulate
from pos.reports import html, metrics_table, report_columns, text
from pos.reports.report_columns import DRAWN, Column, Where, counted
from tests.conftest import MENUS


def test_the_data_columns_are_every_figure_of_a_row_in_order() -> None:
    """CSV and JSON write each prompt metric, the lift's, the orders' and the currency, as the spec's
    JSON rows carry them: the table and the core's figures never drift apart."""
    data = [c.key for c in report_columns.COLUMNS if c.where & Where.DATA]
    figures = [name for name in Metrics.__annotations__ if name not in Lift.__annotations__]
    orders = ["orders", "avg_ticket", "added_per_order", "currency"]
    assert data == [*figures, *Lift.__annotations__, *orders]


def test_a_column_put_in_the_table_shows_in_every_format(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    menu = load_menu(MENUS / "burger_counter.toml")
    with EventLog(data_dir, "T1", sync=False) as log:
        simulate(menu, log, orders=16, seed=3, cashiers=2, first_day=date(2026, 11, 2), days=1)
    dashboard = build_dashboard(History.load(data_dir), ("cashier",))
    report = dashboard.report
    for row in [*report.rows, report.totals]:  # a figure the core would add to each row
        cast(dict[str, Any], row)["noes"] = row["declined"]
    without_conversion = [c for c in report_columns.COLUMNS if c.key != "conversion"]
    noes = Column(
        "noes", "Noes", counted("noes"), DRAWN | Where.SCREEN, said=lambda row, _: f"{row['declined']} noes"
    )
    monkeypatch.setattr(report_columns, "COLUMNS", (*without_conversion, noes))

    console = Console(width=200, record=True, color_system=None)
    console.print(metrics_table.metrics_table(report, menu.names(), "USD", 200))
    header = next(line for line in console.export_text().splitlines() if "Shown" in line).split()
    assert "Noes" in header and "Conversion" not in header

    (fields, *rows) = list(csv.reader(io.StringIO(text.csv_text(report))))
    assert fields[-1] == "noes" and "conversion" not in fields
    assert [row[-1] for row in rows] == [str(row["declined"]) for row in report.rows]

    shown = json.loads(text.json_text(report))
    assert [row["noes"] for row in shown["rows"]] == [row["declined"] for row in report.rows]
    assert shown["totals"]["noes"] == report.totals["declined"]
    assert not any("conversion" in row for row in [*shown["rows"], shown["totals"]])

    page = html.page(dashboard, menu.names(), "USD", "x", datetime(2026, 11, 2, 18, 0))
    numbers = page.split("<h2>The numbers by cashier</h2>")[1].split("<h2>")[0]
    assert "<th>Noes</th>" in numbers and "Conversion" not in numbers
    assert f"<td>{report.totals['declined']:,}</td></tr></table>" in numbers, "the totals' noes, last"

    summary = report_columns.said(report.totals, "USD")  # the report screen's summary line
    assert summary.startswith("shown ") and summary.endswith(f" · {report.totals['declined']} noes")
