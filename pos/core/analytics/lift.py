"""What prompting really adds: of one offer's chances, the share whose paid order ended with the
offered item when prompted and when held out (`holdout`), and their difference, the lift.

The lift's interval is anytime-valid, like the wording verdict's (`pos.core.analytics.sequential`):
a confidence sequence for each share at half the error rate, so their difference holds
at every look at once. Chances in a voided order are left out: there is no paid order
to end with anything.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TypedDict

import numpy as np
import numpy.typing as npt

from pos.core.analytics.event_table import EventTable
from pos.core.analytics.sequential import ALPHA, half_width
from pos.core.base.money import round_half_up

DECIMALS = 6


class Lift(TypedDict):
    attach_prompted: float | None
    attach_held_out: float | None
    lift: float | None
    lift_low: float | None
    lift_high: float | None
    caused_per_100: int | None
    """Minor units the prompt itself adds per 100 chances: the lift times the mean offer's value."""
    more_chances: int | None
    """About how many more chances before the interval leaves zero, at the lift seen; None when it has."""


def attached(prompts: EventTable, items: EventTable) -> npt.NDArray[np.int64]:
    """For each chance, 1 when its paid order ended with the offered item (and size)."""
    ended = set(
        zip(
            items.ints["order_key"].tolist(),
            _strings(items, "code"),
            _strings(items, "size"),
            strict=True,
        )
    )
    keys = zip(
        prompts.ints["order_key"].tolist(), _strings(prompts, "offer"), _strings(prompts, "size"), strict=True
    )
    return np.fromiter((key in ended for key in keys), dtype=np.int64, count=len(prompts))


def lift_metrics(
    group: npt.NDArray[np.int64],
    count: int,
    held: npt.NDArray[np.bool_],
    paid: npt.NDArray[np.bool_],
    took: npt.NDArray[np.int64],
    delta: npt.NDArray[np.int64],
) -> list[Lift]:
    """Per group: the shares when prompted and held out (chances in paid orders), and the lift."""
    prompted = paid & ~held
    held_paid = paid & held
    n_p = np.bincount(group, weights=prompted, minlength=count)
    n_h = np.bincount(group, weights=held_paid, minlength=count)
    k_p = np.bincount(group, weights=prompted * took, minlength=count)
    k_h = np.bincount(group, weights=held_paid * took, minlength=count)
    value = np.zeros(count, dtype=np.int64)  # money: summed exactly, never as floats
    np.add.at(value, group, np.where(prompted, delta, 0))
    result: list[Lift] = []
    for index in range(count):
        trials_p, trials_h = int(n_p[index]), int(n_h[index])
        if not trials_p or not trials_h:
            result.append(_none(trials_p, k_p[index]))
            continue
        rate_p, rate_h = k_p[index] / trials_p, k_h[index] / trials_h
        gap = half_width(trials_p, ALPHA / 2) + half_width(trials_h, ALPHA / 2)
        lift = rate_p - rate_h
        result.append(
            {
                "attach_prompted": round(rate_p, DECIMALS),
                "attach_held_out": round(rate_h, DECIMALS),
                "lift": round(lift, DECIMALS),
                "lift_low": round(max(-1.0, lift - gap), DECIMALS),
                "lift_high": round(min(1.0, lift + gap), DECIMALS),
                "caused_per_100": _caused_per_100(
                    k_p[index], trials_p, k_h[index], trials_h, int(value[index])
                ),
                "more_chances": _more_chances(trials_p, trials_h, lift) if abs(lift) <= gap else None,
            }
        )
    return result


def _caused_per_100(took_p: float, trials_p: int, took_h: float, trials_h: int, value: int) -> int:
    """The lift times the mean offer's value (minor units) per 100 chances, exactly, half up."""
    lift = Fraction(int(took_p), trials_p) - Fraction(int(took_h), trials_h)
    caused = lift * Fraction(value, trials_p) * 100
    return round_half_up(Decimal(caused.numerator) / Decimal(caused.denominator))


def _more_chances(trials_p: int, trials_h: int, lift: float) -> int | None:
    """Chances to add, in today's proportion, before the interval around this lift leaves zero
    (two significant figures: it is a guide, the lift seen will move)."""
    if lift == 0:
        return None
    share, total = trials_h / (trials_p + trials_h), trials_p + trials_h

    def enough(extra: int) -> bool:
        n_h = max(1, round((total + extra) * share))
        return half_width(max(1, total + extra - n_h), ALPHA / 2) + half_width(n_h, ALPHA / 2) < abs(lift)

    low, high = 0, 1
    while not enough(high):
        low, high = high, high * 2
        if high > 10**9:
            return None
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if enough(middle) else (middle, high)
    return round(high, 2 - len(str(high))) if high >= 100 else high


def _none(trials_p: int, took: float) -> Lift:
    return {
        "attach_prompted": round(took / trials_p, DECIMALS) if trials_p else None,
        "attach_held_out": None,
        "lift": None,
        "lift_low": None,
        "lift_high": None,
        "caused_per_100": None,
        "more_chances": None,
    }


def _strings(table: EventTable, name: str) -> list[str | None]:
    values = table.values[name]
    return [values[code] if code >= 0 else None for code in table.text[name].tolist()]
