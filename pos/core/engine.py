"""The selling engine: what the cashier is prompted to offer, and what an answer does.

For every item entered, `Sale.prompts_for(line)` yields the upsell offer, then,
once that is answered, the cross-sell offer (computed only then, because an
accepted upsell changes what the line matches). `Sale.checkout_offer()` gives the
last offer when payment starts. `Sale.answer()` applies an answer to the order
and returns the prompt event to log. The cashier screen, the simulator and the
drills all drive a sale through these calls alone.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from pos.core.clock import Clock
from pos.core.errors import PosError
from pos.core.events import Mode, OrderRecord, Outcome, PromptEvent, Stamp, Status, timestamp
from pos.core.menu import Item, Menu, Size, UpsellRule
from pos.core.money import format_money
from pos.core.order import ENTERED, MAX_QTY, Order, OrderLine
from pos.core.pitch import render
from pos.core.prompt_kinds import CHECKOUT, CROSS_SELL, UPSELL, PromptKind, upsell


def upsell_target(
    menu: Menu, rule: UpsellRule | None, item: Item, size: str | None, unit_price: int
) -> tuple[Item, Size, int] | None:
    """What an upsell rule (or, without one, the next size) offers: item, size, added unit price."""
    to = rule.to if rule else "next"
    if to in ("next", "largest"):
        index = item.size_index(size)
        last = len(item.sizes) - 1
        if index is None or index >= last:
            return None
        target, offered = item, item.sizes[index + 1 if to == "next" else last]
    else:
        target = menu.items[to]
        offered = target.sizes[0]
    unit_delta = rule.price if rule and rule.price is not None else offered.price - unit_price
    return None if unit_delta < 0 else (target, offered, unit_delta)


class SaleError(PosError):
    """A cashier's entry that cannot be done: an unknown code, a size the item lacks."""


@dataclass(frozen=True, slots=True)
class Station:
    """Who sells where: carried into every record."""

    store: str
    terminal: str
    cashier: str
    mode: Mode = Mode.LIVE


@dataclass(frozen=True, slots=True)
class Offer:
    kind: PromptKind
    line: OrderLine | None
    """The line it upgrades or follows; None for a checkout offer."""
    item: Item
    size: str | None
    unit_delta: int
    """What accepting adds per unit of the line (upsell) or for the add-on."""
    delta: int
    """What accepting adds to the order."""
    pitch: str
    variant: int


@dataclass(frozen=True, slots=True)
class Proposal:
    """An offer before it is made: the engine draws and fills in its wording, and counts it."""

    kind: PromptKind
    line: OrderLine | None
    item: Item
    size: str | None
    unit_delta: int
    delta: int
    price: int
    """The price the pitch names: the add-on's, or the upgraded line's unit price."""
    pitches: tuple[str, ...]
    default_pitch: str

    @property
    def key(self) -> tuple[str, str, str | None]:
        """No offer twice in one order: the same kind, item and size."""
        return (self.kind.name, self.item.key, self.size)


class Sale:
    def __init__(self, menu: Menu, order_id: str, station: Station, clock: Clock, rng: random.Random) -> None:
        self.menu = menu
        self.station = station
        self.order = Order(order_id, menu.tax_rate)
        self.prompts = 0
        self.closed = False
        """Paid or voided: its record is made, and nothing more may change it."""
        self.declining_all = False
        """The customer wants nothing more: every prompt left in the order is declined."""
        self._clock = clock
        self._rng = rng
        self._offered: set[tuple[str, str, str | None]] = set()

    # -- entry -------------------------------------------------------------

    def add(self, code: str, size: str | None = None, qty: int = 1) -> OrderLine:
        item = self.menu.item(code)
        if item is None:
            raise SaleError(f"no item with code {code!r}")
        index = item.size_index(size)
        if index is None or (size is not None and not item.has_sizes):
            sizes = ", ".join(s.name for s in item.sizes if s.name) or "one size only"
            raise SaleError(f"{item.name} has no size {size!r} ({sizes})")
        if not 1 <= qty <= MAX_QTY:
            raise SaleError(f"a quantity is 1 to {MAX_QTY}, got {qty}")
        chosen = item.sizes[index]
        line = OrderLine(
            item, chosen.name, qty, chosen.price, ENTERED, entered=item, size_chosen=size is not None
        )
        self.order.lines.append(line)
        return line

    def void_line(self, line: OrderLine) -> None:
        self.order.lines.remove(line)

    def change_qty(self, line: OrderLine, qty: int) -> None:
        if not 1 <= qty <= MAX_QTY:
            raise SaleError(f"a quantity is 1 to {MAX_QTY}" + (": F8 voids the line" if qty < 1 else ""))
        line.qty = qty

    def change_size(self, line: OrderLine, step: int) -> None:
        """The next size up or down, at its menu price; the customer chose it, so no size upsell."""
        item = line.item
        if not item.has_sizes:
            raise SaleError(f"{item.name} comes in one size")
        index = (item.size_index(line.size) or 0) + step
        if not 0 <= index < len(item.sizes):
            raise SaleError(f"{item.label(line.size)} is already the {'largest' if step > 0 else 'smallest'}")
        size = item.sizes[index]
        line.size, line.unit_price, line.size_chosen = size.name, size.price, True

    # -- offers ------------------------------------------------------------

    def prompts_for(self, line: OrderLine) -> Iterator[Offer]:
        """The upsell, then (computed after its answer) the cross-sell."""
        upsell = self._upsell(line)
        if upsell is not None:
            yield upsell
        if line in self.order.lines:
            cross_sell = self._cross_sell(line)
            if cross_sell is not None:
                yield cross_sell

    def checkout_offer(self) -> Offer | None:
        if self._capped():
            return None
        now = self._clock.now()
        daypart = self.menu.daypart_at(now)
        subtotal = self.order.subtotal
        for rule in self.menu.checkouts:
            if not rule.window.active(now, daypart) or subtotal < rule.min_total:
                continue
            if any(rule.unless.matches(line.item) for line in self.order.lines):
                continue
            item = self.menu.items[rule.offer]
            offer = self._add_on(CHECKOUT, None, item, rule.size, rule.price, rule.pitches)
            if offer is not None:
                return offer
        return None

    def _capped(self) -> bool:
        cap = self.menu.max_prompts_per_order
        return cap is not None and self.prompts >= cap

    def _upsell_rule(self, item: Item, now: datetime, daypart: str | None) -> UpsellRule | None:
        matching = [
            rule
            for rule in self.menu.upsells
            if (rule.item == item.key or (rule.item is None and rule.category == item.category))
            and rule.window.active(now, daypart)
        ]
        # Highest priority first, then a rule for the item over one for its category,
        # then the rule written first.
        return min(
            matching,
            key=lambda rule: (-rule.priority, rule.item is None, rule.number),
            default=None,
        )

    def _upsell(self, line: OrderLine) -> Offer | None:
        if self._capped():
            return None
        now = self._clock.now()
        rule = self._upsell_rule(line.item, now, self.menu.daypart_at(now))
        if line.size_chosen and (rule is None or rule.to in ("next", "largest")):
            return None
        upgrade = upsell_target(self.menu, rule, line.item, line.size, line.unit_price)
        if upgrade is None:
            return None
        target, size, unit_delta = upgrade
        ratio = self.menu.max_upsell_ratio
        if ratio is not None and unit_delta > ratio * line.unit_price:
            return None
        proposal = Proposal(
            UPSELL,
            line,
            target,
            size.name,
            unit_delta,
            delta=unit_delta * line.qty,
            price=line.unit_price + unit_delta,
            pitches=rule.pitches if rule else (),
            default_pitch=upsell.ITEM_PITCH if target is not line.item else UPSELL.default_pitch,
        )
        return None if proposal.key in self._offered else self._offer(proposal)

    def _cross_sell(self, line: OrderLine) -> Offer | None:
        if self._capped():
            return None
        now = self._clock.now()
        daypart = self.menu.daypart_at(now)
        rules = [
            rule
            for rule in self.menu.cross_sells
            if rule.when.matches(line.item) and rule.window.active(now, daypart)
        ]
        rules.sort(key=lambda rule: (-rule.priority, rule.number))
        for rule in rules:
            item = self.menu.items[rule.offer]
            offer = self._add_on(CROSS_SELL, line, item, rule.size, rule.price, rule.pitches)
            if offer is not None:
                return offer
        return None

    def _add_on(
        self,
        kind: PromptKind,
        line: OrderLine | None,
        item: Item,
        size_name: str | None,
        price: int | None,
        pitches: tuple[str, ...],
    ) -> Offer | None:
        """An offer to add an item, unless the order has it or it was offered already."""
        size = item.sizes[item.size_index(size_name) or 0]
        unit = size.price if price is None else price
        proposal = Proposal(kind, line, item, size.name, unit, unit, unit, pitches, kind.default_pitch)
        if self.order.has_item(item.key) or proposal.key in self._offered:
            return None
        return self._offer(proposal)

    def _offer(self, proposal: Proposal) -> Offer:
        """The proposal made an offer: its wording drawn and filled in, and counted against the cap."""
        pitches = proposal.pitches
        variant = self._rng.randrange(len(pitches)) if len(pitches) > 1 else 0
        template = pitches[variant] if pitches else proposal.default_pitch
        currency = self.menu.currency
        line, item, size = proposal.line, proposal.item, proposal.size
        values = {
            "item": line.item.name if line else "",
            "offer": item.label(size),
            "size": size or "",
            "delta": format_money(proposal.delta, currency),
            "price": format_money(proposal.price, currency),
        }
        self.prompts += 1
        self._offered.add(proposal.key)
        pitch = render(template, values)
        return Offer(proposal.kind, line, item, size, proposal.unit_delta, proposal.delta, pitch, variant)

    # -- answers -----------------------------------------------------------

    def answer(self, offer: Offer, outcome: Outcome, response_ms: int) -> PromptEvent:
        """Apply the customer's answer to the order; the event to log."""
        if outcome is Outcome.ACCEPTED:
            if offer.kind is UPSELL:
                assert offer.line is not None
                offer.line.item = offer.item
                offer.line.size = offer.size
                offer.line.unit_price += offer.unit_delta
                offer.line.source = UPSELL.name
            else:
                self.order.lines.append(
                    OrderLine(
                        offer.item,
                        offer.size,
                        1,
                        offer.unit_delta,
                        offer.kind.name,
                        entered=offer.item,
                    )
                )
        now = self._clock.now()
        return {
            **self._stamp(now),
            "kind": offer.kind.name,
            "trigger": offer.line.entered.code if offer.line else None,
            "offer": offer.item.code,
            "size": offer.size,
            "pitch": offer.pitch,
            "variant": offer.variant,
            "delta": offer.delta,
            "outcome": str(outcome),
            "response_ms": response_ms,
            "daypart": self.menu.daypart_at(now),
        }

    # -- the end of the order ---------------------------------------------

    def pay(self, tendered: int) -> OrderRecord:
        total = self.order.total
        if tendered < total:
            currency = self.menu.currency
            raise SaleError(
                f"{format_money(tendered, currency)} does not cover the total of {format_money(total, currency)}"
            )
        return self._record(Status.PAID, tendered, tendered - total)

    def void(self) -> OrderRecord:
        return self._record(Status.VOIDED, 0, 0)

    def _stamp(self, now: datetime) -> Stamp:
        station = self.station
        return {
            "ts": timestamp(now),
            "store": station.store,
            "terminal": station.terminal,
            "cashier": station.cashier,
            "mode": str(station.mode),
            "order": self.order.id,
        }

    def _record(self, status: Status, tendered: int, change: int) -> OrderRecord:
        if self.closed:
            raise SaleError(f"order {self.order.id} is already closed")
        self.closed = True
        order = self.order
        return {
            **self._stamp(self._clock.now()),
            "status": str(status),
            "lines": [line.as_record() for line in order.lines],
            "subtotal": order.subtotal,
            "tax": order.tax,
            "total": order.total,
            "tendered": tendered,
            "change": change,
            "prompts": self.prompts,
        }
