"""What managers approved (the audit table, events spec v3): the orders refunded, whose prompts keep
nothing (a refunded order counts as not paid: its orders, tickets, kept money and discount by hand
leave the report), the lines voided after the receipt, whose prompts keep nothing and whose orders
keep that much less (the line's price less its share of the order's discounts:
`pos.core.selling.line_shares`; its ticket, what the void gave back with its tax),
and per cashier who asked, the refunds, lines voided after the receipt, no-sales and discounts by
hand. A discount by hand counts as what its paid order took (its discount line, which the order
capped), so an order voided after the approval gives none; the audit event says who approved it.
A history with no audit table reads as no approvals, so its report is as it was."""

from __future__ import annotations

import functools
from collections.abc import Callable
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
from pos.core.selling.line_shares import line_nets
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
class GivenBack:
    """A line voided after the receipt: its order, the prompts that added it (or its meal's parts),
    and what it took of the order's money before tax."""

    store_id: str
    order: str
    prompts: tuple[int, ...]
    net: int
    amount: int
    """What it gave back, tax included (the audit event's amount)."""


@dataclass(frozen=True)
class Approved:
    events: list[AuditEvent]
    """The approvals of the layout's days, in every store and terminal."""
    discounts: list[HandDiscount]
    """The discounts by hand the paid orders of those approvals took."""
    given_back: list[GivenBack] = field(default_factory=list)
    """The lines voided after the receipt, each once."""

    def taken_back(
        self, orders: EventTable, lines: EventTable
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        """What each of `orders` kept before tax (its subtotal less its lines voided after the receipt),
        and which of `lines` (prompted lines: `LINE_SCHEMA`) went back: what the report's SQL counts
        as kept (`pos.core.analytics.report_join.join`)."""
        given = np.zeros(len(lines), dtype=bool)
        for key, back in zip(self._keys.tolist(), self.given_back, strict=True):
            given |= (lines.ints["order_key"] == key) & np.isin(lines.ints["prompt"], back.prompts)
        return self._less(orders, "subtotal", lambda back: back.net), given

    def kept_totals(self, orders: EventTable) -> npt.NDArray[np.int64]:
        """What each of `orders` kept, tax included: its total less what its lines voided after the
        receipt gave back (what its ticket counts)."""
        return self._less(orders, "total", lambda back: back.amount)

    def _less(
        self, orders: EventTable, column: str, given: Callable[[GivenBack], int]
    ) -> npt.NDArray[np.int64]:
        """`orders`' `column` less what each of their lines voided after the receipt `given` back."""
        kept = orders.ints[column].astype(np.int64)
        for key, back in zip(self._keys.tolist(), self.given_back, strict=True):
            kept[orders.ints["order_key"] == key] -= given(back)
        return np.maximum(kept, 0)

    @functools.cached_property
    def _keys(self) -> npt.NDArray[np.int64]:
        """The order key of each of `given_back`."""
        return _keys([(back.store_id, back.order) for back in self.given_back])


def take_back_refunds(found: Approved, prompts: EventTable, orders: EventTable) -> npt.NDArray[np.bool_]:
    """A refunded order's prompts made to keep nothing; which `orders` were not refunded (a refunded
    one counts as not paid)."""
    refunded = refunded_keys(found.events)
    prompts.ints["added"][np.isin(prompts.ints["order_key"], refunded)] = 0
    return ~np.isin(orders.ints["order_key"], refunded)


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
    refunded = {(event.store_id, event.order) for event in events if event.action == REFUND}
    discounted = {  # a refunded order counts as not paid: its discount by hand with it
        id(record): record
        for index, record in of.items()
        if events[index].action == DISCOUNT and (events[index].store_id, record.order) not in refunded
    }
    discounts = [
        HandDiscount(record.ts, record.mode, record.cashier, record.terminal, taken)
        for record in discounted.values()
        if (taken := hand_discount_given(msgspec.to_builtins(record.lines)))
    ]
    return Approved(events, discounts, _voided([(events[index], record) for index, record in of.items()]))


def _voided(approved: list[tuple[AuditEvent, OrderRecord]]) -> list[GivenBack]:
    """The lines the voids after the receipt took back, each once (an event written twice is one)."""
    found: dict[tuple[str, str, int], GivenBack] = {}
    for event, record in approved:
        number = voided_line(event)
        nets = line_nets(record)
        if number is None or number not in nets:
            continue
        prompts = tuple(part.prompt for part in record.lines[number - 1].parts if part.prompt is not None)
        found[event.store_id, record.order, number] = GivenBack(
            event.store_id, record.order, prompts, nets[number], event.amount or 0
        )
    return list(found.values())


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
    return _keys(
        [(event.store_id, event.order) for event in events if event.action == REFUND and event.order]
    )


def _keys(orders: list[tuple[str, str]]) -> npt.NDArray[np.int64]:
    """The order keys of (store id, order id) pairs."""
    if not orders:
        return np.zeros(0, dtype=np.int64)
    stores = sorted({store for store, _ in orders})
    codes = np.array([stores.index(store) for store, _ in orders], dtype=np.int32)
    return with_store(order_keys([order for _, order in orders]), codes, stores)


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
