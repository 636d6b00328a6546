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
from pos.reports.learned_tables import learned_text
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
        learned_text(
            dashboard.report.learned, names, currency, store_currencies or {}, dashboard.store_names
        ),
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


LEARNED_FIELDS = (
    *(
        "store_id",
        "rule",
        "currency",
        "daypart",
        "has",
        "lines",
        "choice",
        "offer",
        "size",
        "chances",
        "kept",
    ),
    *("per_chance", "low", "high", "adds", "adds_low", "adds_high"),
)
"""The columns of `pos report --format csv --learned`: a row per figure of `pos.core.analytics.learned_rules`,
money in its store's `currency`. `choice` says which: `learned` (the learned choice, in a context or, with the context's columns
empty, in all), `offered` (an offer where it was made, in a context), `always` (always that offer,
in all, with what the learning `adds` over it) or `asking` (a chance asked against one held out)."""


def learned_csv(report: Report) -> str:
    """Every learned rule's figures, a row each (`LEARNED_FIELDS`); money per chance in minor units."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LEARNED_FIELDS)
    for rule in report.learned:
        sizes = dict(zip(rule["offers"], rule["sizes"], strict=True))
        rows: list[Mapping[str, object]] = []
        for context in rule["contexts"]:
            place = {**context["context"], "has": ",".join(context["context"]["has"])}
            rows.append({**place, "choice": "learned", **context})
            rows += [{**place, "choice": "offered", **offered} for offered in context["candidates"]]
        rows.append({"choice": "learned", **rule})
        rows += [{"choice": "always", "chances": rule["chances"], **fixed} for fixed in rule["fixed"]]
        if rule["asking"] is not None:
            rows.append({"choice": "asking", **rule["asking"]})
        for row in rows:
            found = {"store_id": rule["store_id"], "rule": rule["rule"], "currency": rule["currency"], **row}
            if "offer" in found:
                found["size"] = sizes[str(found["offer"])]
            writer.writerow([_csv_cell(found.get(name), False) for name in LEARNED_FIELDS])
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
