"""What each line sold on a paid order took of its money: its price less its share of the order's
discounts (its rewards' and a discount by hand's lines), then with its share of the tax. Shares go
by line price in minor units and sum exactly (`pos.core.base.money.shares`), so the lines of an
order voided one by one after its receipt give back its total to the cent, each its own part of the
discount, and what an order kept before tax is never more than it was paid."""

from __future__ import annotations

from pos.core.base.events import LineRecord, OrderRecord
from pos.core.base.money import shares
from pos.core.selling.rewards import BY_HAND, REWARD


def sold(line: LineRecord) -> bool:
    """A line of the order's items (a meal's among them), not a reward's or a discount's."""
    return line.source not in (REWARD, BY_HAND)


def line_nets(record: OrderRecord) -> dict[int, int]:
    """Each sold line, by its number (from 1): its price less its share of the order's discounts."""
    numbers = [number for number, line in enumerate(record.lines, 1) if sold(line)]
    prices = [record.lines[number - 1].unit_price * record.lines[number - 1].qty for number in numbers]
    discount = min(max(sum(prices) - record.subtotal, 0), sum(prices))
    return {
        number: price - share
        for number, price, share in zip(numbers, prices, shares(discount, prices), strict=True)
    }


def line_amounts(record: OrderRecord) -> dict[int, int]:
    """Each sold line, by its number: what the customer paid for it, tax included."""
    nets = line_nets(record)
    taxes = shares(max(record.tax, 0), list(nets.values()))
    return {number: net + tax for (number, net), tax in zip(nets.items(), taxes, strict=True)}
