"""Who to coach: each cashier beside the rest of the store, on the same prompts.

Cashiers do not see the same prompts: the breakfast shift gets the coffee upsell,
the dinner shift the meal. A cashier's ask rate is therefore set beside what the
others ask **rule by rule** (`rule`): the others' ask rate on each rule, weighted
by how often this cashier showed it, so a cashier is never flagged (nor ranked
low) for working the shift whose prompts are hard to ask. Its interval is
Wilson's at the weighted rate's effective number of prompts (Kish's
1 / sum(w_r^2 / n_r)): with one rule, the others' plain Wilson interval. In a
report over several stores, a cashier is (store, cashier), set beside the rest of
their own store on their store's rules, and ranked within it (`pos.core.analytics.store_scope`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pos.core.analytics.metrics import Row, wilson
from pos.core.analytics.report import History
from pos.core.analytics.store_scope import cashier_label, store_names, store_rows, store_scope

MIN_TO_RANK = 30
"""Prompts a cashier must have shown before a rank means anything."""


@dataclass(frozen=True)
class CashierCoaching:
    row: Row
    """The cashier's metrics, with `ask_low`/`ask_high`: the interval of their ask rate, and `rank`
    (1 asks most above the others of their store, rule by rule) once they showed MIN_TO_RANK prompts."""
    flag: str | None
    """Why this cashier needs coaching, when they do."""
    label: str
    """"C1", or "C1 (North)" in a report over several stores."""


@dataclass(frozen=True)
class StoreCoaching:
    row: Row
    """The figures beside which the store's cashiers are coached."""
    label: str
    """"Store", or the store's name in a report over several stores."""


@dataclass(frozen=True)
class Beside:
    """A cashier and the others on the rules both showed."""

    asked: int
    shown: int
    """The cashier's, on those rules."""
    others: float
    """The others' ask rate, rule by rule, weighted by the cashier's prompts of each."""
    others_low: float
    others_high: float


def coaching(history: History) -> tuple[list[StoreCoaching], list[CashierCoaching]]:
    """Each store's figures, and each cashier beside the others of their store on the same rules:
    flagged when their ask rate's interval lies wholly below the others', ranked within their
    store by how far the lower bound of their interval lies above the others' rate."""
    scope = store_scope(history)
    cashiers = history.report((*scope, "cashier"))
    by_store = store_rows(history)
    names = store_names(by_store)
    stores = [StoreCoaching(row, names[row["store_id"]]) for row in by_store] or [
        StoreCoaching(cashiers.totals, "Store")
    ]
    rules = {(row.get("store_id"), row["rule"]): row for row in history.report((*scope, "rule")).rows}
    mixes: dict[tuple[str | None, str], list[Row]] = {}
    for row in history.report((*scope, "cashier", "rule")).rows:
        mixes.setdefault(_who(row), []).append(row)
    result = []
    lead: dict[tuple[str | None, str], float] = {}
    for row in cashiers.rows:
        low, high = wilson(row["asked"], row["shown"])
        row = {**row, "ask_low": low, "ask_high": high}
        who = _who(row)
        beside = _beside(mixes.get(who, []), rules)
        flag = None
        if beside is not None:
            own_low, own_high = wilson(beside.asked, beside.shown)
            assert own_low is not None and own_high is not None
            lead[who] = own_low - beside.others
            if own_high < beside.others_low:
                flag = (
                    f"asks less than the others on the same prompts: {beside.asked / beside.shown:.0%} "
                    f"({own_low:.0%}-{own_high:.0%}) against {beside.others:.0%} "
                    f"({beside.others_low:.0%}-{beside.others_high:.0%})"
                )
        result.append(CashierCoaching(row, flag, cashier_label(row, names)))
    ranked = sorted(
        (coach for coach in result if coach.row["shown"] >= MIN_TO_RANK and _who(coach.row) in lead),
        key=lambda coach: -lead[_who(coach.row)],
    )
    ranks: dict[str | None, int] = {}  # each store's cashiers ranked among themselves
    for coach in ranked:
        store = coach.row.get("store_id")
        ranks[store] = ranks.get(store, 0) + 1
        coach.row["rank"] = ranks[store]
    return stores, result


def _who(row: Row) -> tuple[str | None, str]:
    """A cashier: their store's id (in a report over several stores) and their id."""
    return row.get("store_id"), row["cashier"]


def _beside(mix: list[Row], store: dict[tuple[str | None, str], Row]) -> Beside | None:
    """The cashier (their rows by rule) beside the others on the rules the others showed too;
    None when there are none."""
    pairs = [
        (row, rest["shown"] - row["shown"], rest["asked"] - row["asked"])
        for row in mix
        if row["shown"]
        for rest in [store[(row.get("store_id"), row["rule"])]]
    ]
    pairs = [(row, shown, asked) for row, shown, asked in pairs if shown > 0]
    shown = sum(row["shown"] for row, _, _ in pairs)
    if not shown:
        return None
    weights = [row["shown"] / shown for row, _, _ in pairs]
    others = sum(weight * asked / rest for weight, (_, rest, asked) in zip(weights, pairs, strict=True))
    prompts = 1 / sum(weight**2 / rest for weight, (_, rest, _) in zip(weights, pairs, strict=True))
    low, high = wilson(others * prompts, prompts)
    assert low is not None and high is not None
    return Beside(sum(row["asked"] for row, _, _ in pairs), shown, others, low, high)
