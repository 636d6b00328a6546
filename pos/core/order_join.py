"""Prompt events joined to the order records they belong to, by order id and `seq` (spec v2).

What the joined prompts gain: the day they count on (their order's, so an order
across midnight is one day's), `added` (what each prompt kept in a paid order), a
`seq` for version 1 events (their place in the order as logged), a `heard` for
version 1 and 2 events (one more than the prompts asked before it in the order) and
`declined_before` (how many prompts the customer had already declined in the order).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from pos.core.event_table import EventTable
from pos.core.events import Outcome, Status

Codes = npt.NDArray[np.int64]


def join(prompts: EventTable, orders: EventTable, lines: EventTable, fatigue: bool = True) -> None:
    """Adds `added` (and with `fatigue`, `declined_before`) to the prompts, fills in `seq` (and
    `heard`, when loaded), and moves each to its order's day.

    The three tables carry `order_code` (`number_orders`).
    A version 1 order (no `voided_lines`) does not say what each prompt kept: an
    accepted prompt of a paid version 1 order counts its delta, as version 1 did.
    """
    of_prompt, of_order, of_line = (table.ints["order_code"] for table in (prompts, orders, lines))
    count = int(max(codes.max(initial=-1) for codes in (of_prompt, of_order, of_line))) + 1
    day = np.full(count, -1, dtype=np.int64)
    day[of_order] = orders.day
    paid = np.zeros(count, dtype=bool)
    paid[of_order] = orders.where("status", Status.PAID)
    v2 = np.zeros(count, dtype=bool)
    v2[of_order] = orders.ints["v2"] == 1
    own = day[of_prompt]
    prompts.day = np.where(own >= 0, own, prompts.day).astype(np.int32)
    seq = _seq(of_prompt, prompts.ints["seq"])
    prompts.ints["seq"] = seq
    counted = paid[of_line] & (lines.ints["voided"] == 0)
    kept = _kept(of_prompt, seq, of_line[counted], lines.select(counted))
    agreed = np.where(prompts.where("outcome", Outcome.ACCEPTED) & paid[of_prompt], prompts.ints["delta"], 0)
    prompts.ints["added"] = np.where(v2[of_prompt], kept, agreed)

    @functools.cache
    def ordered() -> Codes:  # a sort of every event: only for a figure that needs it, once
        return _grouped(of_prompt, seq)

    if fatigue:
        declined = prompts.where("outcome", Outcome.DECLINED)
        prompts.ints["declined_before"] = _earlier(of_prompt, ordered, declined)
    if "heard" in prompts.ints:
        prompts.ints["heard"] = _heard(prompts, of_prompt, ordered)


def number_orders(tables: list[EventTable]) -> None:
    """Give each table's records `order_code`: 0, 1, 2... for the orders of all the tables together."""
    keys = [table.ints["order_key"] for table in tables]
    every = np.concatenate(keys)
    # An order's records mostly come one after another: numbering each run once sorts far fewer keys.
    first = np.ones(len(every), dtype=bool)
    first[1:] = every[1:] != every[:-1]
    runs = np.flatnonzero(first)
    _, run_codes = np.unique(every[runs], return_inverse=True)
    codes = np.repeat(run_codes, np.diff(np.append(runs, len(every))))
    start = 0
    for table, key in zip(tables, keys, strict=True):
        table.ints["order_code"] = codes[start : start + len(key)].astype(np.int64)
        start += len(key)


def _seq(order: Codes, logged: Codes) -> Codes:
    """The logged `seq`; for a version 1 event (0), its place among its order's events as logged."""
    if not len(order) or logged.min() > 0:
        return logged
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[_grouped(order, np.zeros(len(order), dtype=np.int64))] = _place_in_group(
        np.sort(order, kind="stable")
    )
    return np.where(logged > 0, logged, ranks + 1)


def _kept(order: Codes, seq: Codes, line_order: Codes, lines: EventTable) -> Codes:
    """Per prompt, the `added` of the paid orders' kept lines that name it."""
    if not len(lines) or not len(order):
        return np.zeros(len(order), dtype=np.int64)
    width = int(max(seq.max(), lines.ints["prompt"].max())) + 1
    keys, sums = np.unique(line_order * width + lines.ints["prompt"], return_inverse=True)
    totals = np.zeros(len(keys), dtype=np.int64)
    np.add.at(totals, sums, lines.ints["added"])
    wanted = order * width + seq
    where = np.clip(np.searchsorted(keys, wanted), 0, len(keys) - 1)
    return np.where(keys[where] == wanted, totals[where], 0)


def _heard(prompts: EventTable, order: Codes, ordered: Callable[[], Codes]) -> Codes:
    """The logged `heard`; for a version 1 or 2 event (0), one more than the prompts asked (accepted
    or declined) before it in its order, for a prompt shown; 0 for a chance held out and a receipt's
    code, as a version 3 event logs them."""
    logged = prompts.ints["heard"]
    if not len(logged) or logged.min() > 0:
        return logged
    accepted, declined = (
        prompts.where("outcome", outcome) for outcome in (Outcome.ACCEPTED, Outcome.DECLINED)
    )
    shown = accepted | declined | prompts.where("outcome", Outcome.SKIPPED)
    derived = np.where(shown, _earlier(order, ordered, accepted | declined) + 1, 0)
    return np.where(logged > 0, logged, derived)


def _earlier(order: Codes, ordered: Callable[[], Codes], counted: npt.NDArray[np.bool_]) -> Codes:
    """How many prompts of the same order, earlier in it (`ordered`: the events by order and seq),
    are `counted`."""
    result = np.zeros(len(order), dtype=np.int64)
    if not len(order):
        return result
    positions = ordered()
    counts = counted[positions].astype(np.int64)
    before = np.cumsum(counts) - counts
    starts = _group_starts(order[positions])
    result[positions] = before - before[starts]
    return result


def _grouped(order: Codes, seq: Codes) -> Codes:
    """Positions by order, then seq, then as logged."""
    ordered: Codes = np.lexsort((np.arange(len(order)), seq, order))
    return ordered


def _group_starts(sorted_order: Codes) -> Codes:
    """For each position of a sorted array, where its run of equal values starts."""
    starts = np.zeros(len(sorted_order), dtype=np.int64)
    new = np.flatnonzero(sorted_order[1:] != sorted_order[:-1]) + 1
    starts[new] = new
    result: Codes = np.maximum.accumulate(starts)
    return result


def _place_in_group(sorted_order: Codes) -> Codes:
    place: Codes = np.arange(len(sorted_order)) - _group_starts(sorted_order)
    return place
