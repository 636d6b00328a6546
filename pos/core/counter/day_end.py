"""The end of the day at the counter (F3, then `x` or `z`): today's X reading for this data folder, and
its close, recorded once (`pos.core.analytics.day_close`) with the cash the manager counted in this
terminal's drawer and their ID: the same figures and the same record as `pos day x|close` (the other
terminals' drawers shown not counted). Working them out reads the day's log,
so the screen calls `reading` and `close` off its loop.

A training session closes nothing: its clock may be set to another day, and a close is the real day's
record (its X reading shows the live figures of the day it is set to, as `pos day x --day` does).

The figures come from the report engine, loaded only when the day's end is asked for (off the loop):
the counter starts without it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pos.core.base.clock import Clock
from pos.core.base.events import Mode, timestamp
from pos.core.base.money import format_money
from pos.core.base.typed_money import typed_money

if TYPE_CHECKING:
    from pos.core.analytics.day_close import DayClose

TRAINING = "A training session closes no day: close it at a live till, or with pos day close"


def cash_counted(typed: str, currency: str) -> int | str:
    """The cash counted in a drawer as typed (0 and up, below a million): minor units, or why not (the
    one refusal, at the counter's F3 z and at `pos day close`'s questions)."""
    try:
        return typed_money(typed, currency)
    except ValueError as error:
        return f"Cash counted {typed.strip()!r}: {error}"


@dataclass(frozen=True)
class DayEnd:
    data_dir: Path
    clock: Clock
    currency: str
    """The menu's: the money's currency when the day's records say none."""
    mode: Mode
    terminal: str
    """This terminal: its drawer is the one counted."""

    def refusal(self) -> str | None:
        """Why this till may not close the day; None when it may."""
        return TRAINING if self.mode is Mode.TRAINING else None

    def closed(self) -> DayClose | None:
        """Today's first close; None while the day is open. Raises CloseError (a damaged record).
        Slow the first time (loads the report engine): off the screen's loop."""
        from pos.core.analytics.day_close import closes

        found = closes(self.data_dir, self.clock.now().date())
        return found[0] if found else None

    def counted(self, typed: str) -> int | str:
        """The cash counted in this terminal's drawer as typed: minor units, or why not."""
        return cash_counted(typed, self.currency)

    def reading(self) -> DayClose:
        """Today so far, closing nothing. Slow: reads the day's log."""
        return self._taken("x", None, None)

    def close(self, counted: int, manager: str) -> tuple[DayClose, bool]:
        """Today closed by `manager`: the close as recorded and True, or (closed meanwhile, at another
        terminal) the first close and False. Slow: reads the day's log."""
        from pos.core.analytics.day_close import record_close

        return record_close(self.data_dir, self._taken("close", manager, counted))

    def said_closed(self, close: DayClose) -> str:
        """What the manager is told of a day closed already."""
        by = f" by {close.closed_by}" if close.closed_by else ""
        drawers = f" ({', '.join(close.counted_by)})" if close.counted_by else ""
        counted = (
            f", {format_money(close.counted, close.figures.currency)} counted{drawers}"
            if close.counted is not None
            else ""
        )
        return (
            f"{close.figures.day} was closed already{by} at {close.taken_at[11:16]}{counted}: its first "
            "close (pos day close --again closes it again)"
        )

    def _taken(self, kind: Literal["close", "x"], manager: str | None, counted: int | None) -> DayClose:
        from pos.core.analytics.day_close import DayClose, since_last_close
        from pos.core.analytics.day_figures import day_figures
        from pos.core.analytics.day_store import day_store

        now = self.clock.now()
        figures = day_figures(self.data_dir, now.date(), self.currency)
        return DayClose(
            kind=kind,
            taken_at=timestamp(now),
            closed_by=manager,
            counted=counted,
            counted_by={} if counted is None else {self.terminal: counted},
            figures=figures,
            since_close=since_last_close(self.data_dir, figures),
            store_name=day_store(self.data_dir, figures.day),
        )
