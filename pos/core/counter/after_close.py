"""Selling after the day's close. A close is a record of the day so far, not a lock: the counter goes
on selling, and says so plainly from the moment the close is recorded (here with F3 z, at another
terminal, or with `pos day close`). It looks when an order starts, at its first item keyed, when it is
paid and when the sale screen is back on top: one look for the close's file, never a loop. The close's own figures never
change; an X reading shows the sales after it apart (`pos.core.analytics.day_close.SinceClose`).

Live sales only: a training session's (a drill's, a set clock's) never count in a close."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pos.core.analytics.close_files import is_closed
from pos.core.base.clock import Clock


@dataclass
class AfterClose:
    data_dir: Path
    clock: Clock
    said: str = ""
    """What the counter shows: nothing while today is open."""
    _keyed: str = field(default="", init=False)
    """The order whose first item was looked at."""

    def look(self) -> str:
        """Whether today is closed, looked again: what to show."""
        day = self.clock.now().date()
        closed = is_closed(self.data_dir, day)
        self.said = f"Day {day} is closed: these sales are after the close" if closed else ""
        return self.said

    def keyed(self, order_id: str) -> None:
        """An item keyed in `order_id`: at its first, looked again (an order may stay open a while)."""
        if order_id != self._keyed:
            self._keyed = order_id
            self.look()
