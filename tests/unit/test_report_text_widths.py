"""The text report at any terminal width: every label whole, every figure whole, nothing cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from pos.core.analytics.metrics import value_of
from pos.core.analytics.report import build_report
from pos.core.analytics.report_labels import Labels
from pos.core.selling.menu_loader import load_menu
from pos.reports.metrics_table import metric_cells, metrics_table, order_cells
from tests.conftest import MENUS
from tests.support.hand_logs import simulated

NAMES = Labels.of(load_menu(MENUS / "burger_counter.toml")).names


def _shown(table: object, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(table)
    return console.export_text().splitlines()


@pytest.mark.parametrize(
    ("by", "width"),
    [
        (("kind", "offer"), 80),
        (("declined_before",), 80),
        (("cashier",), 80),
        (("cashier",), 110),
        (("kind",), 120),
    ],
)
def test_at_any_width_each_label_and_its_figures_are_whole(
    data_dir: Path, by: tuple[str, ...], width: int
) -> None:
    simulated(data_dir, orders=400, seed=3, cashiers=2, days=1)
    report = build_report(data_dir, by)
    lines = [line.strip() for line in _shown(metrics_table(report, NAMES, "USD", width), width)]
    assert not any("…" in line for line in lines)
    header = next(line for line in lines if "Shown" in line)
    assert ("Orders" in header) is (by == ("cashier",))
    stacked = [" · ".join(name.capitalize() for name in by)] == [
        line for line in lines if line.startswith(by[0].capitalize())
    ][:1]
    for row in report.rows:
        names = [str(value_of(row, name)) for name in by]
        label = " · ".join(
            f"{code} {NAMES[code]}" if name == "offer" else code for name, code in zip(by, names, strict=True)
        )
        if stacked:  # the label on a line of its own, its figures on the next
            figures = lines[lines.index(label) + 1].split()
        else:
            (line,) = [line for line in lines if line.split()[: len(by)] == names and "·" not in line]
            figures = line.split()[len(by) :]
        last = metric_cells(row, "USD")[-1 if width >= 110 else 7]
        if "Orders" in header:  # a cashier's own orders, and their average ticket where it fits
            last = order_cells(row, "USD")[1 if "Avg ticket" in header else 0]
        assert figures[0] == f"{row['shown']:,}" and figures[-1] == last


def test_a_wide_terminal_keeps_label_and_figures_on_one_line(data_dir: Path) -> None:
    simulated(data_dir, orders=120, seed=3, cashiers=2, days=1)
    report = build_report(data_dir, ("kind", "offer"))
    lines = [line.split() for line in _shown(metrics_table(report, NAMES, "USD", 160), 160)]
    row = report.rows[0]
    assert any(
        line[:2] == [str(row["kind"]), str(row["offer"])] and f"{row['shown']:,}" in line for line in lines
    )


def test_a_row_that_kept_more_than_it_agreed_says_why_on_the_row(data_dir: Path) -> None:
    """A yes to a meal is agreed at the price quoted with its cheapest sides; the dearer drink chosen
    after it is kept (what the order gained) but was never agreed."""
    from datetime import datetime

    from pos.core.analytics.dashboard import build_dashboard
    from pos.core.analytics.report import History
    from pos.reports import html
    from pos.reports.metrics_table import LEGEND
    from pos.reports.report_columns import MORE_THAN_AGREED, kept_of_agreed
    from tests.support.hand_logs import order, prompt, write

    meal = {"code": "31", "name": "Cheeseburger Meal", "size": None, "qty": 1, "unit_price": 689}
    write(
        data_dir,
        [
            prompt(kind="meal", offer="31", delta=71, seq=1),
            prompt(kind="cross_sell", offer="40", delta=139, seq=2),
        ],
    )
    lines = [
        {**meal, "source": "meal", "prompt": 1, "added": 91, "components": []},
        {"code": "40", "name": "Apple Pie", "size": None, "qty": 1, "unit_price": 139, "source": "cross_sell"}
        | {"prompt": None, "added": 0},
    ]
    write(data_dir, [order(total=828, lines=lines, voided_lines=[])], table="orders")
    report = build_report(data_dir, ("kind",))
    kept = {row["kind"]: metric_cells(row, "USD")[6] for row in report.rows}
    assert kept == {"cross_sell": "$0.00", "meal": "$0.91" + MORE_THAN_AGREED}
    assert MORE_THAN_AGREED in LEGEND
    (table,) = [line for line in _shown(metrics_table(report, NAMES, "USD", 120), 120) if "meal" in line]
    assert "$0.91" + MORE_THAN_AGREED in table and "$0.71" in table
    page = html.page(
        build_dashboard(History.load(data_dir), ("kind",)), NAMES, "USD", "x", datetime(2026, 11, 23, 18, 0)
    )
    assert "$0.91" + MORE_THAN_AGREED in page
    meal_row = next(row for row in report.rows if row["kind"] == "meal")
    assert (
        kept_of_agreed(meal_row, "USD")
        == "kept $0.91, more than the $0.71 agreed (dearer choices after a yes)"
    )
    assert kept_of_agreed(report.totals, "USD") == "kept $0.91 of $2.10 agreed"


def test_the_html_page_never_cuts_an_offer_s_name_and_says_which_rate_its_trend_plots(data_dir: Path) -> None:
    from datetime import date, datetime
    from html import escape

    from pos.core.analytics.dashboard import build_dashboard
    from pos.core.analytics.report import History
    from pos.core.log.eventlog import EventLog
    from pos.core.training.simulate import simulate
    from pos.reports import html
    from tests.support.taco_menu import TACO_MENU, taco_menu

    menu = taco_menu(TACO_MENU + '\n[[cross_sell]]\nwhen = ["category:main"]\noffer = "P1"\n')
    with EventLog(data_dir, "SIM", sync=False) as log:
        simulate(menu, log, orders=120, seed=2, cashiers=1, first_day=date(2026, 11, 1), days=3)
    page = html.page(
        build_dashboard(History.load(data_dir)), menu.names(), "USD", "Taco", datetime(2026, 11, 4, 9, 0)
    )
    bars = page.split("<h2>Asking and acceptance</h2>")[1].split("<h2>")[0]
    assert f"{escape(' -> Pan de Muerto')}<" in bars, "the rule's label whole"
    trend = page.split("<h2>Trend over days</h2>")[1].split("<h2>")[0]
    assert "Acceptance rate (accepted / asked) by day, from 2026-11-01 to 2026-11-03" in trend
