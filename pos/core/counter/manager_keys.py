"""The manager's prompt (F3 on the sale screen), key by key: what to do, then the manager's ID, then
their PIN as dots. Every key is taken in turn, so keys typed in a burst act as typed slowly; the
waits are the PIN's check and whether the day is closed, which the screen runs off its loop
(`PinCheck`, `ClosedCheck`) while later keys wait.

    r  refund a paid order: its number, Enter
    v  void a line after the receipt: the order's number, Enter, the line's number, Enter
    n  no-sale: the drawer opened with no order
    d  discount by hand on the open order: 2.50 or 10%, Enter
    x  an X reading of the day so far: shown at once, no PIN (it closes nothing)
    z  close the day: the cash counted in this terminal's drawer, Enter (a day closed already: its close shown)
Esc goes back a step (from the first: closes). A cashier who is a manager still types their PIN.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from pos.core.base.money import format_money
from pos.core.base.text import is_printable_char
from pos.core.counter.approved import Approvals, Request
from pos.core.counter.day_end import DayEnd
from pos.core.counter.paid_orders import PaidOrder
from pos.core.selling.engine import Sale
from pos.core.store.crew import Member

if TYPE_CHECKING:
    from pos.core.analytics.day_close import DayClose

MAX_TYPED = 12
"""Characters a step holds: an order's number, a line's, an amount, an ID of 24 is cut at Enter."""
MAX_ID = 24


class Asking(StrEnum):
    WHAT = "what"
    ORDER = "order"
    LINE = "line"
    AMOUNT = "amount"
    COUNTED = "counted"
    ID = "id"
    PIN = "pin"
    DONE = "done"


CHOICES = {"r": "refund", "v": "void_line", "n": "no_sale", "d": "discount", "x": "reading", "z": "close"}
QUESTIONS = {
    Asking.WHAT: (
        "r refund · v void a line of a paid order · n no-sale · d discount this order · "
        "x X reading · z close the day · Esc close"
    ),
    Asking.ORDER: "The paid order's number, then Enter",
    Asking.LINE: "The line's number, then Enter",
    Asking.AMOUNT: "Discount: an amount (2.50) or a percent (10%), then Enter",
    Asking.COUNTED: "Close the day: the cash counted in this terminal's drawer, then Enter",
    Asking.ID: "Manager's ID, then Enter",
    Asking.PIN: "Manager's PIN, then Enter (Esc: another ID)",
}


@dataclass(frozen=True)
class PinCheck:
    """The PIN's Enter: the screen checks it off its loop, then hands the result to `checked`."""

    manager: str
    pin: str


@dataclass(frozen=True)
class ClosedCheck:
    """`z`: the screen reads whether today is closed (`DayEnd.closed`) off its loop, then hands the
    answer to `closed_checked`."""


@dataclass(frozen=True)
class DayAsk:
    """The day's end to work out off the screen's loop, then show: an X reading (`counted` None), or
    the close a manager approved."""

    counted: int | None = None
    manager: str = ""


class ManagerKeys:
    def __init__(self, approvals: Approvals, sale: Sale) -> None:
        self.approvals = approvals
        self.sale = sale
        self.asking = Asking.WHAT
        self.typed = ""
        self.message = ""
        self.error = False
        self.choice = ""
        self.paid: PaidOrder | None = None
        self.request: Request | None = None
        self.manager = ""
        self.approved: tuple[Request, Member] | None = None
        """Set once the manager's PIN is right: what the counter then records."""
        station = approvals.station
        self.day_end = DayEnd(
            approvals.data_dir, approvals.clock, approvals.currency, station.mode, station.terminal
        )
        self.counted: int | None = None
        self.day: DayAsk | DayClose | None = None
        """Set when the day's end is to be shown: worked out (`DayAsk`), or the close made already."""

    @property
    def shown(self) -> str:
        """The entry line: the PIN as dots, never its digits."""
        return "•" * len(self.typed) if self.asking is Asking.PIN else self.typed

    def press(self, key: str, character: str | None) -> PinCheck | ClosedCheck | None:
        if self.asking is Asking.DONE:
            return None
        if key == "escape":
            self._back()
        elif key == "backspace":
            self.typed = self.typed[:-1]
        elif key == "enter":
            return self._enter()
        elif self.asking is Asking.WHAT and character in CHOICES:
            return self._choose(character or "")
        elif is_printable_char(character) and len(self.typed) < (
            MAX_ID if self.asking is Asking.ID else MAX_TYPED
        ):
            self.typed += character or ""
        return None

    def checked(self, result: Member | str) -> None:
        """The PIN's check: approved, or the refusal said and the ID asked again."""
        if isinstance(result, str):
            self._go(Asking.ID, result, error=True)
        elif self.choice == "close" and self.counted is not None:
            self.day = DayAsk(self.counted, result.id)
            self.asking = Asking.DONE
        elif self.request is not None:
            self.approved = (self.request, result)
            self.asking = Asking.DONE

    def _choose(self, key: str) -> ClosedCheck | None:
        self.choice = CHOICES[key]
        if key in "rv":
            self._go(Asking.ORDER)
        elif key == "d":
            self._go(Asking.AMOUNT)
        elif key == "x":
            self.day, self.asking = DayAsk(), Asking.DONE
        elif key == "z":
            refusal = self.day_end.refusal()
            if refusal is None:
                return ClosedCheck()
            self._go(Asking.WHAT, refusal, error=True)
        else:
            self._asked(self.approvals.no_sale(self.sale))
        return None

    def closed_checked(self, closed: DayClose | str | None) -> None:
        """Today's close already made (shown), why it could not be read, or None: the count is asked."""
        if isinstance(closed, str):
            self._go(Asking.WHAT, closed, error=True)
        elif closed is not None:
            self.day, self.asking = closed, Asking.DONE
        else:
            self._go(Asking.COUNTED)

    def failed(self, why: str) -> None:
        """The day's end could not be worked out (the log unreadable, the disk full): said, and asked again."""
        self.day = None
        self._go(Asking.WHAT, why, error=True)

    def _enter(self) -> PinCheck | None:
        typed, self.typed = self.typed.strip(), ""
        if self.asking is Asking.PIN:
            return PinCheck(self.manager, typed) if typed else None
        if self.asking is Asking.ID and typed:
            self.manager = typed[:MAX_ID]
            self._go(Asking.PIN)
        elif self.asking is Asking.ORDER and typed:
            found = self.approvals.order(typed)
            if isinstance(found, str):
                self._go(Asking.ORDER, found, error=True)
            elif self.choice == "refund":
                self.paid = found
                self._asked(self.approvals.refund(found))
            else:
                self.paid = found
                self._go(Asking.LINE)
        elif self.asking is Asking.LINE and typed and self.paid is not None:
            self._asked(self.approvals.void_line(self.paid, typed))
        elif self.asking is Asking.AMOUNT and typed:
            self._asked(self.approvals.discount(self.sale, typed))
        elif self.asking is Asking.COUNTED and typed:
            self._count(typed)
        return None

    def _count(self, typed: str) -> None:
        counted = self.day_end.counted(typed)
        if isinstance(counted, str):
            self._go(Asking.COUNTED, counted, error=True)
        else:
            self.counted, self.request = counted, None
            money = format_money(counted, self.approvals.currency)
            self._go(Asking.ID, f"To close {self.day_end.clock.now().date()}: {money} counted")

    def _asked(self, request: Request | str) -> None:
        if isinstance(request, str):
            self._go(self.asking, request, error=True)
        else:
            self.request = request
            self._go(Asking.ID, f"To approve: {request.detail}")

    def _back(self) -> None:
        back = {Asking.PIN: Asking.ID, Asking.LINE: Asking.ORDER, Asking.WHAT: Asking.DONE}
        self._go(back.get(self.asking, Asking.WHAT))
        if self.asking is Asking.WHAT:
            self.request = None

    def _go(self, asking: Asking, message: str = "", error: bool = False) -> None:
        self.asking, self.typed, self.message, self.error = asking, "", message, error
