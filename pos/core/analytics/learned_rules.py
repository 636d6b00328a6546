"""What each learned rule (`choose = "learn"`) did, per store: what each candidate kept per chance in
each context, what the learned choice is worth against always making one candidate, and (with a
holdout) what asking at all adds.

- **Per context**: the learned choice's chances there and what they kept, and each candidate's
  chances there (those it was offered in) and what they kept: means per chance with intervals that
  hold at every reading (`off_policy.kept_per_chance`), from 0 to the most a chance of the rule
  added or was quoted.
- **Against fixed choices** (`pos.core.analytics.off_policy`): for each candidate, what always
  offering it (where the guards allow it, else the first allowed) would have kept per chance, and
  what the learned choice kept more than that. The menu's first candidate is one of them: always
  it is `choose = "first"`. The differences' intervals are each at 5 % / the number of candidates,
  so that naming any of them as proven is wrong at most 5 % of the time, however often it is read.
  A rule whose day's menus gave it no floor chance (`explore = 0`) is not weighed (`unweighed`).
- **Asking at all**: the holdout's lift over the rule's chances (`pos.core.analytics.lift`) times
  the mean offer's value: what a chance asked keeps more than one held out, per chance.
- **By day**: how many times each candidate was chosen (chances held out too), over the rule and in
  each context, for the chart of the learning over time (it learns context by context).

Money is per chance in minor units (a rate, to 4 places), chances held out count in asking alone.
"""

from __future__ import annotations

from typing import TypedDict

import numpy as np
import numpy.typing as npt

from pos.core.analytics.learned_chances import RuleChances
from pos.core.analytics.lift import lift_metrics
from pos.core.analytics.off_policy import Estimate, Logged, fixed, kept_per_chance
from pos.core.analytics.sequential import ALPHA

DECIMALS = 4


class Context(TypedDict):
    daypart: str | None
    has: list[str]
    lines: str


class PerChance(TypedDict):
    """Minor units per chance, and the anytime-valid interval around it (None before any chance)."""

    per_chance: float | None
    low: float | None
    high: float | None


class Offered(PerChance):
    offer: str
    chances: int
    kept: int


class DayChoices(TypedDict):
    day: str
    chosen: list[int]
    """How many times each candidate was chosen that day, in the order of the rule's `offers`."""


class ContextFigures(PerChance):
    context: Context
    chances: int
    kept: int
    candidates: list[Offered]
    by_day: list[DayChoices]
    """The context's own choices by day (chances held out too): how the learning moved there."""


class Fixed(PerChance):
    """Always one candidate: what it would have kept per chance, and what the learned choice kept
    per chance more than it (`adds`, `adds_low`, `adds_high`)."""

    offer: str
    adds: float | None
    adds_low: float | None
    adds_high: float | None


class LearnedRule(PerChance):
    store_id: str
    rule: str
    currency: str | None
    """The store's currency (`pos.core.analytics.report_currency.priced`; None until priced)."""
    offers: list[str]
    sizes: list[str | None]
    chances: int
    """Chances shown (asked or skipped), which the learned choice made."""
    held_out: int
    kept: int
    contexts: list[ContextFigures]
    fixed: list[Fixed]
    """Empty where `unweighed` says why."""
    unweighed: str | None
    """Why the learned choice is not weighed against always one offer (`explore = 0`), else None."""
    asking: PerChance | None
    """A chance asked against one held out (None until chances of the rule were held out and paid)."""
    by_day: list[DayChoices]


NO_FLOOR = (
    "explore = 0: no fair comparison with always one offer (with no floor chance, an offer the "
    "learning stopped making is never asked again, so nothing weighs always making it)"
)
"""Why a rule learned with no floor chance is weighed against no fixed offer."""


def learned_rule(chances: RuleChances) -> LearnedRule:
    shown = ~chances.held_out
    kept = np.clip(chances.kept, 0, None)  # a chance keeps nothing less than nothing
    bound = float(max(int(chances.delta.max(initial=0)), int(kept.max(initial=0)), 1))
    least = float(chances.least[shown].min(initial=1.0))
    total = int(kept[shown].sum())
    chosen = _chosen_by_day(chances)
    fixed_figures: list[Fixed] = []
    if least > 0:
        logged = Logged(
            chances.offered[shown], chances.propensity[shown], kept[shown].astype(np.float64), bound, least
        )
        allowed = chances.allowed[shown]
        each = ALPHA / len(chances.offers)
        fixed_figures = [
            _fixed(
                offer,
                logged.fixed(fixed(allowed, index)),
                logged.learned_against(fixed(allowed, index), each),
            )
            for index, offer in enumerate(chances.offers)
        ]
    return {
        "store_id": chances.store_id,
        "rule": chances.rule,
        "currency": None,
        "offers": list(chances.offers),
        "sizes": list(chances.sizes),
        "chances": int(shown.sum()),
        "held_out": int(chances.held_out.sum()),
        "kept": total,
        **_per_chance(kept_per_chance(total, int(shown.sum()), bound)),
        "contexts": _contexts(chances, kept, shown, bound, chosen),
        "fixed": fixed_figures,
        "unweighed": None if least > 0 else NO_FLOOR,
        "asking": _asking(chances),
        "by_day": _days(chances, chosen.sum(axis=0)),
    }


def _contexts(
    chances: RuleChances,
    kept: npt.NDArray[np.int64],
    shown: npt.NDArray[np.bool_],
    bound: float,
    chosen: npt.NDArray[np.int64],
) -> list[ContextFigures]:
    """Each context the rule's chances were shown in, the most chances first (`chosen`: the choices
    by context, day and candidate)."""
    width = len(chances.offers)
    cells = chances.context[shown] * width + chances.offered[shown]
    counts = np.bincount(cells, minlength=len(chances.contexts) * width).reshape(-1, width)
    summed = np.zeros(len(chances.contexts) * width, dtype=np.int64)  # money: summed exactly
    np.add.at(summed, cells, kept[shown])
    sums = summed.reshape(-1, width)
    found: list[ContextFigures] = []
    for index, context in enumerate(chances.contexts):
        here, total = int(counts[index].sum()), int(sums[index].sum())
        if not here:
            continue
        candidates: list[Offered] = [
            {
                "offer": offer,
                "chances": int(counts[index, place]),
                "kept": int(sums[index, place]),
                **_per_chance(kept_per_chance(int(sums[index, place]), int(counts[index, place]), bound)),
            }
            for place, offer in enumerate(chances.offers)
        ]
        found.append(
            {
                "context": {"daypart": context.daypart, "has": list(context.has), "lines": context.lines},
                "chances": here,
                "kept": total,
                **_per_chance(kept_per_chance(total, here, bound)),
                "candidates": candidates,
                "by_day": _days(chances, chosen[index]),
            }
        )
    found.sort(key=lambda figures: -figures["chances"])
    return found


def _fixed(offer: str, value: Estimate | None, adds: Estimate | None) -> Fixed:
    return {
        "offer": offer,
        **_per_chance(value),
        "adds": None if adds is None else round(adds.mean, DECIMALS),
        "adds_low": None if adds is None else round(adds.low, DECIMALS),
        "adds_high": None if adds is None else round(adds.high, DECIMALS),
    }


def _asking(chances: RuleChances) -> PerChance | None:
    """The holdout's lift over the rule's chances, in minor units per chance: the lift in the share of
    paid orders that ended with the offer, times what the offers asked in paid orders were worth."""
    if chances.paid is None or chances.attached is None:
        return None
    asked = chances.paid & ~chances.held_out
    if not asked.any() or not (chances.paid & chances.held_out).any():
        return None
    (lift,) = lift_metrics(
        np.zeros(len(chances), dtype=np.int64),
        1,
        chances.held_out,
        chances.paid,
        chances.attached,
        chances.delta,
    )
    worth = float(chances.delta[asked].mean())
    rate, low, high = lift["lift"], lift["lift_low"], lift["lift_high"]
    if rate is None or low is None or high is None:
        return None
    return _per_chance(Estimate(rate * worth, low * worth, high * worth, int(asked.sum())))


def _chosen_by_day(chances: RuleChances) -> npt.NDArray[np.int64]:
    """How many times each candidate was chosen, by context, day and candidate."""
    counts = np.zeros((len(chances.contexts), len(chances.days), len(chances.offers)), dtype=np.int64)
    np.add.at(counts, (chances.context, chances.day, chances.offered), 1)
    return counts


def _days(chances: RuleChances, counts: npt.NDArray[np.int64]) -> list[DayChoices]:
    """The days with a choice among `counts` (a row per day, a count per candidate)."""
    return [
        {"day": day, "chosen": counts[index].tolist()}
        for index, day in enumerate(chances.days)
        if counts[index].any()
    ]


def _per_chance(estimate: Estimate | None) -> PerChance:
    if estimate is None:
        return {"per_chance": None, "low": None, "high": None}
    return {
        "per_chance": round(estimate.mean, DECIMALS),
        "low": round(estimate.low, DECIMALS),
        "high": round(estimate.high, DECIMALS),
    }
