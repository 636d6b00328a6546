"""What a manager reads, worked out once: the table the command prints, the report screen and the HTML page show it.

The figures for the chosen grouping, acceptance by offer, by cashier and by day,
which wording works, and who to coach, all from one history.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos.core.insights import CashierCoaching, WordingTest, coaching, wording_tests
from pos.core.report import History, Report, Row


@dataclass(frozen=True)
class Dashboard:
    report: Report
    """Grouped as asked (`--by`), with the totals."""
    by_offer: Report
    by_cashier: Report
    by_day: Report
    wording: list[WordingTest]
    store: Row
    """The store's figures, beside which each cashier is coached."""
    cashiers: list[CashierCoaching]


def build_dashboard(history: History, by: tuple[str, ...] = ()) -> Dashboard:
    store, cashiers = coaching(history)
    return Dashboard(
        history.report(by),
        history.report(("offer",)),
        history.report(("cashier",)),
        history.report(("day",)),
        wording_tests(history),
        store,
        cashiers,
    )
