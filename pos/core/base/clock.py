"""Clocks: the engine asks one for the time, so tests and `--now` can set it."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from typing import Protocol

FIRST_YEAR, LAST_YEAR = 2000, 2099
"""The years a clock may show: a date outside them is a typing slip (and near year 1 or 9999 time arithmetic overflows)."""


def in_range(moment: date) -> bool:
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def bounded(moment: datetime) -> datetime:
    """`moment`, or the last millisecond of LAST_YEAR once past it: a clock started near the end
    (`--now 2099-12-31T23:59`, a simulated last day) stops there, so no record is ever dated in a
    year the reports refuse."""
    if moment.year <= LAST_YEAR:
        return moment
    return moment.replace(year=LAST_YEAR, month=12, day=31, hour=23, minute=59, second=59, microsecond=999000)


class Clock(Protocol):
    def now(self) -> datetime:
        """The local time, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().astimezone()


class FixedClock:
    """Stands still until told to move: for tests and simulated shifts."""

    def __init__(self, start: datetime) -> None:
        self._now = bounded(aware(start))

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = bounded(aware(moment))

    def advance(self, milliseconds: int) -> None:
        self._now = bounded(self._now + timedelta(milliseconds=milliseconds))


class StartedClock:
    """Starts at a given time and then runs like a wall clock (`pos --now`)."""

    def __init__(self, start: datetime) -> None:
        self._start = aware(start)
        self._started = time.monotonic()

    def now(self) -> datetime:
        return bounded(self._start + timedelta(seconds=time.monotonic() - self._started))


def aware(moment: datetime) -> datetime:
    """A naive time is taken as local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()
