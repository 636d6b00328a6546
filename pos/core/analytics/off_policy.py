"""What a learned choice is worth against a fixed one, from the chances it logged alone: off-policy
evaluation by inverse propensity weighting, with intervals that hold at every reading.

Each chance logs the candidates the guards allowed, the one offered, the chance it had of being
offered (`propensity`, exact: `pos.core.selling.learned_choice`) and what it kept (minor units). A
fixed choice is a candidate for each chance (`fixed`: always c where the guards allow it, else the
first allowed, what `choose = "first"` with c first would make). What it would have kept per
chance is the mean of `kept / propensity` over the chances whose offer was the one it makes, 0
for the others: each chance's expected term is what that candidate keeps there, whatever the
learning did, as the propensity is the chance the offer really had. The learned choice's own value
is the mean of what its chances kept, and the difference per chance the mean of
`kept x (1 - [offered = fixed's] / propensity)`.

The learned choice's own value is an answer's worth scaled (`kept_per_chance`); the weighted ones'
intervals are `sequential.bounded_intervals` (empirical Bernstein): every term lies in a known
range, since a chance keeps from 0 to `bound` (the most a candidate adds) and the floor chance
(`explore`) makes every propensity at least the floor, so a weight is at most 1 / explore (`least`:
the floor the menus gave the rule, `pos.core.analytics.learned_floors`, never a chance logged that
no counter could have made); each term's expected value is taken given every chance before it, so
the learning's changing its mind as answers came breaks nothing. What is covered is the mean over
the chances so far of what each choice would have kept on them. With no floor (`explore = 0`) an
offer the learning stopped making is never made again: nothing weighs always making it, and
nothing is estimated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pos.core.analytics.sequential import ALPHA, bounded_interval, half_width

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Estimate:
    """Minor units per chance, and the interval around it."""

    mean: float
    low: float
    high: float
    chances: int

    @property
    def holds_zero(self) -> bool:
        return self.low <= 0 <= self.high


@dataclass(frozen=True)
class Logged:
    """A learned rule's chances as they came: the offer made (its place among the rule's candidates),
    the chance it had (at least `least`), and what it kept, each within 0 and `bound`."""

    offered: Ints
    propensity: Floats
    kept: Floats
    bound: float
    least: float
    """The least chance an offer could have had: the rule's floor, above 0."""

    def __post_init__(self) -> None:
        assert len(self.offered) == len(self.propensity) == len(self.kept)
        assert 0 < self.least <= float(self.propensity.min(initial=1.0))

    @property
    def most_weight(self) -> float:
        """The largest weight a chance can have: 1 / the least chance an offer could have had."""
        return 1 / self.least

    def learned(self, alpha: float = ALPHA) -> Estimate | None:
        """What the learned choice kept per chance."""
        return kept_per_chance(float(self.kept.sum()), len(self.kept), self.bound, alpha)

    def fixed(self, target: Ints, alpha: float = ALPHA) -> Estimate | None:
        """What offering `target` (a candidate per chance) would have kept per chance."""
        return _estimate(self._weighted(target), 0.0, self.bound * self.most_weight, alpha)

    def learned_against(self, target: Ints, alpha: float = ALPHA) -> Estimate | None:
        """What the learned choice kept per chance more than offering `target` would have."""
        low = -self.bound * (self.most_weight - 1)
        return _estimate(self.kept - self._weighted(target), low, self.bound, alpha)

    def _weighted(self, target: Ints) -> Floats:
        weighted: Floats = np.where(self.offered == target, self.kept / self.propensity, 0.0)
        return weighted


def fixed(allowed: npt.NDArray[np.bool_], candidate: int) -> Ints:
    """Always `candidate` where the guards allow it, else the first they allow, for each chance
    (`allowed`: a row of flags per chance, one per candidate in the menu's order)."""
    first = np.argmax(allowed, axis=1)
    chosen: Ints = np.where(allowed[:, candidate], candidate, first).astype(np.int64)
    return chosen


def kept_per_chance(kept: float, chances: int, bound: float, alpha: float = ALPHA) -> Estimate | None:
    """What `chances` kept per chance (`kept` in all, each from 0 to `bound`), and the interval around
    it that holds at every reading (None for no chance). Values in a range of `bound` vary at most as much as answers
    in 0..1 scaled by it: Robbins' mixture for those (`sequential.half_width`), which assumes that
    worst spread, is tighter here than the empirical Bernstein sequence, which pays for learning a
    spread that a yes or a no worth the whole range nearly reaches anyway."""
    if not chances:
        return None
    mean, half = kept / chances, bound * half_width(chances, alpha)
    return Estimate(mean, max(0.0, mean - half), min(bound, mean + half), chances)


def _estimate(values: Floats, low: float, high: float, alpha: float) -> Estimate | None:
    found = bounded_interval(values, low, high, alpha)
    if found is None:
        return None
    return Estimate(*found, chances=len(values))
