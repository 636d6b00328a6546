"""The till: the amount tendered, the payment, the receipt and its code for the next visit, and a
code from an earlier receipt keyed on the entry line. The counter's, with no screen."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from pos.core import counter_keys as keys
from pos.core.coach import Coach
from pos.core.code_format import grouped
from pos.core.codes import Codes
from pos.core.counter_keys import Stage
from pos.core.digits import is_digits
from pos.core.engine import Sale
from pos.core.errors import PosError
from pos.core.events import OrderRecord
from pos.core.money import format_money
from pos.core.prompt_flow import PromptFlow
from pos.core.receipt_offer import Printed, Refused, print_offer, redeem
from pos.core.shop import Shop
from pos.core.tender import TenderError, parse_tender


class Counter(Protocol):
    """What the till needs of the counter (`pos.core.counter.Counter`)."""

    shop: Shop
    coach: Coach
    sale: Sale
    stage: Stage
    entry: str
    prompts: PromptFlow

    def say(self, message: str, error: bool = False) -> None: ...

    def order_changed(self, select: int | None) -> None: ...


class Till:
    def __init__(self, counter: Counter) -> None:
        self.counter = counter
        self.tender = ""
        """The amount tendered as typed."""
        self.receipt: OrderRecord | None = None
        self.paid_at: datetime | None = None
        """When the receipt says it was paid: the time the screen's header shows (a drill's clock in
        a drill; the record keeps the real time)."""
        self.printed: Printed | None = None
        """The receipt's offer for the next visit, with its code."""

    def open(self) -> None:
        self.counter.stage = Stage.TENDER
        self._typed("")

    def clear(self) -> None:
        self.tender, self.receipt, self.paid_at, self.printed = "", None, None, None

    def press(self, key: str, char: str | None) -> None:
        """A key while the amount tendered is asked."""
        counter = self.counter
        if key == "enter":
            self._take_payment()
        elif key == "escape":
            counter.stage = Stage.SELLING
            self._typed("")
            counter.say("Payment cancelled: the order is still open")
        elif key == "backspace":
            self._typed(self.tender[:-1])
        elif char is not None and (is_digits(char) or char in ".,"):
            if len(self.tender) < keys.MAX_TENDER_TEXT:
                self._typed(self.tender + char)
        elif key.startswith("f") and is_digits(key[1:]):
            counter.say(f"{key.upper()}: Esc first, back to the order (the payment is open)", error=True)
        else:
            counter.say(keys.TENDER_HELP, error=True)

    def _typed(self, tender: str) -> None:
        """The amount as typed so far, shown on the entry line too (as a meal's code is)."""
        self.tender = self.counter.entry = tender

    def redeem(self, codes: Codes, text: str) -> bool:
        """A code from an earlier receipt: its offer added at its price, or why not."""
        counter = self.counter
        try:
            result = redeem(counter.sale, codes, text)
        except (OSError, ValueError, PosError) as error:
            counter.say(
                f"Code {text.strip().upper()} could not be checked ({error}): nothing added", error=True
            )
            return False
        if isinstance(result, Refused):
            if result.audit is not None:
                counter.prompts.last_write = counter.shop.recorder.audit(result.audit)
            counter.say(result.message, error=True)
            return False
        counter.prompts.last_write = counter.shop.recorder.prompt(result)
        counter.order_changed(select=None)  # the line redeemed: the last
        counter.say(
            f"Code {grouped(str(result.code))} redeemed: {counter.sale.order.lines[-1].item.name} added"
        )
        return True

    def _take_payment(self) -> None:
        counter = self.counter
        sale, shop, currency = counter.sale, counter.shop, counter.shop.menu.currency
        typed = self.tender
        self._typed("")
        try:
            tendered = parse_tender(typed, sale.order.total, currency)
        except TenderError as error:
            counter.say(str(error), error=True)
            return
        self.receipt, self.paid_at = (record := sale.pay(tendered)), sale.now()
        counter.prompts.last_write = shop.recorder.order(record)
        counter.coach.order_paid(sale.order)
        if shop.codes is not None:  # a drill's codes are kept apart from the store's
            try:
                self.printed = print_offer(sale, shop.codes)
            except (OSError, ValueError, PosError) as error:  # the order is paid and kept all the same
                counter.stage = Stage.RECEIPT
                counter.say(f"Paid; no code for the next visit printed ({error})", error=True)
                return
            if self.printed is not None:
                event = self.printed.event
                counter.prompts.last_write = shop.recorder.prompt(event)
                counter.coach.receipt_printed(self.printed.code, event.offer, event.size)
        counter.stage = Stage.RECEIPT
        counter.order_changed(select=None)  # drawn as paid: no line to ask again
        counter.say(f"Change due {format_money(record.change, currency)}")
