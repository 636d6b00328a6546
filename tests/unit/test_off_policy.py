"""The off-policy estimates of a learned rule (`pos.core.analytics.off_policy`) hold the true value
however often they are read, and name no winner among equal candidates more often than promised.

Histories are simulated here directly as logged chances (many seeded runs side by side in numpy,
so the test stays fast): three contexts, three candidates (the first not allowed in one context),
a policy that learns as it goes (greedy on what each candidate kept so far in the context, with a
floor chance of 5 % for every candidate allowed) and logs the chance its offer had. Each estimate
is read after 125, 250, 500 and 1,000 chances; its interval must hold the true value at every
one of those readings in at least 95 % of the runs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pos.core.analytics.learned_chances import RuleChances
from pos.core.analytics.learned_rules import learned_rule
from pos.core.analytics.off_policy import Logged, fixed
from pos.core.analytics.sequential import ALPHA
from pos.core.base.events import ChoiceContext
from pos.reports.learned_words import sentences

RUNS = 200
CHANCES = 1_000
LOOKS = (125, 250, 500, 1_000)
FLOOR = 0.05
PRICES = np.array([150.0, 129.0, 139.0])
CONTEXTS = np.array([0.45, 0.35, 0.20])
"""How often each context comes."""
ALLOWED = np.array([[True, True, True], [True, True, True], [False, True, True]])
"""The guards: the first candidate is never allowed in the third context."""


@dataclass(frozen=True)
class Runs:
    context: npt.NDArray[np.int64]
    offered: npt.NDArray[np.int64]
    propensity: npt.NDArray[np.float64]
    kept: npt.NDArray[np.float64]
    learned_mean: npt.NDArray[np.float64]
    """Per run and chance: what the policy then was expected to keep per chance, over the contexts."""


def simulated(yes: npt.NDArray[np.float64], seed: int) -> Runs:
    """`RUNS` histories of `CHANCES` chances; `yes[x, a]` is the chance of a yes to candidate a in
    context x (a yes keeps its price)."""
    rng = np.random.default_rng(seed)
    worth = yes * PRICES  # what a chance of each candidate keeps on average, by context
    context = rng.choice(3, size=(RUNS, CHANCES), p=CONTEXTS)
    offered = np.zeros((RUNS, CHANCES), dtype=np.int64)
    propensity = np.zeros((RUNS, CHANCES))
    kept = np.zeros((RUNS, CHANCES))
    learned_mean = np.zeros((RUNS, CHANCES))
    sums, counts = np.zeros((RUNS, 3, 3)), np.zeros((RUNS, 3, 3))
    runs = np.arange(RUNS)
    for chance in range(CHANCES):
        seen = np.where(ALLOWED, (sums + 100) / (counts + 1), -np.inf)  # optimistic until tried
        best = np.argmax(seen + rng.random((RUNS, 3, 3)) * 1e-6, axis=2)
        policy = np.where(ALLOWED, FLOOR, 0.0)
        policy = policy + np.eye(3)[best] * (1 - ALLOWED.sum(axis=1, keepdims=True) * FLOOR)
        learned_mean[:, chance] = (policy * worth).sum(axis=2) @ CONTEXTS
        here = context[:, chance]
        chances = policy[runs, here]
        pick = (rng.random(RUNS)[:, None] > np.cumsum(chances, axis=1)).sum(axis=1)
        offered[:, chance] = pick
        propensity[:, chance] = chances[runs, pick]
        kept[:, chance] = PRICES[pick] * (rng.random(RUNS) < yes[here, pick])
        sums[runs, here, pick] += kept[:, chance]
        counts[runs, here, pick] += 1
    return Runs(context, offered, propensity, kept, learned_mean)


def always(candidate: int, context: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    return fixed(ALLOWED[context], candidate)


def true_value(yes: npt.NDArray[np.float64], candidate: int) -> float:
    """What always `candidate` (else the first allowed) keeps per chance, over the contexts."""
    targets = always(candidate, np.arange(3))
    return float(sum(CONTEXTS[x] * yes[x, targets[x]] * PRICES[targets[x]] for x in range(3)))


def logged(runs: Runs, run: int, look: int) -> Logged:
    return Logged(
        runs.offered[run, :look],
        runs.propensity[run, :look],
        runs.kept[run, :look],
        float(PRICES.max()),
        FLOOR,
    )


TASTES = np.array([[0.20, 0.45, 0.10], [0.45, 0.10, 0.15], [0.05, 0.10, 0.45]])
"""Breakfast takes the hash brown, lunch fries, the third context the pie."""


def test_the_estimates_hold_the_true_values_at_every_reading_in_95_percent_of_runs() -> None:
    runs = simulated(TASTES, seed=1)
    held = {name: 0 for name in ("learned", "fixed", "adds", "fixed-sample")}
    for run in range(RUNS):
        ok = dict.fromkeys(held, True)
        for look in LOOKS:
            chances = logged(runs, run, look)
            learned = chances.learned()
            expected = float(runs.learned_mean[run, :look].mean())
            assert learned is not None
            ok["learned"] &= learned.low <= expected <= learned.high
            for candidate in range(3):
                target = always(candidate, runs.context[run, :look])
                value = chances.fixed(target)
                adds = chances.learned_against(target, ALPHA / 3)
                assert value is not None and adds is not None
                truth = true_value(TASTES, candidate)
                ok["fixed"] &= value.low <= truth <= value.high
                ok["adds"] &= adds.low <= expected - truth <= adds.high
                weighted = np.where(chances.offered == target, chances.kept / chances.propensity, 0.0)
                error = 1.959964 * weighted.std() / np.sqrt(look)  # a z-interval, read the same way
                ok["fixed-sample"] &= abs(weighted.mean() - truth) <= error
        for name, holds in ok.items():
            held[name] += holds
    naive = held.pop("fixed-sample")
    for name, count in held.items():
        assert count / RUNS >= 1 - ALPHA, f"{name}: held in {count} of {RUNS} runs"
    assert naive / RUNS < 1 - 3 * ALPHA, "a fixed-sample interval read at every look misses far more often"


def test_equal_candidates_name_no_winner_more_often_than_the_error_rate() -> None:
    """Every candidate keeps 40 cents a chance in every context: the learning adds nothing over any of
    them, and a winner the report's sentences name at any reading, against any of them, is a false
    one."""
    runs = simulated(40 / PRICES * np.ones((3, 1)), seed=2)
    named = 0
    for run in range(RUNS):
        for look in LOOKS:
            figures = learned_rule(rule_chances(runs, run, look))
            said = " ".join(sentences(figures, {}, "USD", {}))
            if "no proof yet" not in said or len(said.split(". ")) > 1:
                named += 1
                break
    assert named / RUNS <= ALPHA


def rule_chances(runs: Runs, run: int, look: int) -> RuleChances:
    """The run's first `look` chances, as the report reads a learned rule's from the log."""
    context = runs.context[run, :look]
    return RuleChances(
        store_id="S1",
        rule="add-on",
        offers=("20", "9", "40"),
        sizes=(None, None, None),
        contexts=tuple(
            ChoiceContext(daypart=part, has=(), lines="1") for part in ("breakfast", "lunch", "dinner")
        ),
        context=context,
        offered=runs.offered[run, :look],
        allowed=ALLOWED[context],
        propensity=runs.propensity[run, :look],
        least=np.full(look, FLOOR),
        kept=runs.kept[run, :look].astype(np.int64),
        delta=PRICES[runs.offered[run, :look]].astype(np.int64),
        held_out=np.zeros(look, dtype=bool),
        day=np.zeros(look, dtype=np.int64),
        days=["2026-11-23"],
        paid=None,
        attached=None,
    )


def test_with_enough_chances_the_learning_is_proven_worth_more_than_always_the_first() -> None:
    """A policy that offers each context's best 90 % of the time, over 40,000 chances: what it adds over
    always the first candidate (fries, best in one context of three) is told from zero."""
    rng = np.random.default_rng(3)
    context = rng.choice(3, size=40_000, p=CONTEXTS)
    best = np.argmax(TASTES * PRICES, axis=1)
    policy = np.where(ALLOWED, FLOOR, 0.0) + np.eye(3)[best] * (
        1 - ALLOWED.sum(axis=1, keepdims=True) * FLOOR
    )
    chances = policy[context]
    offered = (rng.random(len(context))[:, None] > np.cumsum(chances, axis=1)).sum(axis=1)
    kept = PRICES[offered] * (rng.random(len(context)) < TASTES[context, offered])
    found = Logged(offered, chances[np.arange(len(context)), offered], kept, float(PRICES.max()), FLOOR)
    adds = found.learned_against(always(0, context), ALPHA / 3)
    assert adds is not None and adds.low > 0
    truth = float((policy * TASTES * PRICES).sum(axis=1) @ CONTEXTS) - true_value(TASTES, 0)
    assert adds.low <= truth <= adds.high
