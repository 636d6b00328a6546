"""Sums per group are exact integers whatever their size: in floats only while floats are exact."""

from __future__ import annotations

import numpy as np

from pos.core.metrics import EXACT_IN_FLOAT, _summer


def test_sums_past_what_a_float_holds_are_exact() -> None:
    big = EXACT_IN_FLOAT // 2
    values = np.array([big, 3, big + 1, -2], dtype=np.int64)
    group = np.array([0, 1, 0, 2], dtype=np.int64)
    assert _summer(group, 4)(values) == [2 * big + 1, 3, -2, 0]  # a float sum says 2 * big
    assert float(2 * big) + 1 == float(2 * big), "the float sum would lose the cent"


def test_everyday_sums_are_the_integer_sums() -> None:
    rng = np.random.default_rng(7)
    values = rng.integers(-(10**6), 10**9, size=5_000)
    group = rng.integers(0, 9, size=5_000)
    expected = [int(values[group == index].sum()) for index in range(10)]
    assert _summer(group, 10)(values) == expected
