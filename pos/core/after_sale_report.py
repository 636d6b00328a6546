"""What after-sale offers did: codes issued, redeemed, the redemption rate with its Wilson interval,
the median days from a receipt to its redemption, and what the redeeming orders paid.

Their events (`issued`, `redeemed`) never count in the ask or acceptance rates: a
receipt's offer is printed, not asked (`events-and-reports.md`, v2).
"""

from __future__ import annotations

import statistics
from datetime import date
from typing import NotRequired, TypedDict

import numpy as np

from pos.core.event_table import EventTable
from pos.core.events import Outcome
from pos.core.metrics import rate, wilson


class AfterSale(TypedDict):
    issued: int
    redeemed: int
    redemption_rate: float | None
    redemption_low: float | None
    redemption_high: float | None
    median_days_to_redeem: float | None
    """Of the redeemed codes whose receipt is in the report's days."""
    redeeming_revenue: int | None
    """The totals of the paid orders that redeemed a code, minor units."""
    currency: NotRequired[str | None]
    """The currency of `redeeming_revenue`; None (and it None) where the stores sell in several."""


def after_sale_summary(events: EventTable, paid: EventTable) -> AfterSale | None:
    """None when there is no after-sale event in `events`."""
    issued = events.where("outcome", Outcome.ISSUED)
    redeemed = events.where("outcome", Outcome.REDEEMED)
    n_issued, n_redeemed = int(issued.sum()), int(redeemed.sum())
    if not n_issued and not n_redeemed:
        return None
    low, high = wilson(n_redeemed, n_issued) if n_redeemed <= n_issued else (None, None)
    # a code is its store's: two stores may print the same one
    codes = list(zip(events.text["store_id"].tolist(), events.text["code"].tolist(), strict=True))
    # Calendar days: `events.day` numbers only the days that have a log folder, and a store shuts some days.
    ordinal = np.array([date.fromisoformat(day).toordinal() for day in events.days], dtype=np.int64)
    on = ordinal[events.day].tolist()
    issued_on = {code: day for code, day, was in zip(codes, on, issued, strict=True) if was}
    days = [
        day - issued_on[code]
        for code, day, was in zip(codes, on, redeemed, strict=True)
        if was and code in issued_on
    ]
    redeeming = np.isin(paid.ints["order_key"], events.ints["order_key"][redeemed])
    return {
        "issued": n_issued,
        "redeemed": n_redeemed,
        "redemption_rate": rate(n_redeemed, n_issued),
        "redemption_low": low,
        "redemption_high": high,
        "median_days_to_redeem": float(statistics.median(days)) if days else None,
        "redeeming_revenue": int(paid.ints["total"][redeeming].sum()),
    }
