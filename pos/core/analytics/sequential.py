"""Intervals that stay honest however often they are read: confidence sequences for a rate.

A report is read every day. A fixed-sample interval checked after every 100 answers
finds a "winner" among equal wordings far more often than its 5 % (about 40 % over
ten looks). A confidence sequence holds at every look at once: with probability at
least 1 - alpha the true rate is inside the interval at all times, however many
answers come and however often the report is read.

The boundary is Robbins' normal mixture for a mean of answers in [0, 1], which are
sub-Gaussian with variance at most 1/4 (Howard, Ramdas, McAuliffe and Sekhon, 2021,
"Time-uniform, nonparametric, nonasymptotic confidence sequences"): after t
answers, |mean - rate| <= sqrt((t/4 + rho) * ln((t/4 + rho) / (rho * alpha^2))) / t.

A mean of values in a known range whose spread is far below the range's worst (what a learned
choice's off-policy estimates are: mostly small, now and then weighted up by 1 / propensity) has
the empirical Bernstein sequence of the same paper (`bounded_intervals`).
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

ALPHA = 0.05
TUNED_FOR = 500
"""The interval is tightest around this many answers; it is valid at every count."""
_LOG = math.log(1 / ALPHA)
RHO = (TUNED_FOR / 4) / (2 * _LOG + math.log(1 + 2 * _LOG))


def half_width(trials: int, alpha: float = ALPHA) -> float:
    """How far the true rate may be from the observed one, at every count at once."""
    if trials <= 0:
        return 1.0
    spread = trials / 4 + RHO
    return math.sqrt(spread * math.log(spread / (RHO * alpha * alpha))) / trials


def sequence_interval(successes: int, trials: int, alpha: float = ALPHA) -> tuple[float, float]:
    """The confidence sequence's interval of successes / trials, clipped to 0..1."""
    if trials <= 0:
        return 0.0, 1.0
    rate, half = successes / trials, half_width(trials, alpha)
    return max(0.0, rate - half), min(1.0, rate + half)


def trials_to_part(rate_a: float, rate_b: float, alpha: float) -> int | None:
    """Answers each arm needs before intervals around these rates no longer overlap; None when equal."""
    gap = abs(rate_a - rate_b)
    if gap == 0:
        return None
    low, high = 1, 1
    while 2 * half_width(high, alpha) >= gap:
        low, high = high, high * 2
        if high > 10**9:
            return None
    while low < high:
        middle = (low + high) // 2
        if 2 * half_width(middle, alpha) < gap:
            high = middle
        else:
            low = middle + 1
    return high


STITCH_SPACING = 2.0
"""eta: how fast the stitched boundary's epochs grow (Howard et al.'s own choice)."""
STITCH_POWER = 1.4
"""s: how the error is spread over the epochs, (k + 1)^-s (theirs too)."""
ZETA = 3.1055472779775
"""Riemann's zeta(1.4): the sum of (k + 1)^-1.4 over the epochs."""
TUNED_SPREAD = 16.0
"""The boundary is flat until the spread seen (`sum (x - mean before it)^2`) reaches this many times
the square of the values' range: about 70 answers of a yes or no worth the range, a thousand or so
of an estimate weighted by 1 / a 5 % floor. Valid at every count whatever it is."""


def bounded_intervals(
    values: npt.NDArray[np.float64], low: float, high: float, alpha: float = ALPHA
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """After each of `values` (in the order they came, each known to lie in [low, high]): the mean so far
    and how far the mean of their expected values (each given all that came before it) may be from
    it, at every count at once, with probability at least 1 - alpha.

    Which: the empirical Bernstein confidence sequence of Howard, Ramdas, McAuliffe and Sekhon (2021,
    Theorem 4 with the polynomial stitched boundary of their Theorem 1, eta = 2, s = 1.4), each side at
    alpha / 2. Why: it needs only that every value lies in a known range, not that the values are
    alike or independent, so it holds for answers to offers a learning counter chose (their chances
    changed as it learned) and for off-policy estimates weighted by 1 / propensity, which the floor
    chance keeps at most 1 / explore; and its width follows the spread the values show
    (`sum (x - mean before it)^2`), not the worst the range allows, so a rare, heavily weighted value
    widens it only as much as such values occur. Robbins' mixture (`half_width`) assumes the worst
    spread the range allows: around an estimate weighted up to 20 times (a 5 % floor), two to four
    times wider."""
    count = len(values)
    if not count:
        return np.zeros(0), np.zeros(0)
    spread = high - low
    seen = np.arange(1, count + 1, dtype=np.float64)
    means = np.cumsum(values) / seen
    if spread <= 0:  # every value is the one the range allows
        return means, np.zeros(count)
    before = np.concatenate(([(low + high) / 2], means[:-1]))  # each value's guess, made before it came
    variance = np.maximum(np.cumsum((values - before) ** 2), TUNED_SPREAD * spread**2)
    eta = STITCH_SPACING
    k1, k2 = (eta**0.25 + eta**-0.25) / math.sqrt(2), (math.sqrt(eta) + 1) / 2
    ell = STITCH_POWER * np.log(np.log(eta * variance / (TUNED_SPREAD * spread**2))) + math.log(
        ZETA / (alpha / 2 * math.log(eta) ** STITCH_POWER)
    )
    boundary = np.sqrt(k1**2 * variance * ell + (k2 * spread * ell) ** 2) + k2 * spread * ell
    return means, boundary / seen


def bounded_interval(
    values: npt.NDArray[np.float64], low: float, high: float, alpha: float = ALPHA
) -> tuple[float, float, float] | None:
    """The mean of `values` and its confidence sequence's interval after the last (`bounded_intervals`),
    within [low, high]; None for no values."""
    means, half = bounded_intervals(values, low, high, alpha)
    if not len(means):
        return None
    mean, width = float(means[-1]), float(half[-1])
    return mean, max(low, mean - width), min(high, mean + width)
