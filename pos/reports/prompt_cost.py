"""What a prompt costs: counter time and what a second of it keeps, and prompt fatigue, acceptance
as the prompts in an order add up."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from pos.core.analytics.dashboard import Dashboard
from pos.core.analytics.metrics import Row, value_of
from pos.core.analytics.report import Report
from pos.reports.figures import interval
from pos.reports.report_columns import column
from pos.reports.row_labels import cashier_labels, key_text, rule_labels

COST_COLUMNS = ("shown", "seconds_per_prompt", "added_revenue", "added_per_prompt_second")
"""The columns (`pos.reports.report_columns`) of the cost of a prompt, in its order."""


def cost_labels() -> tuple[str, ...]:
    return ("", *(column(key).label for key in COST_COLUMNS))


def cost_rows(
    dashboard: Dashboard, names: dict[str, str], currency: str | None, rules: bool
) -> list[list[str]]:
    """What a prompt costs in counter time and what a second of it keeps: by kind, by cashier,
    and with `rules` by rule; each group after a row naming it."""
    groups = [
        ("By kind", dashboard.by_kind.rows, [key_text(row["kind"]) for row in dashboard.by_kind.rows]),
        ("By cashier", dashboard.by_cashier.rows, cashier_labels(dashboard)),
    ]
    if rules:
        groups.append(("By rule", dashboard.by_rule.rows, rule_labels(dashboard, names)))

    def figures(row: Row) -> list[str]:
        return [column(key).draw(row, currency) for key in COST_COLUMNS]

    rows: list[list[str]] = []
    for title, group, labels in groups:
        rows.append([title, *[""] * len(COST_COLUMNS)])
        rows += [["  " + label, *figures(row)] for row, label in zip(group, labels, strict=True)]
    rows.append(["All prompts", *figures(dashboard.report.totals)])
    return rows


def cost_table(dashboard: Dashboard, currency: str | None) -> Table:
    table = Table(title="The cost of a prompt", title_justify="left", box=box.SIMPLE_HEAD)
    for label in cost_labels():
        table.add_column(label, justify="right" if label else "left")
    for cells in cost_rows(dashboard, {}, currency, rules=False):
        table.add_row(*(Text(cell) for cell in cells), style="bold" if not cells[1] else "")
    return table


FATIGUE_ROWS = 8
"""Places in an order shown; later ones are rare."""


def fatigue_table(by_place: Report, by_declined: Report) -> Table:
    """Acceptance by the prompt's number among those the customer heard, and by the noes before it."""
    table = Table(
        title="Prompt fatigue: acceptance by the prompt's number among those the customer heard, and by the customer's noes before it",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    for label in ("Prompt no.", "Asked", "Accepted", "Noes before", "Asked ", "Accepted "):
        table.add_column(label, justify="right")
    places, declined = by_place.rows[:FATIGUE_ROWS], by_declined.rows[:FATIGUE_ROWS]
    for index in range(max(len(places), len(declined))):
        cells: list[str] = []
        for rows, name in ((places, "heard"), (declined, "declined_before")):
            if index < len(rows):
                row = rows[index]
                cells += [f"{value_of(row, name)}", f"{row['asked']:,}", interval(row, decimals=0)]
            else:
                cells += ["", "", ""]
        table.add_row(*cells)
    return table
