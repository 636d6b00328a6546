"""Each report row's currency: money is never added up across currencies.

A row (and the totals, the receipts' codes, and each learned rule's figures, of one store) is in the
currency its stores sell in; where they
sell in several, its `currency` is None and so is every sum of money on it, in every format.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from pos.core.analytics.report import Report

MONEY_FIELDS = (
    "added_revenue",
    "accepted_value",
    "added_per_prompt_second",
    "caused_per_100",
    "avg_ticket",
    "added_per_order",
)
"""A row's sums of money (minor units, or minor units per second)."""


def priced(report: Report, currencies: Mapping[str, str], fallback: str | None) -> Report:
    """The report with each row's, the totals' and the codes' `currency`; `currencies` is each
    store's by its id, `fallback` that of a store the menus recorded do not name."""

    def currency_of(stores: Iterable[str]) -> str | None:
        found = {currencies.get(store, fallback) for store in stores}
        return found.pop() if len(found) == 1 else fallback if not found else None

    for row, stores in zip(report.rows, report.row_stores, strict=True):
        _price(cast(dict[str, Any], row), currency_of(stores), MONEY_FIELDS)
    _price(cast(dict[str, Any], report.totals), currency_of(report.stores), MONEY_FIELDS)
    if report.after_sale is not None:
        _price(
            cast(dict[str, Any], report.after_sale), currency_of(report.code_stores), ("redeeming_revenue",)
        )
    report.learned = [{**rule, "currency": currency_of([rule["store_id"]])} for rule in report.learned]
    return report


def _price(row: dict[str, Any], currency: str | None, money: tuple[str, ...]) -> None:
    row["currency"] = currency
    if currency is None:
        for name in money:
            if name in row:
                row[name] = None
