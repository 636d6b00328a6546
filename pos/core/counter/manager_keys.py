"""The manager's prompt (F3 on the sale screen), key by key: what to do, then the manager's ID and
their PIN as dots, then what it needs (an order's number, a line's, an amount, the cash counted) and
Enter to approve what is said. Every key is taken in turn, so keys typed in a burst act as typed
slowly; the waits are the PIN's check and whether the day is closed, which the screen runs off its
loop (`PinCheck`, `ClosedCheck`) while later keys wait.

The ID and PIN come before anything that can be refused, so the keys typed after a refusal are
never a PIN: a number that is no paid order is asked again, and what follows it is a number; a
no-sale with an order open goes back to the first step, where only a choice's letter acts. A PIN
refused asks the PIN again, as dots: a PIN typed again at once is never shown, nor one typed where
the order's number went before. Esc at the PIN clears it, and on an empty line asks another ID.
A PIN right, then typed again by habit, lands in the step after it: that step shows its field as
dots until its Enter (the confirmation then says what was read), and the PIN again is dropped
unread (`pos.core.store.pin_echo`). Only a store with no crew refuses a choice before its PIN, and
it has no PINs.

    r  refund a paid order: its number (3, or T1-20261205-0003 as printed), Enter, Enter
    v  void a line after the receipt: the order's number, Enter, the line's number, Enter, Enter
    n  no-sale: the drawer opened with no order (approved by the PIN)
    d  discount by hand on the open order: 2.50 or 10%, Enter, Enter
    x  an X reading of the day so far: shown at once, no ID, no PIN (it closes nothing)
    z  close the day (a day closed already: its close shown): the cash counted in this terminal's
       drawer, Enter, Enter
Esc goes back a step (from the first: closes); back at the first, the approval goes with it. A
cashier who is a manager still types their PIN.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from pos.core.base.money import format_money
from pos.core.base.text import is_printable_char
from pos.core.counter.approved import NO_CREW, Approvals, Request
from pos.core.counter.day_end import DayEnd
from pos.core.counter.paid_orders import PaidOrder
from pos.core.selling.engine import Sale
from pos.core.store.crew import Member
from pos.core.store.pin_echo import DOT, PIN_AGAIN, PinEcho

if TYPE_CHECKING:
    from pos.core.analytics.day_close import DayClose

MAX_TYPED = 12
"""Characters a step holds: a line's number, an amount, a PIN; an ID and an order's number more."""
MAX_ID = 24
MAX_ORDER = 40
"""The order's number as its receipt prints it: the terminal's ID (24 at most), the day, the number."""


class Asking(StrEnum):
    WHAT = "what"
    ID = "id"
    PIN = "pin"
    ORDER = "order"
    LINE = "line"
    AMOUNT = "amount"
    COUNTED = "counted"
    CONFIRM = "confirm"
    DONE = "done"


CHOICES = {"r": "refund", "v": "void_line", "n": "no_sale", "d": "discount", "x": "reading", "z": "close"}
CHOSEN = {
    "refund": "A refund",
    "void_line": "A line voided after the receipt",
    "no_sale": "A no-sale",
    "discount": "A discount by hand",
    "close": "The day's close",
}
DETAILS = {
    "refund": Asking.ORDER,
    "void_line": Asking.ORDER,
    "discount": Asking.AMOUNT,
    "close": Asking.COUNTED,
}
"""The step each choice asks once the manager's PIN is right (a no-sale asks none)."""
ELSEWHERE = {"refund": "refund it", "void_line": "void its line"}
"""What to do at the terminal that took an order of another terminal's."""
CAPS = {Asking.ID: MAX_ID, Asking.ORDER: MAX_ORDER}
QUESTIONS = {
    Asking.WHAT: (
        "r refund · v void a line of a paid order · n no-sale · d discount this order · "
        "x X reading · z close the day · Esc close"
    ),
    Asking.ID: "Manager's ID, then Enter",
    Asking.PIN: "Manager's PIN, then Enter · Esc clears it, and on an empty line asks another ID",
    Asking.ORDER: "The paid order's number (3, or as its receipt prints it), then Enter",
    Asking.LINE: "The line's number, then Enter",
    Asking.AMOUNT: "Discount: an amount (2.50) or a percent (10%), then Enter",
    Asking.COUNTED: "Close the day: the cash counted in this terminal's drawer, then Enter",
    Asking.CONFIRM: "Enter approves it · Esc changes it",
}


@dataclass(frozen=True)
class PinCheck:
    """The PIN's Enter: the screen checks it off its loop, then hands the result to `checked`."""

    manager: str
    pin: str = field(repr=False)  # never in a traceback's values


@dataclass(frozen=True)
class ClosedCheck:
    """`z` approved: the screen reads whether today is closed (`DayEnd.closed`) off its loop, then
    hands the answer to `closed_checked`."""


@dataclass(frozen=True)
class DayAsk:
    """The day's end to work out off the screen's loop, then show: an X reading (`counted` None), or
    the close a manager approved."""

    counted: int | None = None
    manager: str = ""


class ManagerKeys:
    def __init__(self, approvals: Approvals, sale: Sale, echo: PinEcho) -> None:
        self.approvals = approvals
        self.sale = sale
        self.echo = echo
        """The manager's PIN once right, for the one entry after it (the counter's: shared)."""
        self.asking = Asking.WHAT
        self.typed = ""
        self.message = ""
        self.error = False
        self.choice = ""
        self.manager = ""
        """The ID typed, while its PIN is asked."""
        self.member: Member | None = None
        """The manager whose PIN was right, for the choice made."""
        self.paid: PaidOrder | None = None
        self.request: Request | None = None
        self.counted: int | None = None
        self.approved: tuple[Request, Member] | None = None
        """Set once approved: what the counter then records."""
        station = approvals.station
        self.day_end = DayEnd(
            approvals.data_dir, approvals.clock, approvals.currency, station.mode, station.terminal
        )
        self.day: DayAsk | DayClose | None = None
        """Set when the day's end is to be shown: worked out (`DayAsk`), or the close made already."""

    @property
    def shown(self) -> str:
        """The entry line: the PIN as dots, never its digits; so is the step right after it."""
        hidden = self.asking is Asking.PIN or (self.echo.armed and self.asking in DETAILS.values())
        return DOT * len(self.typed) if hidden else self.typed

    def press(self, key: str, character: str | None) -> PinCheck | None:
        if self.asking is Asking.DONE:
            return None
        if key == "escape" and self.asking is Asking.PIN and self.typed:
            self.typed = ""  # a slip: the PIN is typed again here, not in the ID's field
        elif key == "escape":
            self._back()
        elif key == "backspace":
            self.typed = self.typed[:-1]
        elif key == "enter":
            return self._enter()
        elif self.asking is Asking.WHAT and character in CHOICES:
            self._choose(character or "")
        elif (
            self.asking not in (Asking.WHAT, Asking.CONFIRM)  # no field to type in
            and is_printable_char(character)
            and len(self.typed) < CAPS.get(self.asking, MAX_TYPED)
        ):
            self.typed += character or ""
        return None

    def checked(self, check: PinCheck, result: Member | str) -> ClosedCheck | None:
        """The PIN's check: the refusal said and the PIN asked again (as dots), or what the
        choice needs next."""
        if isinstance(result, str):
            self._go(Asking.PIN, result, error=True)
            return None
        self.member = result
        self.echo.arm(check.pin)
        refusal = self._refusal()
        if refusal is not None:
            self._go(Asking.WHAT, refusal, error=True)
        elif self.choice == "no_sale":
            self._confirmed()
        elif self.choice == "close":
            return ClosedCheck()
        else:
            self._go(DETAILS[self.choice], f"{CHOSEN[self.choice]}, approved by {result.id}")
        return None

    def _refusal(self) -> str | None:
        """Why the choice cannot be done now: found once the PIN is right, never before it."""
        if self.choice == "no_sale":
            request = self.approvals.no_sale(self.sale)
            if isinstance(request, str):
                return request
            self.request = request
        elif self.choice == "discount":
            return self.approvals.discountable(self.sale)
        elif self.choice == "close":
            return self.day_end.refusal()
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

    def _choose(self, key: str) -> None:
        if key == "x":
            self.day, self.asking = DayAsk(), Asking.DONE
        elif self.approvals.desk is None:  # nobody to approve it, and no PIN to type
            self._go(Asking.WHAT, NO_CREW, error=True)
        else:
            self.choice = CHOICES[key]
            self._go(Asking.ID, f"{CHOSEN[self.choice]}: the manager's ID and PIN first")

    def _enter(self) -> PinCheck | None:
        typed, self.typed = self.typed.strip(), ""
        if self.asking is Asking.CONFIRM:
            self._confirmed()
        elif not typed:
            return None
        elif self.asking is Asking.ID:
            self.asking, self.manager = Asking.PIN, typed[:MAX_ID]
        elif self.asking is Asking.PIN:
            return PinCheck(self.manager, typed)
        elif self.echo.is_pin(typed):  # the step after the PIN: the PIN typed again, by habit
            self._go(self.asking, PIN_AGAIN, error=True)
        elif self.asking is Asking.ORDER:
            self._order(typed)
        elif self.asking is Asking.LINE and self.paid is not None:
            self._asked(self.approvals.void_line(self.paid, typed))
        elif self.asking is Asking.AMOUNT:
            self._asked(self.approvals.discount(self.sale, typed))
        elif self.asking is Asking.COUNTED:
            self._count(typed)
        return None

    def _order(self, typed: str) -> None:
        found = self.approvals.order(typed, ELSEWHERE[self.choice])
        if isinstance(found, str):
            self._go(Asking.ORDER, found, error=True)
        elif self.choice == "refund":
            self.paid = found
            self._asked(self.approvals.refund(found))
        elif (refusal := self.approvals.voidable(found)) is not None:  # said before a line is asked
            self._go(Asking.ORDER, refusal, error=True)
        else:
            self.paid = found
            self._go(Asking.LINE)

    def _count(self, typed: str) -> None:
        counted = self.day_end.counted(typed)
        if isinstance(counted, str):
            self._go(Asking.COUNTED, counted, error=True)
        else:
            self.counted = counted
            money = format_money(counted, self.approvals.currency)
            self._go(Asking.CONFIRM, f"To close {self.day_end.clock.now().date()}: {money} counted")

    def _asked(self, request: Request | str) -> None:
        """What was keyed, checked: said for Enter to approve it, or refused and asked again."""
        if isinstance(request, str):
            self._go(self.asking, request, error=True)
        else:
            self.request = request
            of = f" of order {self.paid.number}" if self.paid is not None else ""
            self._go(Asking.CONFIRM, f"To approve, {CHOSEN[self.choice].lower()}{of}: {request.detail}")

    def _confirmed(self) -> None:
        member = self.member
        if member is None:
            return
        if self.choice == "close" and self.counted is not None:
            self.day, self.asking = DayAsk(self.counted, member.id), Asking.DONE
        elif self.request is not None:
            self.approved, self.asking = (self.request, member), Asking.DONE

    def _back(self) -> None:
        if self.asking is Asking.CONFIRM:
            self.request = None
            self._go(Asking.LINE if self.choice == "void_line" else DETAILS[self.choice])
            return
        back = {Asking.PIN: Asking.ID, Asking.LINE: Asking.ORDER, Asking.WHAT: Asking.DONE}
        self._go(back.get(self.asking, Asking.WHAT))

    def _go(self, asking: Asking, message: str = "", error: bool = False) -> None:
        self.asking, self.typed, self.message, self.error = asking, "", message, error
        if asking is Asking.WHAT:  # back at the first step: the choice and its approval go
            self.choice, self.member, self.request, self.paid, self.counted = "", None, None, None, None
