"""The metrics of `docs/spec/events-and-reports.md` for groups of prompt events: their sums and counts in SQL
(`pos/sql/prompt_sums.sql`), the rates and intervals worked out from those."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict, cast

import numpy as np
import numpy.typing as npt

from pos.core.analytics import sql
from pos.core.analytics.event_table import EventTable
from pos.core.analytics.lift import lift_metrics
from pos.core.base.events import Outcome

Z95 = 1.959963984540054
RATE_DECIMALS = 6


class Metrics(TypedDict):
    """Every prompt metric of `docs/spec/events-and-reports.md` for a set of prompt events."""

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
    """(v2) Where chances were held out: the lift (`pos.core.analytics.lift`)."""
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
    """With `store` (`--by store`): the store the row stands for (`pos.core.analytics.report_fields.key_fields`)."""
    kind: str
    rule: str
    """(v3) The menu rule that made the prompts (`pos.core.selling.rule_ids`)."""
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
    """The currency of the row's money (`pos.core.analytics.report_currency`); None where its stores sell in several."""
    orders: int
    avg_ticket: int | None
    added_per_order: int | None
    """The order metrics, in a report's totals."""
    cs_low: float
    cs_high: float
    """A wording's anytime-valid interval (`pos.core.analytics.insights`)."""
    ask_low: float | None
    ask_high: float | None
    rank: int
    """A cashier's ask-rate interval and rank (`pos.core.analytics.insights`)."""


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
    (`pos/sql/events.sql`). Chances held out count in no rate; where the table says
    which chances' paid orders ended with the offer (`attached`), the lift is added.
    """
    held = table.where("outcome", Outcome.HELD_OUT)
    result = _shown_metrics(table, group, count, ~held if held.any() else None)
    if "attached" in table.ints:
        paid = (table.ints["paid"] > 0) & _held_out_alike(group, table.text["rule"], held)
        lifts = lift_metrics(group, count, held, paid, table.ints["attached"], table.ints["delta"])
        for row, lift in zip(result, lifts, strict=True):
            row.update(lift)  # type: ignore[typeddict-item]
    return result


def _held_out_alike(
    group: npt.NDArray[np.int64], rule: npt.NDArray[np.int32], held: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """The chances the lift compares: in a group where some chance was held out, those of the rules
    with a chance held out in it (a rule never held out has no share to be compared with, and would
    only move the prompted one); in a group without, every chance (`attach_prompted` alone)."""
    if not held.any():
        return np.ones(len(group), dtype=bool)
    pair = group * (int(rule.max(initial=0)) + 2) + rule + 1  # a rule's code, or null (-1) as 0
    return np.isin(pair, pair[held]) | ~np.isin(group, group[held])


def _shown_metrics(
    table: EventTable, group: npt.NDArray[np.int64], count: int, shown: npt.NDArray[np.bool_] | None
) -> list[Metrics]:
    """The metrics of the prompts `shown` (all when None), from their sums and counts in SQL
    (`pos/sql/prompt_sums.sql`): only the columns it reads are cut to them."""
    known = table.values["outcome"]
    codes = {str(outcome): known.index(outcome) if outcome in known else -2 for outcome in _ASKED}
    columns: dict[str, npt.NDArray[Any]] = {
        "grp": group,
        "outcome": table.text["outcome"],
        "delta": table.ints["delta"],
        "added": table.ints["added"],
        "response_ms": table.ints["response_ms"],
    }
    if shown is not None:
        columns = {name: column[shown] for name, column in columns.items()}
    # one currency: the report tells currencies apart itself
    events = {"currency": np.zeros(len(columns["grp"]), np.int8), **columns}
    sums = {row[1]: row[2:] for row in sql.run("prompt_sums", {"events": events}, codes)}
    return [shown_figures(*sums.get(index, _NONE_SHOWN)) for index in range(count)]


def shown_figures(
    shown: int,
    accepted: int,
    declined: int,
    skipped: int,
    agreed: int,
    kept: int,
    response: int,
    median: float | None,
) -> Metrics:
    """A group's prompt metrics from its sums and counts (a row of `pos/sql/prompt_sums.sql`, after
    its group), whichever engine ran it."""
    asked = accepted + declined
    low, high = wilson(accepted, asked)
    return cast(
        Metrics,
        {
            "shown": shown,
            "asked": asked,
            "accepted": accepted,
            "declined": declined,
            "skipped": skipped,
            "ask_rate": rate(asked, shown),
            "acceptance_rate": rate(accepted, asked),
            "conversion": rate(accepted, shown),
            "ci_low": low,
            "ci_high": high,
            "added_revenue": int(kept),
            "accepted_value": int(agreed),
            # the mean in whole milliseconds, half up: exact, whatever order the sum was taken in
            "seconds_per_prompt": (2 * int(response) + shown) // (2 * shown) / 1000 if shown else None,
            "added_per_prompt_second": round(int(kept) * 1000 / int(response), 4) if response else None,
            "median_response_ms": None
            if median is None
            else int(median)
            if float(median).is_integer()
            else float(median),
        },
    )


_ASKED = (Outcome.ACCEPTED, Outcome.DECLINED, Outcome.SKIPPED)
_NONE_SHOWN = (0, 0, 0, 0, 0, 0, 0, None)
"""The sums of a group with no prompt shown (all its chances held out, or an empty history)."""


def wilson(successes: float, trials: float, z: float = Z95) -> tuple[float | None, float | None]:
    """The Wilson score interval of successes / trials; (None, None) without trials. Counts may be
    effective ones, not whole (a weighted rate: `pos.core.analytics.coaching`)."""
    if trials == 0:
        return None, None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return round(max(0.0, centre - half), RATE_DECIMALS), round(min(1.0, centre + half), RATE_DECIMALS)


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, RATE_DECIMALS) if whole else None
