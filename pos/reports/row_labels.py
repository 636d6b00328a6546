"""How a report names its rows: a group by its key, a store by its name, a rule as a manager reads it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pos.core.analytics.dashboard import Dashboard
from pos.core.analytics.metrics import Row, value_of
from pos.core.analytics.report import Report
from pos.core.analytics.report_fields import ITEM_FIELDS
from pos.core.analytics.store_scope import cashier_label, in_store, store_names
from pos.core.base.text import printable
from pos.core.selling.rule_ids import rule_label


def key_text(value: Any, field: str = "", names: dict[str, str] | None = None) -> str:
    """A group's label, printable (logs are outside text); shown as `Text`, never as markup."""
    if value is None:
        return "(none)"
    if field == "rule":
        return printable(rule_label(str(value), names or {}))
    if names and field in ITEM_FIELDS and value in names:
        return printable(f"{value} {names[value]}")
    return printable(str(value))


def key_labels(report: Report, names: dict[str, str]) -> list[list[str]]:
    """Each row's key as labels: a store by its name, and where another store shares the name, by
    its id too."""
    stores = store_names(report.rows)

    def label(row: Row, name: str) -> str:
        return key_text(stores[row["store_id"]] if name == "store" else value_of(row, name), name, names)

    return [[label(row, name) for name in report.by] for row in report.rows]


def row_currency(row: Row, currency: str | None, store_currencies: Mapping[str, str]) -> str | None:
    """A store's row (`--by store`) is in the store's own currency; any other in the report's."""
    store = row.get("store_id")
    return currency if store is None else store_currencies.get(store, currency)


def cashier_labels(dashboard: Dashboard, width: int | None = None) -> list[str]:
    """The rows by cashier as a manager reads them: "C1", or over several stores "C1 (North)";
    with `width`, each cashier's id cut to it, never the store's name."""
    return [
        printable(cashier_label({**row, "cashier": row["cashier"][:width]}, dashboard.store_names))
        for row in dashboard.by_cashier.rows
    ]


def rule_labels(dashboard: Dashboard, names: dict[str, str]) -> list[str]:
    """The rows by rule as a manager reads them, over several stores after the store's name."""
    return [
        printable(in_store(rule_label(row["rule"], names), row, dashboard.store_names))
        for row in dashboard.by_rule.rows
    ]
