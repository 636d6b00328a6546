"""A terminal's paid orders of the day, read back from its log, with what approvals already took back
from each (`pos.core.counter.approved`): a refund, lines voided after the receipt. Read afresh at
each look, so a refund recorded before a kill is seen by the next start and never made twice."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import msgspec

from pos.core.base.bounded_lines import lines_of
from pos.core.base.events import REFUND, AuditEvent, Mode, OrderRecord, Record, Status, decoder, voided_line
from pos.core.base.money_back import MoneyBack
from pos.core.log.eventlog import AUDIT, ORDERS
from pos.core.log.log_layout import own_log_file
from pos.core.log.storage import SUFFIX
from pos.core.selling.line_shares import line_amounts, sold


@dataclass
class PaidOrder:
    record: OrderRecord
    refunded: AuditEvent | None = None
    voided: dict[int, AuditEvent] = field(default_factory=dict)
    """Each line voided after the receipt, by its number (from 1)."""

    @property
    def number(self) -> int:
        return int(self.record.order.rsplit("-", 1)[1])

    @property
    def kept(self) -> int:
        """What the customer still paid for: the total less the lines voided after the receipt."""
        return max(0, self.record.total - sum(event.amount or 0 for event in self.voided.values()))

    def given_back(self, amount: int) -> dict[str, int]:
        """How `amount` given back now comes out of the order's tenders, by kind, as the day's close
        counts it (`pos.core.base.money_back`): after the lines voided before it."""
        record = self.record
        back = MoneyBack(((tender.kind, tender.amount) for tender in record.paid_by), record.change)
        for event in sorted(self.voided.values(), key=lambda event: event.ts):
            back.take(event.amount or 0)
        return back.take(amount)

    def voidable(self) -> list[int]:
        """The numbers of the lines sold (not a reward's or a discount's) not voided yet."""
        return [
            number
            for number, line in enumerate(self.record.lines, 1)
            if sold(line) and number not in self.voided
        ]

    def line_amount(self, number: int) -> int:
        """What the customer paid for a line: its price less its share of the order's discounts, with
        its share of the tax (`pos.core.selling.line_shares`); never more than the order still holds."""
        return max(0, min(line_amounts(self.record)[number], self.kept))


def paid_orders(
    data_dir: Path, terminal: str, day: date, recorded: Iterable[AuditEvent], mode: Mode
) -> list[PaidOrder]:
    """The terminal's paid orders of `day` in `mode`, newest first: a live counter never refunds a
    training sale, nor a training session a live one. `recorded`: the audit events this process handed
    to the log (on disk or not yet), counted once with those read back."""
    found = {
        record.order: PaidOrder(record)
        for record in _read(data_dir, terminal, day, ORDERS, OrderRecord)
        if record.mode == mode
    }
    seen: set[bytes] = set()
    for event in [*_read(data_dir, terminal, day, AUDIT, AuditEvent), *recorded]:
        key = msgspec.json.encode(event)
        paid = found.get(event.order or "")
        if key in seen or paid is None or event.mode != mode:
            continue
        seen.add(key)
        if event.action == REFUND:
            paid.refunded = event
        elif (number := voided_line(event)) is not None:
            paid.voided[number] = event
    return sorted(
        (paid for paid in found.values() if paid.record.status is Status.PAID),
        key=lambda paid: paid.number,
        reverse=True,
    )


def _read(data_dir: Path, terminal: str, day: date, table: str, kind: type[Record]) -> Iterator[Record]:
    path = own_log_file(data_dir, day, f"{terminal}.{table}{SUFFIX}")
    read = decoder(kind)
    for line in lines_of(path) if path is not None else ():
        with suppress(msgspec.DecodeError):  # a line not of this kind: the reports name it
            yield read.decode(line)
