"""What the numbers say in words: which wording works, and who to coach.

A rule's pitch variants are told apart by the kind of prompt, the item offered
and the variant number that every prompt event carries. The wording verdict uses
confidence sequences (`pos.core.sequential`), so reading it every day does not
make false winners.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pos.core.metrics import Row, wilson
from pos.core.report import History
from pos.core.sequential import ALPHA, sequence_interval, trials_to_part


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
    """The cashier's metrics, with `ask_low`/`ask_high`: the interval of their ask rate, and
    `rank` (1 asks most, by the interval's lower bound) once they showed MIN_TO_RANK prompts."""
    flag: str | None
    """Why this cashier needs coaching, when they do."""


def wording_tests(history: History) -> list[WordingTest]:
    """Each rule's wordings side by side, with `cs_low`/`cs_high`: intervals that hold at every reading."""
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
    result = []
    for (kind, offer), variants in tests.items():
        if len(variants) < 2:
            continue
        alpha = ALPHA / len(variants)  # every variant's interval holds at once: no false winner among many
        for row in variants:
            row["cs_low"], row["cs_high"] = sequence_interval(row["accepted"], row["asked"], alpha)
        result.append(WordingTest(kind, offer, variants, verdict(variants, alpha)))
    return result


def verdict(variants: list[Row], alpha: float = ALPHA) -> str:
    """One plain sentence: the wording accepted more than every other, or how many more answers it needs."""
    ranked = sorted(variants, key=lambda row: -(row["acceptance_rate"] or 0))
    best, second = ranked[0], ranked[1]
    if any(row["asked"] == 0 for row in variants):
        return "no clear winner yet: a variant has not been asked yet"
    low, _ = sequence_interval(best["accepted"], best["asked"], alpha)
    if all(low > sequence_interval(row["accepted"], row["asked"], alpha)[1] for row in ranked[1:]):
        return f"'{best['pitch']}' is accepted more than {_others(ranked)}: {_span(best, alpha)} against {_span(second, alpha)}"
    needed = more_answers_needed(best, second, alpha)
    if needed is None:
        return "no clear winner yet: the variants are accepted alike so far"
    return f"no clear winner yet, about {needed:,} more answers needed"


def more_answers_needed(first: Row, second: Row, alpha: float = ALPHA) -> int | None:
    """Answers still needed, both variants together, for their intervals to part at today's rates."""
    rates = (first["acceptance_rate"], second["acceptance_rate"])
    each = None if None in rates else trials_to_part(rates[0] or 0.0, rates[1] or 0.0, alpha)
    if each is None:
        return None
    needed: int = max(0, each - first["asked"]) + max(0, each - second["asked"])
    return max(10, math.ceil(needed / 10) * 10)


MIN_TO_RANK = 30
"""Prompts a cashier must have shown before a rank means anything."""


def coaching(history: History) -> tuple[Row, list[CashierCoaching]]:
    """The store's totals, and each cashier beside the rest of the store: flagged when their ask
    rate's interval lies wholly below the others', ranked by their interval's lower bound."""
    report = history.report(("cashier",))
    store = report.totals
    result = []
    for row in report.rows:
        low, high = wilson(row["asked"], row["shown"])
        row = {**row, "ask_low": low, "ask_high": high}
        rest_shown, rest_asked = store["shown"] - row["shown"], store["asked"] - row["asked"]
        rest_low, rest_high = wilson(rest_asked, rest_shown)
        flag = None
        if high is not None and rest_low is not None and high < rest_low:
            flag = (
                f"asks less than the others: {row['ask_rate']:.0%} ({low:.0%}-{high:.0%}) against "
                f"{rest_asked / rest_shown:.0%} ({rest_low:.0%}-{rest_high:.0%})"
            )
        result.append(CashierCoaching(row, flag))
    ranked = sorted(
        (coach for coach in result if coach.row["shown"] >= MIN_TO_RANK),
        key=lambda coach: -(coach.row.get("ask_low") or 0.0),
    )
    for rank, coach in enumerate(ranked, start=1):
        coach.row["rank"] = rank
    return store, result


def _others(ranked: list[Row]) -> str:
    return "the other wording" if len(ranked) == 2 else f"the other {len(ranked) - 1} wordings"


def _span(row: Row, alpha: float) -> str:
    low, high = sequence_interval(row["accepted"], row["asked"], alpha)
    decimals = 1 if high - low < 0.05 else 0
    return f"{low * 100:.{decimals}f}-{high * 100:.{decimals}f} %"
