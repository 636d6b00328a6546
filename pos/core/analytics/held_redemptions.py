"""A `redeemed` event counts only when its order's record holds the redeemed line: a line, a
voided line or a meal's component whose `prompt` is the event's `seq`, the ledger's rule
(`pos.core.codes.orphan_redemptions`). A kill just after a code was keyed leaves the event of an order
that the next start records as voided with no line, its redemption undone: no report counts it.
A cashier's void of an order holding the code keeps the line in its record, and the code redeemed.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from pos.core.analytics.event_table import EventTable
from pos.core.base.events import Outcome


def held(events: EventTable, *lines: EventTable) -> npt.NDArray[np.bool_]:
    """Each of `events` but a `redeemed` one that no line of `lines` (the prompted lines of the
    order records, kept and voided) holds. The tables carry `order_key`, `seq` and `prompt`."""
    redeemed = events.where("outcome", Outcome.REDEEMED)
    result = np.ones(len(events), dtype=bool)
    if not redeemed.any():
        return result
    keys = events.ints["order_key"][redeemed]
    holding: set[tuple[int, int]] = set()
    for table in lines:
        near = np.isin(table.ints["order_key"], keys)
        holding.update(
            zip(table.ints["order_key"][near].tolist(), table.ints["prompt"][near].tolist(), strict=True)
        )
    seqs = events.ints["seq"][redeemed]
    result[redeemed] = [pair in holding for pair in zip(keys.tolist(), seqs.tolist(), strict=True)]
    return result
