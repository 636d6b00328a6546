"""What managers approved (the audit table, events spec v3): the orders refunded, whose prompts keep
nothing (a refunded order counts as not paid: its orders, tickets and kept money leave the report),
and per cashier who asked, the refunds, lines voided after the receipt, no-sales and discounts by
hand. A discount by hand counts as what its paid order took (its discount line, which the order
capped), so an order voided after the approval gives none; the audit event says who approved it.
A history with no audit table reads as no approvals, so its report is as it was."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Protocol, TypedDict

import msgspec
import numpy as np
import numpy.typing as npt

from pos.core.analytics.event_table import EventTable
from pos.core.analytics.order_keys import order_keys, with_store
from pos.core.base.bounded_lines import lines_of
from pos.core.base.events import (
    APPROVED_ACTIONS,
    DISCOUNT,
    REFUND,
    VOID_LINE,
    AuditEvent,
    OrderRecord,
    Status,
    decoder,
    voided_line,
)
from pos.core.log.eventlog import AUDIT, ORDERS
from pos.core.log.log_layout import LogFiles, own_log_file
from pos.core.log.storage import SUFFIX
from pos.core.selling.rewards import hand_discount_given


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


@dataclass(frozen=True)
class HandDiscount:
    """What a paid order took off by a discount by hand, and whose order it was."""

    ts: str
    mode: str
    cashier: str
    terminal: str
    amount: int


@dataclass(frozen=True)
class Approved:
    events: list[AuditEvent]
    """The approvals of the layout's days, in every store and terminal."""
    discounts: list[HandDiscount]
    """The discounts by hand the paid orders of those approvals took."""
    voided_prompts: list[tuple[str, str, int]] = field(default_factory=list)
    """The prompts (store id, order, seq) whose lines a void after the receipt took back."""


def take_back_refunds(
    layout: LogFiles, prompts: EventTable, orders: EventTable
) -> tuple[Approved, npt.NDArray[np.bool_]]:
    """The approvals of the layout's days; a refunded order's prompts made to keep nothing, and
    which `orders` were not refunded (a refunded one counts as not paid)."""
    found = approved(layout)
    refunded = refunded_keys(found.events)
    prompts.ints["added"][np.isin(prompts.ints["order_key"], refunded)] = 0
    if found.voided_prompts:  # a line given back after the receipt keeps nothing for its prompt
        stores = sorted({store for store, _, _ in found.voided_prompts})
        codes = np.array([stores.index(store) for store, _, _ in found.voided_prompts], dtype=np.int32)
        keys = with_store(order_keys([order for _, order, _ in found.voided_prompts]), codes, stores)
        taken = set(zip(keys.tolist(), (seq for _, _, seq in found.voided_prompts), strict=True))
        for row in np.flatnonzero(np.isin(prompts.ints["order_key"], keys)).tolist():
            if (int(prompts.ints["order_key"][row]), int(prompts.ints["seq"][row])) in taken:
                prompts.ints["added"][row] = 0
    return found, ~np.isin(orders.ints["order_key"], refunded)


def approved(layout: LogFiles) -> Approved:
    """The approvals of the layout's days; a line that is not one is passed over. The order records
    read for the discounts are those of the days and terminals where a discount was approved
    (and the day after: an order paid past midnight)."""
    read = decoder(AuditEvent)
    events: list[AuditEvent] = []
    folder_of: dict[int, Path] = {}
    wanted: dict[tuple[Path, str, str], set[str]] = {}
    for day in layout.days:
        for data_dir, path in layout.files(day, AUDIT):
            for line in lines_of(path):
                with suppress(msgspec.DecodeError):
                    event = read.decode(line)
                    if event.action in APPROVED_ACTIONS and event.approved_by is not None:
                        folder_of[len(events)] = data_dir
                        events.append(event)
                        if event.action in (DISCOUNT, VOID_LINE) and event.order:
                            wanted.setdefault((data_dir, day, event.terminal), set()).add(event.order)
    records = {
        (data_dir, terminal, record.order): record
        for (data_dir, day, terminal), orders in wanted.items()
        for record in _paid(data_dir, date.fromisoformat(day), terminal, orders)
    }
    of = {
        index: record
        for index, event in enumerate(events)
        if (record := records.get((folder_of[index], event.terminal, event.order or ""))) is not None
    }
    discounted = {id(record): record for index, record in of.items() if events[index].action == DISCOUNT}
    discounts = [
        HandDiscount(record.ts, record.mode, record.cashier, record.terminal, taken)
        for record in discounted.values()
        if (taken := hand_discount_given(msgspec.to_builtins(record.lines)))
    ]
    return Approved(events, discounts, _voided([(events[index], record) for index, record in of.items()]))


def _voided(approved: list[tuple[AuditEvent, OrderRecord]]) -> list[tuple[str, str, int]]:
    """The prompts whose lines the voids after the receipt took back: a line's, and its meal parts'."""
    found = []
    for event, record in approved:
        number = voided_line(event)
        if number is None or not 0 < number <= len(record.lines):
            continue
        for part in record.lines[number - 1].parts:
            if part.prompt is not None:
                found.append((event.store_id, record.order, part.prompt))
    return found


def _paid(data_dir: Path, day: date, terminal: str, wanted: set[str]) -> list[OrderRecord]:
    """The paid records of the `wanted` orders of a terminal's day (and the day after: an order paid
    past midnight)."""
    read = decoder(OrderRecord)
    found: dict[str, OrderRecord] = {}
    for each in (day, day + timedelta(days=1)):
        path = own_log_file(data_dir, each, f"{terminal}.{ORDERS}{SUFFIX}")
        for line in lines_of(path) if path is not None else ():
            with suppress(msgspec.DecodeError, msgspec.ValidationError):
                record = read.decode(line)
                if record.order in wanted and record.status is Status.PAID:
                    found[record.order] = record
    return list(found.values())


def refunded_keys(events: list[AuditEvent]) -> npt.NDArray[np.int64]:
    """The order keys (`pos.core.analytics.order_keys`) of the refunded orders."""
    refunds = [event for event in events if event.action == REFUND and event.order]
    if not refunds:
        return np.zeros(0, dtype=np.int64)
    stores = sorted({event.store_id for event in refunds})
    codes = np.array([stores.index(event.store_id) for event in refunds], dtype=np.int32)
    return with_store(order_keys([event.order for event in refunds]), codes, stores)


def per_cashier(found: Approved, scope: Scope) -> list[CashierApprovals]:
    """Each cashier who asked for an approval in `scope`, by ID: how many of each and their money."""
    rows: dict[str, CashierApprovals] = {}

    def row_of(cashier: str) -> CashierApprovals:
        return rows.setdefault(
            cashier,
            CashierApprovals(
                cashier=cashier,
                refunds=0,
                refunded=0,
                voided_lines=0,
                voided=0,
                no_sales=0,
                discounts=0,
                discounted=0,
            ),
        )

    for event in found.events:
        if not _within(event, scope) or event.action == DISCOUNT:
            continue
        row = row_of(event.cashier)
        amount = event.amount or 0
        if event.action == REFUND:
            row["refunds"] += 1
            row["refunded"] += amount
        elif event.action == VOID_LINE:
            row["voided_lines"] += 1
            row["voided"] += amount
        else:
            row["no_sales"] += 1
    for discount in found.discounts:
        if _within(discount, scope):
            row = row_of(discount.cashier)
            row["discounts"] += 1
            row["discounted"] += discount.amount
    return [rows[cashier] for cashier in sorted(rows)]


def _within(event: AuditEvent | HandDiscount, scope: Scope) -> bool:
    day = date.fromisoformat(event.ts[:10])
    return (
        scope.mode in ("all", event.mode)
        and (scope.start is None or day >= scope.start)
        and (scope.until is None or day <= scope.until)
        and scope.cashier in (None, event.cashier)
        and scope.terminal in (None, event.terminal)
    )
