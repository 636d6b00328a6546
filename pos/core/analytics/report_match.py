"""Why a report is all zeros when it is for want of a match: no day of the log in the dates asked
for, or no record of those days that the filters keep (a cashier or terminal mistyped, a kind
the menu never offered, a mode nobody used). A store that sold nothing says so by its zeros."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pos.core.analytics.report import Filters, History
from pos.core.base.text import printable
from pos.core.log.log_layout import log_files

_NAMED = {"cashier": "cashiers", "terminal": "terminals", "kind": "kinds", "mode": "modes"}
"""The filters whose values the records name, with what a hint calls them."""
_SHOWN = 10
"""At most this many of the values the days hold, in a hint."""


def nothing_matched(history: History, data_dir: Path | Sequence[Path]) -> str | None:
    """What to tell the reader when the dates or filters left nothing to report; None otherwise."""
    filters = history.filters
    asked = _described(filters)
    if filters.start or filters.until:
        if not any(_within(filters, date.fromisoformat(day)) for day in history.prompts.days):
            days = log_files(data_dir, None, None).days
            held = f"the log runs from {days[0]} to {days[-1]}" if days else "the log holds no day yet"
            return f"no day is in range ({asked}): {held}"
    elif not history.prompts.days:
        return None  # nothing logged yet, and no date asked for
    if len(history.prompts) or history.after_sale is not None:
        return None
    if len(history.orders) and filters.kind is None:
        return None  # paid orders and no prompt: a true zero
    hints = [hint for hint in (_hint(history, name, getattr(filters, name)) for name in _NAMED) if hint]
    return f"no record matched {asked}" + (f" ({'; '.join(hints)})" if hints else "")


def _within(filters: Filters, day: date) -> bool:
    return (filters.start is None or day >= filters.start) and (filters.until is None or day <= filters.until)


def _described(filters: Filters) -> str:
    """The filters as they were typed: "--mode live, --cashier C9"."""
    return printable(", ".join(f"--{name} {value}" for name, value in filters.as_dict().items() if value))


def _hint(history: History, name: str, value: str | None) -> str | None:
    """The values the days' records hold for `name`, when `value` is none of them."""
    if value is None or value == "all":
        return None
    seen = sorted({*history.prompts.values.get(name, []), *history.orders.values.get(name, [])})
    if value in seen:
        return None
    listed = ", ".join(map(printable, seen[:_SHOWN])) + (" …" if len(seen) > _SHOWN else "")
    return f"these days have no {name} {value}" + (f"; their {_NAMED[name]}: {listed}" if seen else "")
