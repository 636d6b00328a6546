"""A report as a Rich table, as CSV and as JSON: the same rows in each."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from pos.core.dashboard import Dashboard
from pos.core.insights import CashierCoaching, WordingTest
from pos.core.money import format_money
from pos.core.report import ORDER_METRICS, PROMPT_METRICS, Report, Row
from pos.core.report_fields import ITEM_FIELDS
from pos.core.text import json_safe, printable

RATES = {"ask_rate", "acceptance_rate", "conversion", "ci_low", "ci_high"}


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def interval(row: Row) -> str:
    if row["acceptance_rate"] is None:
        return "–"
    return f"{row['acceptance_rate'] * 100:.1f} % ({row['ci_low'] * 100:.1f}-{row['ci_high'] * 100:.1f})"


def key_text(value: Any, field: str = "", names: dict[str, str] | None = None) -> str:
    """A group's label, printable (logs are outside text); shown as `Text`, never as markup."""
    if value is None:
        return "(none)"
    if names and field in ITEM_FIELDS and value in names:
        return printable(f"{value} {names[value]}")
    return printable(str(value))


def prompt_label(test: WordingTest, names: dict[str, str]) -> str:
    return printable(f"{test.kind.replace('_', '-')}: {names.get(test.offer, test.offer)}")


METRIC_LABELS = ("Shown", "Asked", "Ask rate", "Acceptance", "95 % CI", "Conversion", "Added", "Median ms")


def metric_cells(row: Row, currency: str) -> list[str]:
    """A row's metrics as shown in the table and the HTML page, in METRIC_LABELS order."""
    ci = "–" if row["ci_low"] is None else f"{row['ci_low'] * 100:.1f}-{row['ci_high'] * 100:.1f}"
    return [
        f"{row['shown']:,}",
        f"{row['asked']:,}",
        percent(row["ask_rate"]),
        percent(row["acceptance_rate"]),
        ci,
        percent(row["conversion"]),
        format_money(row["added_revenue"], currency),
        "–" if row["median_response_ms"] is None else f"{row['median_response_ms']:,}",
    ]


NARROW = 110
"""Below this many columns the table leaves out asked, conversion and median."""


def metrics_table(report: Report, names: dict[str, str], currency: str, width: int = NARROW) -> Table:
    filters = ", ".join(f"{k} {v}" for k, v in report.filters.as_dict().items() if v)
    title = f"Prompts by {', '.join(report.by)}" if report.by else "Prompts"
    table = Table(
        title=Text(printable(f"{title} ({filters})")),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for name in report.by:
        table.add_column(name.capitalize(), overflow="fold", max_width=28)
    wide = width >= NARROW
    keep = [wide or label not in ("Asked", "Conversion", "Median ms") for label in METRIC_LABELS]
    for label, kept in zip(METRIC_LABELS, keep, strict=True):
        if kept:
            table.add_column(label, justify="right", no_wrap=True)

    def cells(row: Row) -> list[str]:
        return [value for value, kept in zip(metric_cells(row, currency), keep, strict=True) if kept]

    for row in report.rows:
        table.add_row(*(Text(key_text(row[name], name, names)) for name in report.by), *cells(row))
    if report.rows:
        table.add_section()
    table.add_row(
        *(["Total"] + [""] * (len(report.by) - 1) if report.by else []), *cells(report.totals), style="bold"
    )
    return table


def orders_line(report: Report, currency: str) -> Text:
    totals = report.totals
    if not totals["orders"]:
        return Text("Orders paid: 0")
    return Text(
        f"Orders paid: {totals['orders']:,}   average ticket {format_money(totals['avg_ticket'], currency)}"
        f"   added by selling per order {format_money(totals['added_per_order'], currency)}"
    )


def wording_table(tests: list[WordingTest], names: dict[str, str]) -> RenderableType:
    if not tests:
        return Text("Which wording works: no rule with pitch variants has been shown yet.")
    table = Table(title="Which wording works", title_justify="left", show_lines=True, box=box.SIMPLE_HEAD)
    table.add_column("Prompt")
    table.add_column("Variant: wording", overflow="fold")
    table.add_column("Asked", justify="right")
    table.add_column("Acceptance (95 % CI)", justify="right")
    for test in tests:
        variants = Text("\n".join(printable(f"{v['variant']}: {v['pitch']}") for v in test.variants))
        label = Text(printable(prompt_label(test, names)) + "\n")
        label.append(printable(test.verdict), style="italic")
        table.add_row(
            label,
            variants,
            "\n".join(f"{v['asked']:,}" for v in test.variants),
            "\n".join(interval(v) for v in test.variants),
        )
    return table


def coaching_table(store: Row, cashiers: list[CashierCoaching], currency: str) -> Table:
    table = Table(title="Coaching: each cashier beside the store", title_justify="left", box=box.SIMPLE_HEAD)
    for label in ("Cashier", "Shown", "Ask rate", "Acceptance", "Added"):
        table.add_column(label, justify="left" if label == "Cashier" else "right")
    table.add_column("Note")
    for coach in cashiers:
        row = coach.row
        table.add_row(
            Text(key_text(row["cashier"])),
            f"{row['shown']:,}",
            percent(row["ask_rate"]),
            percent(row["acceptance_rate"]),
            format_money(row["added_revenue"], currency),
            Text(coach.flag or "", style="bold red"),
        )
    table.add_section()
    table.add_row(
        "Store",
        f"{store['shown']:,}",
        percent(store["ask_rate"]),
        percent(store["acceptance_rate"]),
        format_money(store["added_revenue"], currency),
        "",
        style="bold",
    )
    return table


def full_text(dashboard: Dashboard, names: dict[str, str], currency: str, width: int) -> Group:
    return Group(
        metrics_table(dashboard.report, names, currency, width),
        orders_line(dashboard.report, currency),
        Text(""),
        wording_table(dashboard.wording, names),
        Text(""),
        coaching_table(dashboard.store, dashboard.cashiers, currency),
    )


def csv_text(report: Report) -> str:
    out = io.StringIO()
    if report.by:
        fields = [*report.by, *PROMPT_METRICS]
        rows = report.rows
    else:
        fields = [*PROMPT_METRICS, *ORDER_METRICS]
        rows = [report.totals]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_csv_cell(name, row[name]) for name in fields])
    return out.getvalue()


def _csv_cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name in RATES:
        return f"{value:.6f}"
    return printable(str(value))


def json_text(report: Report) -> str:
    return json_safe(json.dumps(report.as_dict(), ensure_ascii=False, indent=2)) + "\n"
