"""The text report at any terminal width: every label whole, every figure whole, nothing cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from pos.core.menu_loader import load_menu
from pos.core.metrics import value_of
from pos.core.report import build_report
from pos.core.report_labels import Labels
from pos.reports.text import metric_cells, metrics_table
from tests.conftest import MENUS
from tests.unit.history import simulated

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
        assert (
            figures[0] == f"{row['shown']:,}"
            and figures[-1] == metric_cells(row, "USD")[-1 if width >= 110 else 7]
        )


def test_a_wide_terminal_keeps_label_and_figures_on_one_line(data_dir: Path) -> None:
    simulated(data_dir, orders=120, seed=3, cashiers=2, days=1)
    report = build_report(data_dir, ("kind", "offer"))
    lines = [line.split() for line in _shown(metrics_table(report, NAMES, "USD", 160), 160)]
    row = report.rows[0]
    assert any(
        line[:2] == [str(row["kind"]), str(row["offer"])] and f"{row['shown']:,}" in line for line in lines
    )
