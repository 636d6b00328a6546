"""What a manager approves at the counter: a refund (a paid order voided), a line voided after the
receipt, a no-sale (the drawer opened with no order) and a discount by hand. Each is checked and
bounded first, then approved with a manager's ID and PIN (`pos.core.store.verify`, through the
sign-in's `PinDesk`: wrong PINs count and lock as at sign-in), then one audit event.

Without a crew there is no manager to ask, so nothing is approved: a store that lost or never made
its crew file must not open the drawer or give money back with nobody answerable for it (a
training room practises these with a crew of its own). A refund is one audit record, written once
(`pos.core.counter.paid_orders` reads back those already made, a kill's included), and it voids the
receipt code its order printed (`pos.core.codes.codes.Codes.refund`). Once recorded, the counter's
printing hears of it (`ApprovalPrinting`): the drawer opens for a no-sale and for money given back
in cash, which prints a slip of it, and the last receipt is marked refunded or its line voided."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from pos.core.base.clock import Clock
from pos.core.base.digits import is_digits
from pos.core.base.errors import DataFolderError
from pos.core.base.events import DISCOUNT, LINE_MARK, NO_SALE, REFUND, VOID_LINE, AuditEvent, timestamp
from pos.core.base.money import format_money, round_half_up
from pos.core.base.typed_money import typed_decimal, typed_money
from pos.core.codes.codes import session_codes
from pos.core.counter.counter_step import Select, Step
from pos.core.counter.paid_orders import PaidOrder, paid_orders
from pos.core.counter.shop import Recorder
from pos.core.counter.typed_order import order_number
from pos.core.printing.given_back_slip import GivenBack, given_back_slip
from pos.core.printing.sheet import Sheet
from pos.core.selling.engine import Sale, Station
from pos.core.store.crew import Member
from pos.core.store.sign_in import PinDesk

NO_CREW = (
    "Needs a manager's approval, and this store has no crew: add a manager "
    "(pos crew add ID --name NAME --role manager, then pos crew pin ID)"
)
MOST_PERCENT = 100
PERCENT_PLACES = 2
PERCENT_RULE = f"not a percent like 10% or 12.5% (more than 0, at most {MOST_PERCENT}, at most {PERCENT_PLACES} decimals)"
_HOW = {"cash": "in cash", "card": "to the card", "other": "as the other tender"}
"""How money given back is given, by the tender it comes out of."""


@dataclass(frozen=True)
class Request:
    """One thing a manager is asked to approve, already checked."""

    action: str
    amount: int | None
    detail: str
    order: str | None = None
    said: str = ""
    """What the cashier is told once it is approved."""
    back: tuple[tuple[str, int], ...] = ()
    """Money given back, by the tender kind it comes out of (a refund, a line voided)."""
    what: str = ""
    """What the money given back was for, as its slip says: `the whole order`, `line 2: 1 x Fries`."""

    @property
    def opened(self) -> str:
        """What the cashier is told instead when the printer opens the drawer for it."""
        return (
            "No-sale approved: the drawer opens"
            if self.action == NO_SALE
            else f"{self.said}; the drawer opens"
        )


class ApprovalPrinting(Protocol):
    """The counter's receipt printing (`pos.core.counter.receipt_printing.ReceiptPrinting`)."""

    def approved(self, event: AuditEvent, slip: Sheet | None) -> bool:
        """Told of an approval recorded (with the slip of money given back in cash): True when the
        printer opens the drawer for it."""
        ...


@dataclass
class Approvals:
    """A terminal's approvals: who signs them (None: no crew), where they are logged."""

    desk: PinDesk | None
    recorder: Recorder
    station: Station
    clock: Clock
    data_dir: Path
    currency: str
    recorded: list[AuditEvent] = field(default_factory=list)
    """The approvals this process logged: counted even before the disk has them."""
    printing: ApprovalPrinting | None = None
    """The counter's receipts, handed over by the sale screen; None: nothing prints, no drawer opens."""
    terminal_name: str | None = None
    """The terminal's name in the store's settings, on a slip."""

    def paid(self) -> list[PaidOrder]:
        station = self.station
        return paid_orders(
            self.data_dir, station.terminal, self.clock.now().date(), self.recorded, station.mode
        )

    def order(self, typed: str, elsewhere: str = "refund it") -> PaidOrder | str:
        """The day's paid order of this terminal that `typed` names (42, 0042, T1-20261123-0042), or
        why none; `elsewhere`: what to do at the terminal of another's order ("refund it")."""
        terminal = self.station.terminal
        number = order_number(typed, terminal, self.clock.now().date(), elsewhere)
        if isinstance(number, str):
            return number
        found = [paid for paid in self.paid() if paid.number == number]
        return found[0] if found else f"No paid order {typed} at {terminal} today"

    def refund(self, paid: PaidOrder) -> Request | str:
        if paid.refunded is not None:
            return f"Order {paid.record.order} is refunded already (approved by {paid.refunded.approved_by})"
        amount = paid.kept
        if amount == 0:  # every line voided after the receipt, or a free order: nothing to refund
            return f"Order {paid.record.order} holds nothing to give back: no refund"
        money, back = format_money(amount, self.currency), paid.given_back(amount)
        detail = f"{money} back of {format_money(paid.record.total, self.currency)}: {self._parts(back)}"
        said = f"Refund approved: give back {self._said(back)}"
        return Request(
            REFUND, amount, detail, paid.record.order, said, tuple(back.items()), "the whole order"
        )

    def voidable(self, paid: PaidOrder) -> str | None:
        """Why no line of `paid` can be voided; None when one can."""
        if paid.refunded is not None:
            return f"Order {paid.record.order} is refunded already: no line to void"
        if not paid.voidable():
            return f"Order {paid.record.order} has no line left to void"
        return None

    def void_line(self, paid: PaidOrder, number: str) -> Request | str:
        voidable = paid.voidable()
        refusal = self.voidable(paid)
        if refusal is not None:
            return refusal
        if not is_digits(number) or int(number) not in voidable:
            choices = ", ".join(map(str, voidable)) or "none left"
            return f"Line {number}: not a line to void (lines: {choices})"
        line = paid.record.lines[int(number) - 1]
        amount = paid.line_amount(int(number))
        money, back = format_money(amount, self.currency), paid.given_back(amount)
        detail = (
            f"{LINE_MARK}{number}: {line.qty} x {line.label}; {money} back with its tax: {self._parts(back)}"
        )
        said = f"Line voided: give back {self._said(back)}"
        what = f"{LINE_MARK}{number}: {line.qty} x {line.name}"
        return Request(VOID_LINE, amount, detail, paid.record.order, said, tuple(back.items()), what)

    def no_sale(self, sale: Sale) -> Request | str:
        if sale.order.entries:
            return "An order is open: a no-sale opens the drawer with no order (pay or void it first)"
        return Request(
            NO_SALE, None, "the drawer opened with no order", None, "No-sale approved: open the drawer"
        )

    def discountable(self, sale: Sale) -> str | None:
        """Why the open order takes no discount by hand; None when it takes one."""
        if not sale.order.entries:
            return "No order open: a discount by hand is off an open order"
        if sale.order.by_hand:
            return "This order has a discount by hand already"
        return None

    def discount(self, sale: Sale, typed: str) -> Request | str:
        """`typed`: an amount or a percent off the open order, never more than it."""
        order = sale.order
        refusal = self.discountable(sale)
        if refusal is not None:
            return refusal
        text = typed.strip()
        amount = self._off(text, order.before_hand)
        if isinstance(amount, str):
            return f"Discount {text!r}: {amount}"
        if not 0 < amount <= order.before_hand:
            limit = format_money(order.before_hand, self.currency)
            return f"Discount {text!r}: more than nothing and at most the order's {limit}"
        money = format_money(amount, self.currency)
        return Request(DISCOUNT, amount, f"{text} off: {money}", order.id, f"Discount of {money} approved")

    def _off(self, text: str, before_hand: int) -> int | str:
        """What `text` takes off an order of `before_hand`: an amount, or a percent of it; or why not."""
        if not text.endswith("%"):
            try:
                return typed_money(text, self.currency)
            except ValueError as error:
                return f"{error}, nor a percent like 10%"
        percent = typed_decimal(text[:-1], PERCENT_PLACES)
        if percent is None or not 0 < percent <= MOST_PERCENT:
            return PERCENT_RULE
        return round_half_up(before_hand * percent / 100)

    def _parts(self, back: dict[str, int]) -> str:
        """For the audit: `cash $0.50, card $5.00`."""
        return ", ".join(f"{kind} {format_money(amount, self.currency)}" for kind, amount in back.items())

    def _said(self, back: dict[str, int]) -> str:
        """For the cashier: `$0.50 in cash and $5.00 to the card`."""
        said = [f"{format_money(amount, self.currency)} {_HOW[kind]}" for kind, amount in back.items()]
        return (
            " and ".join(filter(None, (", ".join(said[:-1]), said[-1])))
            if said
            else format_money(0, self.currency)
        )

    def check(self, manager: str, pin: str) -> Member | str:
        """The manager, or the refusal to show; slow (scrypt): off the screen's loop."""
        if self.desk is None:
            return NO_CREW
        result = self.desk.sign_in(manager, pin)
        if isinstance(result, Member) and result.role != "manager":
            return f"{result.id} is not a manager: a manager's ID and PIN approve this"
        return result

    def record(self, request: Request, manager: Member, sale: Sale) -> Step:
        """The approved request logged (a discount applied to the open order), then told to the counter's
        printing (the drawer opened for a no-sale and for money given back in cash)."""
        if request.action == REFUND:  # once, whatever happened since it was asked
            paid = self.order(request.order or "")
            if isinstance(paid, str) or paid.refunded is not None:
                why = paid if isinstance(paid, str) else f"order {request.order} is refunded already"
                return Step(message=f"Not refunded: {why}", error=True)
            try:  # before the refund is logged: asked again after a kill, it is voided once
                session_codes(self.data_dir, self.station.mode).refund(paid.record.order)
            except (OSError, DataFolderError) as error:
                return Step(
                    message=f"Not refunded: its receipt code could not be voided ({error})", error=True
                )
        now = self.clock.now()
        event = AuditEvent(
            ts=timestamp(now),
            store_id=self.station.store_id,
            terminal=self.station.terminal,
            cashier=self.station.cashier,
            mode=self.station.mode,
            action=request.action,
            approved_by=manager.id,
            order=request.order,
            amount=request.amount,
            detail=request.detail,
        )
        self.recorded.append(event)
        wrote = self.recorder.audit(event)
        if request.action == DISCOUNT and request.amount is not None:
            sale.order.by_hand = request.amount
            sale.changes += 1  # the open order is kept on disk again, with its discount
            return Step(message=request.said, select=Select.SAME, wrote=wrote)
        opens = self.printing is not None and self.printing.approved(event, self._slip(request, manager, now))
        return Step(message=request.opened if opens else request.said, wrote=wrote)

    def _slip(self, request: Request, manager: Member, now: datetime) -> Sheet | None:
        """The slip of money given back in cash, kept in the drawer; None when no cash goes back."""
        if not dict(request.back).get("cash") or request.order is None:
            return None
        station = self.station
        title = "REFUND" if request.action == REFUND else "LINE VOIDED"
        return given_back_slip(
            GivenBack(
                title,
                request.what,
                station.store,
                station.terminal,
                self.terminal_name,
                request.order,
                now,
                request.back,
                self.currency,
                station.cashier,
                manager.id,
            )
        )
