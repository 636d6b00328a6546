"""A paid order's receipt as the printer gets it (`pos.core.printing.receipt`): what the order
panel and the paid card show, from the sale, its record and the receipt's offer for the next visit."""

from __future__ import annotations

from datetime import datetime

from pos.core.base.events import Mode, OrderRecord
from pos.core.codes.receipt_offer import Printed
from pos.core.printing.receipt import NextVisit, Receipt, ReceiptLine, Tender
from pos.core.selling.engine import Sale
from pos.core.selling.order import MealLine
from pos.core.selling.rewards import HAND_LABEL


def receipt_of(
    sale: Sale, record: OrderRecord, paid_at: datetime, printed: Printed | None, terminal_name: str | None
) -> Receipt:
    order, station = sale.order, sale.station
    # each line's number in the record, which lists the loose lines, then the meals (`record_lines`)
    numbers = {id(entry): number for number, entry in enumerate([*order.lines, *order.meals], 1)}
    lines = [
        ReceiptLine(1, entry.combo.label(entry.size), entry.price, _parts(entry), numbers[id(entry)])
        if isinstance(entry, MealLine)
        else ReceiptLine(entry.qty, entry.item.label(entry.size), entry.total, number=numbers[id(entry)])
        for entry in order.entries
    ]
    lines += [ReceiptLine(1, reward.label, reward.amount) for reward in order.rewards]
    if order.hand_discount:
        lines.append(ReceiptLine(1, HAND_LABEL, -order.hand_discount))
    return Receipt(
        store=station.store,
        terminal=station.terminal,
        cashier=station.cashier,
        order=record.order,
        paid_at=paid_at,
        currency=sale.menu.currency,
        lines=tuple(lines),
        subtotal=record.subtotal,
        tax=record.tax,
        total=record.total,
        taxed=bool(order.tax_rate),
        tenders=tuple(Tender(tender.kind, tender.amount) for tender in record.paid_by),
        change=record.change,
        next_visit=None if printed is None else NextVisit(printed.pitch, printed.code),
        training=station.mode is Mode.TRAINING,
        terminal_name=terminal_name,
    )


def _parts(meal: MealLine) -> tuple[str, ...]:
    return tuple(line.item.label(line.size) for line in meal.components)
