"""The wording verdict stays honest when the report is read again and again.

Equal wordings are simulated and the verdict read after every 100 answers, as a
manager reading the report daily would; the share of histories that ever name a
winner must stay at or under the promised 5 %. A fixed-sample interval read the
same way is shown to break that promise, so the test can tell the two apart.
"""

from __future__ import annotations

import math
from typing import cast

import numpy as np
import pytest

from pos.core.analytics.insights import verdict
from pos.core.analytics.metrics import Z95, Row
from pos.core.analytics.sequential import (
    ALPHA,
    bounded_interval,
    bounded_intervals,
    half_width,
    sequence_interval,
)

HISTORIES = 300
LOOKS = 30
"""Read after every 100 answers, up to 3,000."""
STEP = 100


def _histories(variants: int, rate: float, seed: int) -> np.ndarray:
    """Accepted counts per history, look and variant: answers split evenly among the variants."""
    rng = np.random.default_rng(seed)
    per_look = rng.binomial(STEP // variants, rate, size=(HISTORIES, LOOKS, variants))
    return np.cumsum(per_look, axis=1)


def _rows(accepted: np.ndarray, asked: int) -> list[Row]:
    return [
        cast(
            Row,
            {
                "variant": index,
                "pitch": f"wording {index}",
                "accepted": int(count),
                "asked": asked,
                "acceptance_rate": int(count) / asked,
            },
        )
        for index, count in enumerate(accepted)
    ]


@pytest.mark.parametrize(("variants", "rate"), [(2, 0.3), (3, 0.5)])
def test_equal_wordings_read_every_100_answers_name_a_winner_at_most_5_percent(
    variants: int, rate: float
) -> None:
    accepted = _histories(variants, rate, seed=variants)
    false_winners = 0
    for history in accepted:
        for look, counts in enumerate(history, start=1):
            if "is accepted more" in verdict(_rows(counts, look * (STEP // variants)), ALPHA / variants):
                false_winners += 1
                break
    assert false_winners / HISTORIES <= ALPHA


def test_a_fixed_sample_test_read_the_same_way_names_false_winners_often() -> None:
    accepted = _histories(2, 0.3, seed=2)
    false_winners = 0
    for history in accepted:
        for look, (a, b) in enumerate(history, start=1):
            asked = look * STEP // 2
            pooled = (a + b) / (2 * asked)
            error = math.sqrt(pooled * (1 - pooled) * 2 / asked)
            if error and abs(a - b) / asked / error > Z95:  # the two-proportion z-test at 5 %
                false_winners += 1
                break
    assert false_winners / HISTORIES > 3 * ALPHA


def test_the_interval_narrows_with_answers_and_holds_the_rate() -> None:
    assert half_width(100) > half_width(1_000) > half_width(10_000) > 0
    assert sequence_interval(0, 0) == (0.0, 1.0)
    low, high = sequence_interval(300, 1000)
    assert low < 0.3 < high and high - low == pytest.approx(2 * half_width(1000))
    assert half_width(1000, ALPHA / 3) > half_width(1000, ALPHA)


def test_the_bounded_sequence_holds_a_mean_at_every_count_and_follows_the_spread_seen() -> None:
    """Values in [0, 20] that are mostly 0 (a weight of 20 on one chance in 20, as an off-policy
    estimate's): the empirical Bernstein sequence holds their mean at every count in at least 95 % of
    300 histories, and is far narrower than the range-only boundary would be."""
    rng = np.random.default_rng(4)
    values = 20.0 * (rng.random((300, 2_000)) < 0.05 * 0.3)  # a yes (0.3) on a chance weighted 1 / 0.05
    missed = 0
    for history in values:
        means, half = bounded_intervals(history, 0.0, 20.0)
        missed += bool(np.any(np.abs(means - 0.3) > half))
    assert missed / 300 <= ALPHA
    _, half = bounded_intervals(values[0], 0.0, 20.0)
    assert half[-1] < 20.0 * half_width(2_000) / 2
    assert half[99] > half[999] > half[-1] > 0


def test_the_bounded_interval_of_nothing_or_of_one_value_the_range_allows() -> None:
    assert bounded_interval(np.zeros(0), 0.0, 1.0) is None
    assert bounded_interval(np.full(5, 3.0), 3.0, 3.0) == (3.0, 3.0, 3.0)
    mean, low, high = bounded_interval(np.array([0.0, 1.0]), 0.0, 1.0) or (0, 0, 0)
    assert (mean, low, high) == (0.5, 0.0, 1.0), "clipped to the range"
