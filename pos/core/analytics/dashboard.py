"""What a manager reads, worked out once: the table the command prints, the report screen and the HTML page show it.

The figures for the chosen grouping, acceptance by rule, by cashier and by day,
what a prompt costs, prompt fatigue, which wording works, and who to coach, all
from one history.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos.core.analytics.coaching import CashierCoaching, StoreCoaching, coaching
from pos.core.analytics.insights import WordingTest, wording_tests
from pos.core.analytics.report import History, Report
from pos.core.analytics.store_scope import store_names, store_rows, store_scope


@dataclass(frozen=True)
class Dashboard:
    report: Report
    """Grouped as asked (`--by`), with the totals."""
    by_rule: Report
    """By the rule that made the prompts: one item's upsell and cross-sell are two rows, and so are
    two upsells to the same meal (`pos.core.selling.rule_ids`); in a report over several stores, by store and
    rule, so each store's lift is its own customers'."""
    by_cashier: Report
    """By cashier; in a report over several stores, by store and cashier: each store's C1 apart."""
    store_names: dict[str, str]
    """In a report over several stores, each store's label by its id, for the rows of one store
    (`pos.core.analytics.store_scope`: "C1 (North)", "North: upsell: ..."); empty for one store."""
    by_day: Report
    by_kind: Report
    """What a prompt of each kind costs in counter time and earns."""
    by_place: Report
    """Prompt fatigue: acceptance by the prompt's number among those the customer heard (`heard`)..."""
    by_declined: Report
    """...and by how many prompts the customer had already declined."""
    wording: list[WordingTest]
    stores: list[StoreCoaching]
    """The store's figures, beside which each cashier is coached; each store's, over several."""
    cashiers: list[CashierCoaching]
    variants_shown: bool
    """Pitch variants were shown on the days reported, though perhaps filtered out."""


def build_dashboard(history: History, by: tuple[str, ...] = ()) -> Dashboard:
    stores, cashiers = coaching(history)
    scope = store_scope(history)
    return Dashboard(
        history.report(by),
        history.report((*scope, "rule")),
        history.report((*scope, "cashier")),
        store_names(store_rows(history)),
        history.report(("day",)),
        history.report(("kind",)),
        history.report(("heard",)),
        history.report(("declined_before",)),
        wording_tests(history),
        stores,
        cashiers,
        history.variants_shown,
    )
