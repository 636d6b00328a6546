"""What managers approved (the audit table, events spec v3): the orders refunded, whose prompts keep
nothing (a refunded order counts as not paid: its orders, tickets and kept money leave the report),
and per cashier who asked, the refunds, lines voided after the receipt, no-sales and discounts by
hand. A history with no audit table reads as no approvals, so its report is as it was."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from typing import Protocol, TypedDict

import msgspec
import numpy as np
import numpy.typing as npt

from pos.core.analytics.event_table import EventTable
from pos.core.analytics.order_keys import order_keys, with_store
from pos.core.base.bounded_lines import lines_of
from pos.core.base.events import APPROVED_ACTIONS, NO_SALE, REFUND, VOID_LINE, AuditEvent, decoder
from pos.core.log.log_layout import LogFiles


class CashierApprovals(TypedDict):
    cashier: str
    refunds: int
    refunded: int
    voided_lines: int
    voided: int
    no_sales: int
    discounts: int
    discounted: int


class Scope(Protocol):
    """The report's filters (`pos.core.analytics.report.Filters`) that approvals are cut by."""

    @property
    def mode(self) -> str: ...
    @property
    def start(self) -> date | None: ...
    @property
    def until(self) -> date | None: ...
    @property
    def cashier(self) -> str | None: ...
    @property
    def terminal(self) -> str | None: ...


def take_back_refunds(
    layout: LogFiles, prompts: EventTable, orders: EventTable
) -> tuple[list[AuditEvent], npt.NDArray[np.bool_]]:
    """The approvals of the layout's days; a refunded order's prompts made to keep nothing, and
    which `orders` were not refunded (a refunded one counts as not paid)."""
    events = approved_events(layout)
    refunded = refunded_keys(events)
    prompts.ints["added"][np.isin(prompts.ints["order_key"], refunded)] = 0
    return events, ~np.isin(orders.ints["order_key"], refunded)


def approved_events(layout: LogFiles) -> list[AuditEvent]:
    """The approvals of the layout's days, in every store and terminal; a line that is not one is passed over."""
    read = decoder(AuditEvent)
    found = []
    for day in layout.days:
        for _, path in layout.files(day, "audit"):
            for line in lines_of(path):
                with suppress(msgspec.DecodeError):
                    event = read.decode(line)
                    if event.action in APPROVED_ACTIONS and event.approved_by is not None:
                        found.append(event)
    return found


def refunded_keys(events: list[AuditEvent]) -> npt.NDArray[np.int64]:
    """The order keys (`pos.core.analytics.order_keys`) of the refunded orders."""
    refunds = [event for event in events if event.action == REFUND and event.order]
    if not refunds:
        return np.zeros(0, dtype=np.int64)
    stores = sorted({event.store_id for event in refunds})
    codes = np.array([stores.index(event.store_id) for event in refunds], dtype=np.int32)
    return with_store(order_keys([event.order for event in refunds]), codes, stores)


def per_cashier(events: list[AuditEvent], scope: Scope) -> list[CashierApprovals]:
    """Each cashier who asked for an approval in `scope`, by ID: how many of each and their money."""
    rows: dict[str, CashierApprovals] = {}
    for event in events:
        if not _within(event, scope):
            continue
        row = rows.setdefault(
            event.cashier,
            CashierApprovals(
                cashier=event.cashier,
                refunds=0,
                refunded=0,
                voided_lines=0,
                voided=0,
                no_sales=0,
                discounts=0,
                discounted=0,
            ),
        )
        amount = event.amount or 0
        if event.action == REFUND:
            row["refunds"] += 1
            row["refunded"] += amount
        elif event.action == VOID_LINE:
            row["voided_lines"] += 1
            row["voided"] += amount
        elif event.action == NO_SALE:
            row["no_sales"] += 1
        else:
            row["discounts"] += 1
            row["discounted"] += amount
    return [rows[cashier] for cashier in sorted(rows)]


def _within(event: AuditEvent, scope: Scope) -> bool:
    day = date.fromisoformat(event.ts[:10])
    return (
        scope.mode in ("all", event.mode)
        and (scope.start is None or day >= scope.start)
        and (scope.until is None or day <= scope.until)
        and scope.cashier in (None, event.cashier)
        and scope.terminal in (None, event.terminal)
    )
