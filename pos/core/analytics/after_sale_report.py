"""What after-sale offers did: codes issued, redeemed, the redemption rate with its Wilson interval,
the median days from a receipt to its redemption, and what the redeeming orders paid.

Their events (`issued`, `redeemed`) never count in the ask or acceptance rates: a
receipt's offer is printed, not asked (`docs/spec/events-and-reports.md`, v2).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date
from typing import NotRequired, TypedDict

import numpy as np
import numpy.typing as npt

from pos.core.analytics.event_table import EventTable
from pos.core.analytics.metrics import rate, wilson
from pos.core.base.events import Outcome


class AfterSale(TypedDict):
    issued: int
    """Codes printed on the report's days."""
    redeemed: int
    """Codes redeemed on the report's days, whenever printed."""
    redemption_rate: float | None
    """Of the codes printed on the report's days, the share redeemed by the end of the log."""
    redemption_low: float | None
    redemption_high: float | None
    median_days_to_redeem: float | None
    """Of the codes redeemed on the report's days, calendar days since their receipt, wherever in the
    log it is."""
    redeeming_revenue: int | None
    """The totals of the paid orders that redeemed a code, minor units."""
    currency: NotRequired[str | None]
    """The currency of `redeeming_revenue`; None (and it None) where the stores sell in several."""


Code = tuple[str, str]
"""A receipt's code and its store's id: two stores may print the same one."""


@dataclass
class CodeLog:
    """Every code of the log: the calendar day it was printed on, and whether it was redeemed."""

    printed: dict[Code, int] = field(default_factory=dict)
    redeemed: set[Code] = field(default_factory=set)

    def add(self, events: EventTable) -> CodeLog:
        """`events`' codes (any records: only the after-sale events are read)."""
        issued, redeemed = events.where("outcome", Outcome.ISSUED), events.where("outcome", Outcome.REDEEMED)
        on = _calendar_days(events)[issued].tolist()
        # each code's first day printed: of these, the first (a dict keeps the last of a key given
        # twice: they are given last first); of all, the one known before
        first = dict(zip(reversed(_codes(events, issued)), reversed(on), strict=True))
        self.printed = first | self.printed
        self.redeemed.update(_codes(events, redeemed))
        return self


def after_sale_rows(events: EventTable) -> npt.NDArray[np.bool_]:
    """The after-sale events (a code issued or redeemed) among `events`."""
    return events.where("outcome", Outcome.ISSUED) | events.where("outcome", Outcome.REDEEMED)


def after_sale_summary(events: EventTable, paid: EventTable, log: CodeLog) -> AfterSale | None:
    """The after-sale `events` of the report's days, the days' `paid` orders, and the whole `log`'s
    codes (those printed before the days or redeemed after them); None when `events` has none."""
    issued = events.where("outcome", Outcome.ISSUED)
    redeemed = events.where("outcome", Outcome.REDEEMED)
    n_issued, n_redeemed = int(issued.sum()), int(redeemed.sum())
    if not n_issued and not n_redeemed:
        return None
    came_back = sum(map(log.redeemed.__contains__, _codes(events, issued)))
    low, high = wilson(came_back, n_issued)
    on = _calendar_days(events)[redeemed].tolist()
    days = [
        day - log.printed[code]
        for code, day in zip(_codes(events, redeemed), on, strict=True)
        if code in log.printed
    ]
    redeeming = np.isin(paid.ints["order_key"], events.ints["order_key"][redeemed])
    return {
        "issued": n_issued,
        "redeemed": n_redeemed,
        "redemption_rate": rate(came_back, n_issued),
        "redemption_low": low,
        "redemption_high": high,
        "median_days_to_redeem": float(statistics.median(days)) if days else None,
        "redeeming_revenue": int(paid.ints["total"][redeeming].sum()),
    }


def _codes(events: EventTable, rows: npt.NDArray[np.bool_]) -> list[Code]:
    stores = np.array(events.values["store_id"], dtype=object)[events.text["store_id"][rows]]
    codes = np.array(events.values["code"], dtype=object)[events.text["code"][rows]]
    return list(zip(stores.tolist(), codes.tolist(), strict=True))


def _calendar_days(events: EventTable) -> npt.NDArray[np.int64]:
    """Each record's day as a date's ordinal: `events.day` numbers only the days that have a log
    folder, and a store shuts some days."""
    ordinal = np.array([date.fromisoformat(day).toordinal() for day in events.days], dtype=np.int64)
    on: npt.NDArray[np.int64] = ordinal[events.day]
    return on
