"""The metrics of `events-and-reports.md` for groups of prompt events, in numpy."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import NotRequired, TypedDict, cast

import numpy as np
import numpy.typing as npt

from pos.core.event_table import EventTable
from pos.core.events import Outcome
from pos.core.lift import lift_metrics

PROMPT_METRICS = (
    "shown",
    "asked",
    "accepted",
    "declined",
    "skipped",
    "ask_rate",
    "acceptance_rate",
    "conversion",
    "ci_low",
    "ci_high",
    "added_revenue",
    "accepted_value",
    "seconds_per_prompt",
    "added_per_prompt_second",
    "median_response_ms",
)
ORDER_METRICS = ("orders", "avg_ticket", "added_per_order")
Z95 = 1.959963984540054
RATE_DECIMALS = 6


class Metrics(TypedDict):
    """Every prompt metric of `events-and-reports.md` for a set of prompt events."""

    shown: int
    asked: int
    accepted: int
    declined: int
    skipped: int
    ask_rate: float | None
    acceptance_rate: float | None
    conversion: float | None
    ci_low: float | None
    ci_high: float | None
    added_revenue: int
    accepted_value: int
    seconds_per_prompt: float | None
    added_per_prompt_second: float | None
    median_response_ms: int | float | None
    attach_prompted: NotRequired[float | None]
    """(v2) Where chances were held out: the lift (`pos.core.lift`)."""
    attach_held_out: NotRequired[float | None]
    lift: NotRequired[float | None]
    lift_low: NotRequired[float | None]
    lift_high: NotRequired[float | None]
    caused_per_100: NotRequired[int | None]
    more_chances: NotRequired[int | None]


class Row(Metrics, total=False):
    """A group's metrics and its key fields (those of `--by`); what the insights add to it."""

    store: str
    store_id: str
    """With `store` (`--by store`): the store the row stands for (`pos.core.report_fields.key_fields`)."""
    kind: str
    rule: str
    """(v3) The menu rule that made the prompts (`pos.core.rule_ids`)."""
    offer: str
    trigger: str | None
    pitch: str
    variant: int
    cashier: str
    terminal: str
    daypart: str | None
    hour: int
    day: str
    seq: int
    heard: int
    """The prompts' number among those the customer heard in the order; 0 for chances held out."""
    declined_before: int
    revisit: int
    """1 for offers the cashier brought back (F6), 0 for the first ask."""
    currency: str | None
    """The currency of the row's money (`pos.core.report_currency`); None where its stores sell in several."""
    orders: int
    avg_ticket: int | None
    added_per_order: int | None
    """The order metrics, in a report's totals."""
    cs_low: float
    cs_high: float
    """A wording's anytime-valid interval (`pos.core.insights`)."""
    ask_low: float | None
    ask_high: float | None
    rank: int
    """A cashier's ask-rate interval and rank (`pos.core.insights`)."""


def value_of(row: Metrics, name: str) -> object:
    """A field named at run time (`--by`, a CSV column)."""
    return cast(Mapping[str, object], row)[name]


def acceptance(row: Metrics) -> tuple[float, float, float] | None:
    """The acceptance rate and its interval; None before anyone was asked."""
    rate, low, high = row["acceptance_rate"], row["ci_low"], row["ci_high"]
    return None if rate is None or low is None or high is None else (rate, low, high)


def prompt_metrics(table: EventTable, group: npt.NDArray[np.int64], count: int) -> list[Metrics]:
    """Every prompt metric for each of `count` groups; `group` gives each event's group.

    The table carries `added` per event: what the event's prompt kept in a paid order
    (`pos.core.order_join`). Chances held out count in no rate; where the table says
    which chances' paid orders ended with the offer (`attached`), the lift is added.
    """
    held = table.where("outcome", Outcome.HELD_OUT)
    result = (
        _shown_metrics(table.select(~held), group[~held], count)
        if held.any()
        else _shown_metrics(table, group, count)
    )
    if "attached" in table.ints:
        lifts = lift_metrics(
            group, count, held, table.ints["paid"] > 0, table.ints["attached"], table.ints["delta"]
        )
        for row, lift in zip(result, lifts, strict=True):
            row.update(lift)  # type: ignore[typeddict-item]
    return result


def _shown_metrics(table: EventTable, group: npt.NDArray[np.int64], count: int) -> list[Metrics]:
    """The metrics of prompts shown."""
    shown = np.bincount(group, minlength=count)
    n_accepted, n_declined, n_skipped = _outcome_counts(
        table, group, count, (Outcome.ACCEPTED, Outcome.DECLINED, Outcome.SKIPPED)
    )
    sums = _summer(group, count)
    agreed = sums(np.where(table.where("outcome", Outcome.ACCEPTED), table.ints["delta"], 0))
    kept = sums(table.ints["added"])
    response = sums(table.ints["response_ms"])
    medians = _medians(group, table.ints["response_ms"], shown)
    result: list[Metrics] = []
    for index in range(count):
        n_shown, n_acc = int(shown[index]), int(n_accepted[index])
        asked = n_acc + int(n_declined[index])
        low, high = wilson(n_acc, asked)
        result.append(
            {
                "shown": n_shown,
                "asked": asked,
                "accepted": n_acc,
                "declined": int(n_declined[index]),
                "skipped": int(n_skipped[index]),
                "ask_rate": rate(asked, n_shown),
                "acceptance_rate": rate(n_acc, asked),
                "conversion": rate(n_acc, n_shown),
                "ci_low": low,
                "ci_high": high,
                "added_revenue": kept[index],
                "accepted_value": agreed[index],
                # the mean in whole milliseconds, half up: exact, whatever order the sum was taken in
                "seconds_per_prompt": (
                    (2 * int(response[index]) + n_shown) // (2 * n_shown) / 1000 if n_shown else None
                ),
                "added_per_prompt_second": (
                    round(kept[index] * 1000 / response[index], 4) if response[index] else None
                ),
                "median_response_ms": medians[index],
            }
        )
    return result


def _outcome_counts(
    table: EventTable, group: npt.NDArray[np.int64], count: int, outcomes: tuple[str, ...]
) -> list[npt.NDArray[np.int64]]:
    """Per group, how many events had each of `outcomes`: every outcome counted in one pass."""
    known = table.values["outcome"]
    width = len(known) + 1  # and null, code -1
    counts = np.bincount(group * width + table.text["outcome"] + 1, minlength=count * width)
    by_outcome = counts.reshape(count, width)
    return [
        by_outcome[:, known.index(outcome) + 1] if outcome in known else np.zeros(count, np.int64)
        for outcome in outcomes
    ]


def _summer(group: npt.NDArray[np.int64], count: int) -> Callable[[npt.NDArray[np.int64]], list[int]]:
    """Exact integer sums per group; a group with no events (all its chances held out, or the
    totals of an empty history) sums to 0.

    bincount adds in floats, exact while no sum can pass 2**53 (a history's cents and milliseconds
    stay far below); past that, the groups are sorted once and each summed in integers."""
    ordered: list[npt.NDArray[np.int64]] = []

    def sums(values: npt.NDArray[np.int64]) -> list[int]:
        if len(values) and int(np.abs(values).max()) * len(values) >= EXACT_IN_FLOAT:
            if not ordered:
                ordered.append(np.argsort(group, kind="stable"))
            sizes = np.bincount(group, minlength=count)
            totals = np.zeros(count, dtype=np.int64)
            totals[sizes > 0] = np.add.reduceat(values[ordered[0]], (np.cumsum(sizes) - sizes)[sizes > 0])
        else:
            totals = np.bincount(group, weights=values, minlength=count).astype(np.int64)
        result: list[int] = totals.tolist()
        return result

    return sums


EXACT_IN_FLOAT = 2**53
"""Every integer below this is a float64, and so is every sum of them that stays below it."""


def wilson(successes: float, trials: float, z: float = Z95) -> tuple[float | None, float | None]:
    """The Wilson score interval of successes / trials; (None, None) without trials. Counts may be
    effective ones, not whole (a weighted rate: `pos.core.coaching`)."""
    if trials == 0:
        return None, None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return round(max(0.0, centre - half), RATE_DECIMALS), round(min(1.0, centre + half), RATE_DECIMALS)


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, RATE_DECIMALS) if whole else None


def _medians(
    group: npt.NDArray[np.int64], values: npt.NDArray[np.int64], sizes: npt.NDArray[np.int64]
) -> list[int | float | None]:
    if len(sizes) <= _PARTITION_GROUPS:
        return [_median(values[group == index] if len(sizes) > 1 else values) for index in range(len(sizes))]
    # One sort of (group, value) packed in an int64 is several times quicker than lexsort.
    ordered = np.sort((group << 32) | np.clip(values, 0, 2**32 - 1)) & (2**32 - 1)
    starts = np.cumsum(sizes) - sizes
    return [
        _median(ordered[start : start + size], presorted=True)
        for start, size in zip(starts.tolist(), sizes.tolist(), strict=True)
    ]


def _median(values: npt.NDArray[np.int64], presorted: bool = False) -> int | float | None:
    size = len(values)
    if size == 0:
        return None
    middle = [(size - 1) // 2, size // 2]
    picked = values[middle] if presorted else np.partition(values, middle)[middle]
    half = (int(picked[0]) + int(picked[1])) / 2
    return int(half) if half.is_integer() else half


_PARTITION_GROUPS = 16
"""Up to this many groups, a selection per group beats sorting everything."""
