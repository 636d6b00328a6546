"""A report as the terminal shows it, as CSV and as JSON: the same rows in each. Its sections are
drawn by `metrics_table`, `outcomes`, `prompt_cost` and `coaching_tables`; the columns of CSV and
JSON are those of `report_columns`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any, cast

from rich.console import Group
from rich.text import Text

from pos.core.analytics.dashboard import Dashboard
from pos.core.analytics.metrics import Row
from pos.core.analytics.report import Report
from pos.core.base.text import json_safe
from pos.reports.coaching_tables import coaching_table, wording_table
from pos.reports.metrics_table import (
    LEGEND,
    NOT_ADDED,
    metrics_table,
)
from pos.reports.outcomes import after_sale_line, approvals_lines, lift_text, orders_line
from pos.reports.prompt_cost import cost_table, fatigue_table
from pos.reports.report_columns import data_fields, rates
from pos.reports.spreadsheet import text_cell


def full_text(
    dashboard: Dashboard,
    names: dict[str, str],
    currency: str | None,
    width: int,
    store_currencies: Mapping[str, str] | None = None,
) -> Group:
    """`currency` None: the stores sell in several, and `store_currencies` says each one's."""
    return Group(
        metrics_table(dashboard.report, names, currency, width, store_currencies),
        Text(LEGEND + ("" if currency else "\n" + NOT_ADDED), style="dim"),
        orders_line(dashboard.report, currency),
        after_sale_line(dashboard.report, currency),
        *(Text(line) for line in approvals_lines(dashboard.report, currency)),
        lift_text(dashboard, names, currency, store_currencies),
        cost_table(dashboard, currency),
        fatigue_table(dashboard.by_place, dashboard.by_declined),
        wording_table(dashboard.wording, names, dashboard.variants_shown),
        Text(""),
        coaching_table(dashboard.stores, dashboard.cashiers, currency, store_currencies),
    )


def csv_text(report: Report) -> str:
    out = io.StringIO()
    fields = data_fields(report)
    fractions = rates()
    rows = report.rows if report.by else [report.totals]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        found = cast(Mapping[str, object], row)
        writer.writerow([_csv_cell(found.get(name), name in fractions) for name in fields])
    return out.getvalue()


def _csv_cell(value: Any, rate: bool) -> str:
    if value is None:
        return ""
    if rate:
        return f"{value:.6f}"
    if isinstance(value, str):
        return text_cell(value)
    return str(value)


def json_text(report: Report) -> str:
    fields = data_fields(report)

    def data(row: Row) -> dict[str, object]:
        found = cast(Mapping[str, object], row)
        return {name: found[name] for name in fields if name in found}

    rows = {"totals": data(report.totals), "rows": [data(row) for row in report.rows]}
    return json_safe(json.dumps({**report.as_dict(), **rows}, ensure_ascii=False, indent=2)) + "\n"
