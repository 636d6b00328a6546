"""A report row's paid orders: where every `--by` field is one an order record has (its store,
terminal, cashier, day or hour), each row counts the paid orders of its group, their average
ticket and what its prompts kept per order; grouped by a prompt's own field (kind, rule, offer,
daypart...), a row has no orders of its own and those figures are null. An order's day and hour
are its record's, a prompt's day its order's (`pos/sql/events.sql`)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import numpy.typing as npt

from pos.core.analytics.columns import NULL
from pos.core.analytics.event_table import EventTable
from pos.core.base.money import round_half_up

ORDER_GROUPS = frozenset({"store", "terminal", "cashier", "day", "hour"})
"""The `--by` fields an order record has."""
Codes = npt.NDArray[np.int64]
LARGEST_KEY = 2**62
"""A group's key is one number, each field a digit of its own radix, renumbered before it would pass this."""


def order_figures(orders: int, tickets: int, added: int) -> dict[str, int | None]:
    """`orders`, `avg_ticket` and `added_per_order` of `orders` paid orders whose totals sum to
    `tickets` and whose prompts kept `added` (minor units, rounded half up)."""
    return {
        "orders": orders,
        "avg_ticket": round_half_up(Decimal(tickets) / orders) if orders else None,
        "added_per_order": round_half_up(Decimal(added) / orders) if orders else None,
    }


def group_orders(
    prompts: EventTable, group: Codes, paid: EventTable, by: tuple[str, ...], added: list[int]
) -> list[dict[str, int | None]]:
    """Each of the prompts' groups' order figures (`added`: what each group's prompts kept); all
    null where a field of `by` is not an order's."""
    count = len(added)
    if not set(by) <= ORDER_GROUPS:
        return [dict.fromkeys(("orders", "avg_ticket", "added_per_order")) for _ in range(count)]
    of_order = _order_groups(prompts, group, paid, by)
    mine = of_order >= 0
    orders = np.bincount(of_order[mine], minlength=count)
    tickets = np.zeros(count, dtype=np.int64)
    np.add.at(tickets, of_order[mine], paid.ints["total"][mine])
    return [
        order_figures(int(n), int(total), amount)
        for n, total, amount in zip(orders.tolist(), tickets.tolist(), added, strict=True)
    ]


def _order_groups(prompts: EventTable, group: Codes, paid: EventTable, by: tuple[str, ...]) -> Codes:
    """Each order's group among the prompts' (-1 for an order of none)."""
    if not len(prompts) or not len(paid):
        return np.full(len(paid), -1, dtype=np.int64)
    pairs = [_codes(prompts, paid, name) for name in by]
    # one number per key: each field's code (from -2) a digit of its own radix
    of_prompt, of_order = np.zeros(len(prompts), np.int64), np.zeros(len(paid), np.int64)
    for codes, its_codes in pairs:
        radix = int(max(codes.max(), its_codes.max())) + 3
        if (int(max(of_prompt.max(), of_order.max())) + 1) * radix >= LARGEST_KEY:  # numbered anew, densely
            every = np.unique(np.concatenate([of_prompt, of_order]), return_inverse=True)[1].reshape(-1)
            of_prompt, of_order = every[: len(of_prompt)], every[len(of_prompt) :]
        of_prompt, of_order = of_prompt * radix + codes + 2, of_order * radix + its_codes + 2
    keys, first = np.unique(of_prompt, return_index=True)
    where = np.clip(np.searchsorted(keys, of_order), 0, len(keys) - 1)
    result: Codes = np.where(keys[where] == of_order, group[first][where], -1)
    return result


def _codes(prompts: EventTable, orders: EventTable, name: str) -> tuple[Codes, Codes]:
    """The prompts' and the orders' values of `name`, as the prompts' codes (an order's value no
    prompt has: -2)."""
    if name == "hour":
        return prompts.ints["hour"], orders.ints["hour"]
    if name == "day":
        return prompts.day.astype(np.int64), _translated(prompts.days, orders.days, orders.day)
    field = "store_id" if name == "store" else name  # a store is its id
    return prompts.text[field].astype(np.int64), _translated(
        prompts.values[field], orders.values[field], orders.text[field]
    )


def _translated(to: list[str], values: list[str], codes: npt.NDArray[np.integer]) -> Codes:
    lookup = {value: code for code, value in enumerate(to)}
    table = np.array([lookup.get(value, -2) for value in values] + [NULL], dtype=np.int64)
    result: Codes = table[codes]  # NULL (-1) takes the last: null stays null
    return result
