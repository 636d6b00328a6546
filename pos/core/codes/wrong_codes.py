"""Wrong codes keyed at one terminal: after `LIMIT` within `WINDOW` seconds, the terminal takes no
code for a while, twice as long for each pause of the last `MEMORY` seconds (a guesser at the
counter is slowed to a few tries an hour). Each wrong code is also an audit event
(`pos.core.codes.receipt_offer`), and a terminal's start reads them back (`pos.core.codes.past_wrong_codes`),
so quitting and starting again lifts no pause."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable

LIMIT = 5
WINDOW = 600.0
PAUSE = 60.0
"""The first pause; each one after it is twice as long, up to `LONGEST`."""
LONGEST = 3600.0
MEMORY = 86400.0
"""How long a pause counts towards the next one's length: a day, which a start reads back whole
from today's and yesterday's audit files."""
_DOUBLINGS = 16
"""More doublings than take `PAUSE` past `LONGEST`: the length's exponent stays small."""


class WrongCodes:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._times: deque[float] = deque()
        self._pauses: deque[float] = deque()
        """When each pause of the last `MEMORY` began."""
        self._until = 0.0

    def paused_for(self) -> float:
        """Seconds left before this terminal takes a code again (0: it takes one now)."""
        return max(0.0, self._until - self._clock())

    def wrong(self, ago: float = 0.0) -> None:
        """A wrong code keyed now, or `ago` seconds ago."""
        now = self._clock() - ago
        self._times.append(now)
        while self._times and self._times[0] <= now - WINDOW:
            self._times.popleft()
        while self._pauses and self._pauses[0] <= now - MEMORY:
            self._pauses.popleft()
        if len(self._times) >= LIMIT:
            self._until = now + min(LONGEST, PAUSE * 2 ** min(len(self._pauses), _DOUBLINGS))
            self._pauses.append(now)
            self._times.clear()

    def recall(self, ages: Iterable[float]) -> None:
        """The wrong codes of an earlier run, each as seconds ago, oldest first: the pause they made,
        and its doubling, go on as if this run had seen them."""
        for ago in ages:
            self.wrong(ago)
