"""Wrong codes keyed at one terminal: after `LIMIT` within `WINDOW` seconds, the terminal takes no
code for a while, longer each time (a guesser at the counter is slowed to a few tries an hour).
Each wrong code is also an audit event (`pos.core.receipt_offer`)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

LIMIT = 5
WINDOW = 600.0
PAUSE = 60.0
"""The first pause; each one after it is twice as long, up to `LONGEST`."""
LONGEST = 3600.0


class WrongCodes:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._times: deque[float] = deque()
        self._pauses = 0
        self._until = 0.0

    def paused_for(self) -> float:
        """Seconds left before this terminal takes a code again (0: it takes one now)."""
        return max(0.0, self._until - self._clock())

    def wrong(self) -> None:
        now = self._clock()
        self._times.append(now)
        while self._times and self._times[0] <= now - WINDOW:
            self._times.popleft()
        if len(self._times) >= LIMIT:
            self._until = now + min(LONGEST, PAUSE * 2**self._pauses)
            self._pauses += 1
            self._times.clear()
