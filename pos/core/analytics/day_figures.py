"""The figures of a day's close (and of an X reading), per terminal: its paid orders, sales, tax and
tenders by kind (the order records, each once, as `pos.core.analytics.log_records` reads them), the
approvals of the day (refunds, voids after the receipt, no-sales, discounts: the audit table, by
`action`), and its prompts asked and accepted, the money they kept and the receipt codes issued and
redeemed (the acceptance-rate report itself, `pos.core.analytics.report`, on that terminal and day).
Live records only: a drill or a set clock never counts in a close.

The drawer's expected cash is the cash tendered, less the change given, less the money given back
in cash (a refund, a line voided after the receipt: `pos.core.base.money_back` says how much of it
is cash). A discount by hand counts as the paid order's discount line (what the order took of it,
the order capped it), not as the audit event that approved it: a voided order gives none.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct

from pos.core.analytics.log_records import counted_records, decoded
from pos.core.analytics.record_currencies import RecordCurrencies
from pos.core.analytics.report import Filters, build_report
from pos.core.base.events import NO_SALE, REFUND, VOID_LINE, AuditEvent, Mode, OrderRecord, Status
from pos.core.base.money_back import TENDER_KINDS, MoneyBack
from pos.core.log.eventlog import AUDIT, ORDERS
from pos.core.log.log_layout import log_files
from pos.core.selling.rewards import hand_discount_given
from pos.core.store.settings import load_settings

MONEY_BACK = (REFUND, VOID_LINE)
_COUNTED = (*MONEY_BACK, NO_SALE)
"""The approvals the close counts from the audit table (a discount by hand: from the paid order)."""


class Figures(Struct, kw_only=True):
    """One terminal's day, or the store's (the terminals' added up); money in minor units."""

    orders: int = 0
    sales: int = 0
    """What the paid orders came to, tax included."""
    tax: int = 0
    tenders: dict[str, int] = msgspec.field(default_factory=lambda: dict.fromkeys(TENDER_KINDS, 0))
    """What was tendered, by kind: change not taken off."""
    change: int = 0
    refunds: int = 0
    refunded: int = 0
    voids: int = 0
    """Lines voided after the receipt."""
    voided: int = 0
    no_sales: int = 0
    discounts: int = 0
    discounted: int = 0
    cash_back: int = 0
    """The money given back (refunds and voids) that came out of the drawer."""
    asked: int = 0
    accepted: int = 0
    kept: int = 0
    """What the prompts added to the paid orders (the report's `added_revenue`)."""
    codes_issued: int = 0
    codes_redeemed: int = 0

    @property
    def net_sales(self) -> int:
        """The sales less the money given back (refunds, voids after the receipt)."""
        return self.sales - self.refunded - self.voided

    @property
    def expected_cash(self) -> int:
        return self.tenders["cash"] - self.change - self.cash_back

    def __add__(self, other: Figures) -> Figures:
        return self._with(other, operator.add)

    def __sub__(self, other: Figures) -> Figures:
        """What these figures hold that `other`, taken earlier, did not: the day since a close."""
        return self._with(other, operator.sub)

    def _with(self, other: Figures, how: Callable[[int, int], int]) -> Figures:
        figures = {name: how(getattr(self, name), getattr(other, name)) for name in _COUNTS}
        tenders = {kind: how(self.tenders[kind], other.tenders[kind]) for kind in TENDER_KINDS}
        return Figures(tenders=tenders, **figures)


_COUNTS = tuple(name for name in Figures.__struct_fields__ if name != "tenders")


class DayFigures(Struct, kw_only=True):
    day: date
    currency: str
    terminals: dict[str, Figures]
    notices: list[str] = msgspec.field(default_factory=list)
    names: dict[str, str] = msgspec.field(default_factory=dict)
    """The terminals' names in the store's settings (`[terminals]`) at the time: those it names."""

    @property
    def store(self) -> Figures:
        return sum(self.terminals.values(), Figures())


def day_figures(data_dir: Path, day: date, currency: str) -> DayFigures:
    """The day's figures; `currency` when the day's records name none of their own. Raises
    SettingsError (a bad store.toml)."""
    named = load_settings(data_dir).terminals
    layout = log_files(data_dir, day, day)
    notices = list(layout.notices)
    seen: set[tuple[str, ...]] = set()
    orders = [
        record
        for record in counted_records(
            layout.files(day.isoformat(), ORDERS), OrderRecord, layout.store_ids[data_dir], seen, notices
        )
        if record["mode"] == Mode.LIVE
    ]
    approvals = list(_approvals(layout.files(day.isoformat(), AUDIT), notices))
    terminals = {record["terminal"] for record in orders} | {event.terminal for event in approvals}
    found: dict[str, Figures] = {name: Figures() for name in sorted(terminals)}
    for record in orders:
        if record["status"] == Status.PAID:
            _add_order(found[record["terminal"]], record)
    _add_approvals(found, approvals, {record["order"]: record for record in orders})
    for terminal, figures in found.items():
        _add_prompts(figures, data_dir, day, terminal)
    recorded = RecordCurrencies(layout)
    currencies = {recorded.of(layout.store_ids[data_dir], day.isoformat(), name) for name in found}
    known = {found for found in currencies if found is not None}
    return DayFigures(
        day=day,
        currency=next(iter(known)) if len(known) == 1 else currency,
        terminals=found,
        notices=notices,
        names={terminal: named[terminal] for terminal in found if terminal in named},
    )


def _add_order(figures: Figures, record: dict[str, Any]) -> None:
    figures.orders += 1
    figures.sales += record["total"]
    figures.tax += record["tax"]
    figures.change += record["change"]
    for tender in record["tenders"]:
        figures.tenders[tender["kind"]] += tender["amount"]
    discount = hand_discount_given(record["lines"])
    if discount:
        figures.discounts, figures.discounted = figures.discounts + 1, figures.discounted + discount


def _add_approvals(
    found: dict[str, Figures], approvals: list[AuditEvent], orders: dict[str, dict[str, Any]]
) -> None:
    left: dict[str, MoneyBack] = {}
    """What each order still holds by tender: what money given back comes out of."""
    for event in sorted(approvals, key=lambda event: event.ts):
        figures = found[event.terminal]
        amount = event.amount or 0
        if event.action == REFUND:
            figures.refunds, figures.refunded = figures.refunds + 1, figures.refunded + amount
        elif event.action == VOID_LINE:
            figures.voids, figures.voided = figures.voids + 1, figures.voided + amount
        elif event.action == NO_SALE:
            figures.no_sales += 1
        if event.action in MONEY_BACK:
            order = event.order or ""
            if order not in left:
                left[order] = _money_back(orders.get(order))
            figures.cash_back += left[order].take(amount).get("cash", 0)


def _money_back(record: dict[str, Any] | None) -> MoneyBack:
    if record is None:
        return MoneyBack()
    return MoneyBack(((tender["kind"], tender["amount"]) for tender in record["tenders"]), record["change"])


def _approvals(files: list[tuple[Path, Path]], notices: list[str]) -> Iterator[AuditEvent]:
    """The day's live approvals of money and the drawer, each once (an event written twice is one)."""
    seen: set[bytes] = set()
    for _, _, event in decoded(files, AuditEvent, notices):
        key = msgspec.json.encode(event)
        if event.mode == Mode.LIVE and event.action in _COUNTED and key not in seen:
            seen.add(key)
            yield event


def _add_prompts(figures: Figures, data_dir: Path, day: date, terminal: str) -> None:
    report = build_report(data_dir, (), Filters(start=day, until=day, terminal=terminal))
    figures.asked = report.totals["asked"]
    figures.accepted = report.totals["accepted"]
    figures.kept = report.totals["added_revenue"]
    if report.after_sale is not None:
        figures.codes_issued = report.after_sale["issued"]
        figures.codes_redeemed = report.after_sale["redeemed"]
