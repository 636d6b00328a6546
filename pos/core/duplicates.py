"""A record written twice (a file copied back in, a replayed backup) counts once.

A prompt is named by its order and `seq` (spec v2), an order record by its order,
an order by its store and id (`order_code`, from `pos.core.order_keys`: two stores'
`T1-20261123-0001` are two orders); the first of each is kept and the others are
named in a notice. Version 1 prompts carry no `seq` and cannot be told from a second
prompt of the same order.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from pos.core.event_table import EventTable


def first_only(
    table: EventTable,
    what: str,
    within: str | None,
    ids: Callable[[], list[str]] | None = None,
    reported: npt.NDArray[np.bool_] | None = None,
) -> tuple[EventTable, str | None]:
    """The table without repeats of a record's name (its order, and the column `within` it), and a
    notice naming them (None when there are none); `ids` gives every record's order id, for the
    notice, which names only the repeats among the rows `reported` (those of the days reported)."""
    order = table.ints["order_code"]
    named = order >= 0
    by_seq = within is not None
    if within is not None:
        seq = table.ints[within]
        named &= seq > 0
        key = order * (int(seq.max(initial=0)) + 1) + seq
    else:
        key = order
    if not len(key) or np.bincount(key[named]).max(initial=0) <= 1:  # keys are dense: counting is quick
        return table, None
    keep = np.ones(len(table), dtype=bool)
    positions = np.flatnonzero(named)
    _, first = np.unique(key[positions], return_index=True)
    repeated = np.ones(len(positions), dtype=bool)
    repeated[first] = False
    keep[positions[repeated]] = False
    repeats = ~keep if reported is None else ~keep & reported
    if keep.all():
        return table, None
    notice = None if ids is None or not repeats.any() else _notice(table, repeats, what, by_seq, ids())
    return table.select(keep), notice


def _notice(
    table: EventTable, repeats: npt.NDArray[np.bool_], what: str, by_seq: bool, ids: list[str]
) -> str:
    rows = np.flatnonzero(repeats)
    seq = table.ints.get("seq")
    named = [
        ids[row] + (f" prompt {int(seq[row])}" if by_seq and seq is not None else "") for row in rows[:5]
    ]
    more = " …" if len(rows) > 5 else ""
    return f"{len(rows)} {what} written more than once counted once ({', '.join(named)}{more})"
