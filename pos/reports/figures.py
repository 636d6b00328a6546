"""How a report writes a figure for people: money, a rate, seconds, a count; a dash for none."""

from __future__ import annotations

from pos.core.analytics.metrics import Metrics, acceptance
from pos.core.base.money import format_money


def money(minor: int | None, currency: str | None) -> str:
    """Money in the report's currency; a dash where the stores reported sell in several (None), as
    money is never added up across currencies."""
    return "–" if currency is None or minor is None else format_money(minor, currency)


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s"


def count(value: int | float | None) -> str:
    return "–" if value is None else f"{value:,}"


def per_second(value: float | None, currency: str | None) -> str:
    """What a second of prompting kept: a rate in minor units, shown to the cent."""
    return "–" if value is None or currency is None else money(round(value), currency) + "/s"


def interval(row: Metrics, decimals: int = 1) -> str:
    """ "34.9 % (32.4-37.4)": the acceptance rate and its interval, to `decimals` places."""
    shown = acceptance(row)
    if shown is None:
        return "–"
    rate, low, high = shown
    return f"{rate * 100:.1f} % ({low * 100:.{decimals}f}-{high * 100:.{decimals}f})"
