"""What a counter works with: the menu, who sells where, the log, the order numbers, the clock, chance
and the receipt printer.

The app hands a `Shop` down to each counter it makes; tests hand in lists and
fixed clocks instead of the log and the system clock.
"""

from __future__ import annotations

import random
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from pos.core.base.clock import Clock
from pos.core.base.events import AuditEvent, OrderRecord, PromptEvent
from pos.core.codes.codes import Codes
from pos.core.counter.after_close import AfterClose
from pos.core.printing.receipt_printer import ReceiptPrinter
from pos.core.selling.engine import Sale, Station
from pos.core.selling.learned_choice import FIRST_ALLOWED, Choosing
from pos.core.selling.menu import Menu
from pos.core.store.pin_echo import PinEcho


class OrderNumbers(Protocol):
    """Gives each order its number (the app's `EventLog`)."""

    def new_order_id(self, now: datetime) -> str: ...

    def release_order_id(self, order_id: str) -> None: ...


class Recorder(Protocol):
    """Where records go, in the order handed over (the app's `LogWriter`)."""

    def prompt(self, event: PromptEvent) -> Future[None]: ...

    def order(self, record: OrderRecord) -> Future[None]: ...

    def audit(self, event: AuditEvent) -> Future[None]: ...

    @property
    def stopped(self) -> str | None:
        """Why the terminal takes no more sales (another process took it); None while it sells."""
        ...

    def open_order(self, record: OrderRecord | None) -> None:
        """The order still open, kept so a killed app's order is recorded at the next start."""
        ...


@dataclass(frozen=True)
class Shop:
    """What a counter needs from the app: the menu, who sells where, the log, the clock and chance."""

    menu: Menu
    station: Station
    recorder: Recorder
    clock: Clock
    rng: random.Random
    numbers: OrderNumbers
    codes: Codes | None = None
    """The store's after-sale codes (in its data folder); None where there is no folder."""
    menu_clock: Clock | None = None
    """The menu's time (its dayparts and seasons), when not the real time records carry: a drill
    script's `now`."""
    printer: ReceiptPrinter | None = None
    """The receipt printer each paid order's receipt prints on; None: the receipt is on the screen only."""
    after_close: AfterClose | None = None
    """Whether today is closed, looked at each order; None where no sale counts in a close (training)."""
    terminal_name: str | None = None
    """The terminal's name in the store's settings, on its receipts; None: it has none."""
    choosing: Choosing = FIRST_ALLOWED
    """How a learned rule's offer is chosen: from the store's answers at a live counter
    (`pos.core.log.learned_answers.store_choosing`), the same one every time in a drill."""
    echo: PinEcho = field(default_factory=PinEcho)
    """The PIN last accepted here (the sign-in's, a manager's), for the one entry after it."""

    def new_sale(self, holding_out: bool) -> Sale:
        """The next order, numbered; `holding_out`: whether its chances may be held out (`Coach.holds_out`)."""
        if self.after_close is not None:
            self.after_close.look()
        order_id = self.numbers.new_order_id(self.clock.now())
        return Sale(
            self.menu,
            order_id,
            self.station,
            self.clock,
            self.rng,
            holding_out,
            self.menu_clock,
            self.choosing,
        )
