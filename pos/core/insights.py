"""What the numbers say in words: which wording works, and who to coach.

A rule's pitch variants are told apart by the kind of prompt, the item offered
and the variant number that every prompt event carries.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pos.core.metrics import Z95, Row, wilson
from pos.core.report import History


@dataclass(frozen=True)
class WordingTest:
    kind: str
    offer: str
    variants: list[Row]
    """One row per variant: its metrics and `pitch`, the wording shown most."""
    verdict: str


@dataclass(frozen=True)
class CashierCoaching:
    row: Row
    """The cashier's metrics, with `ask_low`/`ask_high`: the interval of their ask rate."""
    flag: str | None
    """Why this cashier needs coaching, when they do."""


def wording_tests(history: History) -> list[WordingTest]:
    rows = history.report(("kind", "offer", "variant")).rows
    texts = history.report(("kind", "offer", "variant", "pitch")).rows
    most_shown: dict[tuple[str, str, int], Row] = {}
    for row in texts:
        key = (row["kind"], row["offer"], row["variant"])
        if key not in most_shown or row["shown"] > most_shown[key]["shown"]:
            most_shown[key] = row
    tests: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        row = {**row, "pitch": most_shown[(row["kind"], row["offer"], row["variant"])]["pitch"]}
        tests.setdefault((row["kind"], row["offer"]), []).append(row)
    return [
        WordingTest(kind, offer, variants, verdict(variants))
        for (kind, offer), variants in tests.items()
        if len(variants) > 1
    ]


def verdict(variants: list[Row]) -> str:
    """One plain sentence: the variant that is ahead, or how many more answers it needs."""
    ranked = sorted(variants, key=lambda row: -(row["acceptance_rate"] or 0))
    best, second = ranked[0], ranked[1]
    if best["asked"] == 0 or second["asked"] == 0:
        return "no clear winner yet: a variant has not been asked yet"
    if best["ci_low"] > second["ci_high"]:
        return f"'{best['pitch']}' is accepted more: {_span(best)} against {_span(second)}"
    needed = more_answers_needed(best, second)
    if needed is None:
        return "no clear winner yet: the variants are accepted alike so far"
    return f"no clear winner yet, about {needed:,} more answers needed"


def more_answers_needed(first: Row, second: Row) -> int | None:
    """Answers still needed, both variants together, for the intervals to part at today's rates."""
    p1: float = first["acceptance_rate"]
    p2: float = second["acceptance_rate"]
    asked1: int = first["asked"]
    asked2: int = second["asked"]
    if p1 == p2:
        return None
    spread = Z95 * (math.sqrt(p1 * (1 - p1)) + math.sqrt(p2 * (1 - p2)))
    each = (spread / abs(p1 - p2)) ** 2
    needed = max(0.0, each - asked1) + max(0.0, each - asked2)
    return max(10, math.ceil(needed / 10) * 10)


def coaching(history: History) -> tuple[Row, list[CashierCoaching]]:
    """The store's totals, and each cashier beside them, flagged when they ask much less."""
    report = history.report(("cashier",))
    store = report.totals
    result = []
    for row in report.rows:
        low, high = wilson(row["asked"], row["shown"])
        row = {**row, "ask_low": low, "ask_high": high}
        rest_shown = store["shown"] - row["shown"]
        rest_rate = (store["asked"] - row["asked"]) / rest_shown if rest_shown else None
        flag = None
        if (
            rest_rate is not None
            and high is not None
            and high < rest_rate
            and rest_rate - row["ask_rate"] >= 0.10
        ):
            flag = f"asks much less than the others: {row['ask_rate']:.0%} against {rest_rate:.0%}"
        result.append(CashierCoaching(row, flag))
    return store, result


def _span(row: Row) -> str:
    decimals = 1 if row["ci_high"] - row["ci_low"] < 0.05 else 0
    return f"{row['ci_low'] * 100:.{decimals}f}-{row['ci_high'] * 100:.{decimals}f} %"
