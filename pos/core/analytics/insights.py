"""Which wording works, in a plain sentence.

A rule's pitch variants are told apart by the rule that made the prompt (`rule`:
two rules that offer the same item are two comparisons; within each store of a
report over several, `pos.core.analytics.store_scope`) and the variant number
that every prompt event carries. The wording verdict uses confidence sequences
(`pos.core.analytics.sequential`), so reading it every day does not make false winners.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from pos.core.analytics.metrics import Row
from pos.core.analytics.report import History
from pos.core.analytics.sequential import ALPHA, sequence_interval, trials_to_part
from pos.core.analytics.store_scope import store_names, store_rows, store_scope
from pos.core.selling.rule_ids import rule_label


@dataclass(frozen=True)
class WordingTest:
    rule: str
    """The rule whose wordings are compared (`pos.core.selling.rule_ids`)."""
    variants: list[Row]
    """One row per variant: its metrics and `pitch`, the wording shown most."""
    verdict: str
    store: str | None = None
    """The store whose customers heard them, in a report over several stores: its name, with its
    id where another store of the report shares the name."""

    def title(self, names: Mapping[str, str]) -> str:
        """`upsell: Cheeseburger -> Cheeseburger Meal`, after its store's name in a report over several."""
        label = rule_label(self.rule, names)
        return f"{self.store}: {label}" if self.store else label


def wording_tests(history: History) -> list[WordingTest]:
    """Each rule's wordings side by side, with `cs_low`/`cs_high`: intervals that hold at every reading."""
    by = (*store_scope(history), "rule")
    stores = store_names(store_rows(history))
    rows = history.report((*by, "variant")).rows
    texts = history.report((*by, "variant", "pitch")).rows
    most_shown: dict[tuple[str | None, str, int], Row] = {}
    for row in texts:
        key = (row.get("store_id"), row["rule"], row["variant"])
        if key not in most_shown or row["shown"] > most_shown[key]["shown"]:
            most_shown[key] = row
    tests: dict[tuple[str | None, str], list[Row]] = {}
    for row in rows:
        row = {**row, "pitch": most_shown[(row.get("store_id"), row["rule"], row["variant"])]["pitch"]}
        tests.setdefault((row.get("store_id"), row["rule"]), []).append(row)
    result = []
    for (store, rule), variants in tests.items():
        if len(variants) < 2:
            continue
        alpha = ALPHA / len(variants)  # every variant's interval holds at once: no false winner among many
        for row in variants:
            row["cs_low"], row["cs_high"] = sequence_interval(row["accepted"], row["asked"], alpha)
        result.append(
            WordingTest(rule, variants, verdict(variants, alpha), None if store is None else stores[store])
        )
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


def _others(ranked: list[Row]) -> str:
    return "the other wording" if len(ranked) == 2 else f"the other {len(ranked) - 1} wordings"


def _span(row: Row, alpha: float) -> str:
    low, high = sequence_interval(row["accepted"], row["asked"], alpha)
    decimals = 1 if high - low < 0.05 else 0
    return f"{low * 100:.{decimals}f}-{high * 100:.{decimals}f} %"
