"""The till: the amount tendered (cash, and parts by card or other: recorded, never charged here),
the payment, the receipt and its code for the next visit, and a code from an earlier receipt keyed on
the entry line. The counter's, with no screen: each call
returns the `Step` the counter takes (`pos.core.counter.counter_step`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pos.core.base.digits import is_digits
from pos.core.base.errors import PosError
from pos.core.base.events import Mode, OrderRecord, Tender, TenderKind
from pos.core.base.money import format_money
from pos.core.codes.code_format import grouped
from pos.core.codes.codes import Codes
from pos.core.codes.receipt_offer import Printed, Refused, print_offer, redeem
from pos.core.counter import counter_keys as keys
from pos.core.counter.coach import Coach
from pos.core.counter.counter_keys import Stage
from pos.core.counter.counter_step import Select, Step
from pos.core.counter.receipt_document import receipt_of
from pos.core.counter.receipt_printing import ReceiptPrinting
from pos.core.counter.shop import Shop
from pos.core.counter.tender import TenderError, parse_part, parse_tender
from pos.core.selling.engine import Sale


class Till:
    def __init__(self, shop: Shop, coach: Coach) -> None:
        self.tender = ""
        """The amount tendered as typed."""
        self.kind: TenderKind = "cash"
        """What the amount typed is taken as: cash, unless `c` or `o` chose card or other."""
        self.taken: list[Tender] = []
        """The card and other tenders taken so far in this payment (cash, which pays the rest, ends it)."""
        self.receipt: OrderRecord | None = None
        self.paid_at: datetime | None = None
        """When the receipt says it was paid: the time the screen's header shows (a drill's clock in
        a drill; the record keeps the real time)."""
        self.printed: Printed | None = None
        """The receipt's offer for the next visit, with its code."""
        self.receipts = ReceiptPrinting(shop.printer, training=shop.station.mode is Mode.TRAINING)
        """Kept from order to order: the last receipt prints again after the next order starts."""
        self._shop = shop
        self._coach = coach

    def open(self) -> Step:
        self.kind, self.taken = "cash", []
        return replace(self._typed(""), stage=Stage.TENDER)

    def clear(self) -> None:
        self.tender, self.receipt, self.paid_at, self.printed = "", None, None, None
        self.kind, self.taken = "cash", []

    @property
    def hint(self) -> str:
        """The entry line's hint: what the amount typed is taken as, and what Enter alone takes."""
        return keys.CASH_REST_HINT if self.kind == "cash" and self.taken else keys.TENDER_HINTS[self.kind]

    def due(self, sale: Sale) -> int:
        """What is still to pay: the total less the card and other tenders taken."""
        return sale.order.total - sum(tender.amount for tender in self.taken)

    def press(self, sale: Sale, key: str, char: str | None) -> Step:
        """A key while the amount tendered is asked."""
        if key == "enter":
            return self._take_payment(sale) if self.kind == "cash" else self._take_part(sale, self.kind)
        if key == "escape":
            dropped = f" (the {len(self.taken)} card or other tender(s) taken dropped)" if self.taken else ""
            self.taken = []
            cancelled = f"Payment cancelled{dropped}: the order is still open"
            return replace(self._typed(""), stage=Stage.SELLING, message=cancelled)
        if key == "backspace":
            return self._typed(self.tender[:-1]) if self.tender or not self.taken else self._drop(sale)
        if char in keys.TENDER_KINDS:
            return self._choose(sale, keys.TENDER_KINDS[char])
        if char is not None and (is_digits(char) or char in ".,"):
            return self._typed(self.tender + char) if len(self.tender) < keys.MAX_TENDER_TEXT else Step()
        if key.startswith("f") and is_digits(key[1:]):
            return Step(
                message=f"{key.upper()}: Esc first, back to the order (the payment is open)", error=True
            )
        return Step(message=keys.TENDER_HELP, error=True)

    def _typed(self, tender: str) -> Step:
        """The amount as typed so far, shown on the entry line too (as a meal's code is)."""
        self.tender = tender
        return Step(entry=tender)

    def redeem(self, sale: Sale, codes: Codes, text: str) -> Step:
        """A code from an earlier receipt: its offer added at its price, or why not (an error)."""
        recorder = self._shop.recorder
        try:
            result = redeem(sale, codes, text)
        except (OSError, ValueError, PosError) as error:
            unchecked = f"Code {text.strip().upper()} could not be checked ({error}): nothing added"
            return Step(message=unchecked, error=True)
        if isinstance(result, Refused):
            audited = recorder.audit(result.audit) if result.audit is not None else None
            return Step(message=result.message, error=True, wrote=audited)
        redeemed = f"Code {grouped(str(result.code))} redeemed: {sale.order.lines[-1].item.name} added"
        return Step(message=redeemed, select=Select.LAST, wrote=recorder.prompt(result))  # the line: the last

    def _choose(self, sale: Sale, kind: TenderKind) -> Step:
        """`c` or `o`: the amount typed is taken as card or other (the same key again: as cash)."""
        self.kind = "cash" if self.kind == kind else kind
        rest = format_money(self.due(sale), self._shop.menu.currency)
        if self.kind == "cash":
            return Step(message=f"Cash: type the amount handed over, Enter alone for exactly {rest}")
        return Step(
            message=f"{self.kind.title()}: its amount and Enter, Enter alone for all {rest} ({keys.NOT_CHARGED})"
        )

    def _drop(self, sale: Sale) -> Step:
        """Backspace on an empty line: the last card or other tender taken is dropped."""
        tender = self.taken.pop()
        currency = self._shop.menu.currency
        return Step(
            message=f"{tender.kind.title()} {format_money(tender.amount, currency)} dropped: "
            f"{format_money(self.due(sale), currency)} due"
        )

    def _take_part(self, sale: Sale, kind: TenderKind) -> Step:
        """A part paid by card or other; the order is paid once they cover it."""
        currency = self._shop.menu.currency
        typed, cleared = self.tender, self._typed("")
        try:
            amount = parse_part(typed, self.due(sale), kind, currency, len(self.taken))
        except TenderError as error:
            return replace(cleared, message=str(error), error=True)
        self.taken.append(Tender(kind=kind, amount=amount))
        self.kind = "cash"
        if self.due(sale) == 0:
            return self._paid(sale, sale.pay(0, self.taken), cleared)
        return replace(
            cleared,
            message=f"{kind.title()} {format_money(amount, currency)} taken: "
            f"{format_money(self.due(sale), currency)} still due",
        )

    def _take_payment(self, sale: Sale) -> Step:
        currency = self._shop.menu.currency
        typed = self.tender
        cleared = self._typed("")
        of = "what is still due" if self.taken else "the total"
        try:
            tendered = parse_tender(typed, self.due(sale), currency, of)
        except TenderError as error:
            return replace(cleared, message=str(error), error=True)
        return self._paid(sale, sale.pay(tendered, self.taken), cleared)

    def _paid(self, sale: Sale, record: OrderRecord, cleared: Step) -> Step:
        """The order paid: its record written, the receipt's code for the next visit, the change."""
        shop, currency = self._shop, self._shop.menu.currency
        self.receipt, self.paid_at = record, sale.now()
        paid = replace(cleared, stage=Stage.RECEIPT, wrote=shop.recorder.order(record))
        if shop.after_close is not None:  # closed while the order was open (another terminal, the command)
            shop.after_close.look()
        self._coach.order_paid(sale.order)
        no_code = None
        if shop.codes is not None:  # a drill's codes are kept apart from the store's
            try:
                self.printed = print_offer(sale, shop.codes)
            except (OSError, ValueError, PosError) as error:  # the order is paid and kept all the same
                no_code = replace(
                    paid, message=f"Paid; no code for the next visit printed ({error})", error=True
                )
            if self.printed is not None:
                event = self.printed.event
                paid = replace(paid, wrote=shop.recorder.prompt(event))
                self._coach.receipt_printed(self.printed.code, event.offer, event.size)
        self.receipts.paid(receipt_of(sale, record, self.paid_at, self.printed, shop.terminal_name))
        change = f"Change due {format_money(record.change, currency)}"
        return no_code or replace(
            paid, select=Select.LAST, message=change
        )  # drawn as paid: no line to ask again
