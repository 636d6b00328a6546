"""The selling engine: what the cashier is prompted to offer, and what an answer does.

For every item entered, `Sale.prompts_for(line)` yields each prompt kind's offer
in the order of the kinds' registry (`pos.core.selling.prompt_kinds`): the upsell, then,
once that is answered, the cross-sell (worked out only then, because an accepted
upsell changes what the line matches). `Sale.payment_offers()` gives the offers
when payment starts. Each kind proposes; the engine applies the prompt cap and
"no offer twice", draws the wording (`pos.core.selling.offer`) and counts it.
`Sale.answer()` applies an answer to the order and returns the prompt event to log
(`pos.core.selling.offer_answer`). At payment the best deal groups loose lines into meals,
keeping those that make the total lowest with the threshold deals
(`pos.core.selling.meals_kept`). The cashier screen, the simulator and the drills all
drive a sale through these calls alone.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from pos.core.base.clock import Clock
from pos.core.base.errors import SaleError
from pos.core.base.events import Mode, OrderRecord, Outcome, PromptEvent, Status, Tender, timestamp
from pos.core.base.money import format_money
from pos.core.selling import meal_lines
from pos.core.selling.candidates import Choice
from pos.core.selling.learned_choice import FIRST_ALLOWED, Choosing
from pos.core.selling.meals_kept import not_worth_it
from pos.core.selling.menu import Combo, Item, Menu
from pos.core.selling.offer import Offer, drawn
from pos.core.selling.offer_answer import accept, prompt_event
from pos.core.selling.order import ENTERED, MAX_LINES, MAX_QTY, MealLine, Order, OrderLine
from pos.core.selling.prompt_kinds import Moment, PromptKind, Proposal, kinds
from pos.core.selling.prompt_kinds.nudge import active_rules, earned
from pos.core.selling.revisits import Revisits


@dataclass(frozen=True, slots=True)
class Station:
    """Who sells where: carried into every record."""

    store: str
    store_id: str
    """The data folder's store id (`pos.core.base.store_id`)."""
    terminal: str
    cashier: str
    mode: Mode = Mode.LIVE


class Sale:
    def __init__(
        self,
        menu: Menu,
        order_id: str,
        station: Station,
        clock: Clock,
        rng: random.Random,
        holding_out: bool = True,
        menu_clock: Clock | None = None,
        choosing: Choosing = FIRST_ALLOWED,
    ) -> None:
        self.menu = menu
        self.station = station
        self.order = Order(order_id, menu.tax_rate)
        self.holding_out = holding_out
        """Chances may be held out (`holdout`); never in a drill, where a trainee must always ask."""
        self.prompts = 0
        """Prompt chances so far, held out or not: the next one's `seq` is one more."""
        self.shown = 0
        """Prompts shown: what the cap counts and the record's `prompts` says."""
        self.heard = 0
        """Prompts the customer heard (asked: accepted or declined): the next one's `heard` is one more."""
        self.closed = False
        """Paid or voided: its record is made, and nothing more may change it."""
        self.changes = 0
        """Bumped by every change to the order or its prompts: what was kept of it is current while it stands."""
        self.declining_all = False
        """The customer wants nothing more: every prompt left in the order is declined."""
        self._clock = clock
        self._menu_clock = menu_clock or clock
        """The menu's time: dayparts, seasons (a drill script's `now`); records carry `_clock`'s."""
        self._rng = rng
        self._choosing = choosing
        """How a learned rule's candidate is chosen (`pos.core.selling.learned_choice`)."""
        self._offered: set[str] = set()
        self._asked_at_payment: set[str] = set()
        self._keyed = 0
        """Meal entries so far: meals keyed in one entry share its number."""
        self.revisits = Revisits()
        """The items' offers passed over, each to be brought back once."""

    # -- entry -------------------------------------------------------------

    def add(self, code: str, size: str | None = None, qty: int = 1) -> OrderLine:
        self._room_for_a_line()
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
        self._changed()
        return line

    def void_line(self, line: OrderLine | MealLine) -> None:
        """Take a line, or a meal as a whole, off the order; it stays in the record's voided lines."""
        if isinstance(line, MealLine):
            self.order.meals.remove(line)
        else:
            self.order.lines.remove(line)
        self.order.voided.append(line)
        self._changed()

    def change_qty(self, line: OrderLine, qty: int) -> None:
        if not 1 <= qty <= MAX_QTY:
            raise SaleError(f"a quantity is 1 to {MAX_QTY}" + (": F8 voids the line" if qty < 1 else ""))
        item = line.item
        special = line.unit_price != item.sizes[item.size_index(line.size) or 0].price
        if qty > max(line.qty, line.offer_units) and line.prompt is not None and special:
            units = "one" if line.offer_units == 1 else line.offer_units
            keyed = f"{item.code} {line.size.lower()}" if item.has_sizes and line.size else item.code
            raise SaleError(
                f"{item.label(line.size)} is at an offer's price, for {units} only: key {keyed} for another"
            )
        line.qty = qty
        self._changed()

    def change_size(self, line: OrderLine, step: int) -> None:
        """The next size up or down, at its menu price; the customer chose it, so no size upsell."""
        item = line.item
        if not item.has_sizes:
            raise SaleError(f"{item.name} comes in one size")
        index = (item.size_index(line.size) or 0) + step
        if not 0 <= index < len(item.sizes):
            raise SaleError(f"{item.label(line.size)} is already the {'largest' if step > 0 else 'smallest'}")
        size = item.sizes[index]
        line.choose_size(size.name, size.price)
        self._changed()

    def _room_for_a_line(self, lines: int = 1) -> None:
        if len(self.order.entries) + lines > MAX_LINES:
            raise SaleError(f"an order holds at most {MAX_LINES} lines: take payment and start another")

    def _changed(self) -> None:
        """Every change to the order or its prompts: counted, and the rewards it now earns settled."""
        self.changes += 1
        self.order.rewards = earned(self.menu, self.order.spent, self.now())

    # -- offers ------------------------------------------------------------

    def prompts_for(self, line: OrderLine | MealLine) -> Iterator[Offer]:
        """The item's (or meal's) prompts in the order of `kinds()`, each worked out once the one before
        is answered, for the line as it then stands: a line made a meal goes on as that meal (its
        cross-sell follows as for a meal keyed); none once the line is voided."""
        for kind in kinds():
            if kind.moment is Moment.ITEM and line in self.order.entries:
                offer = self._propose(kind, line)
                if offer is not None:
                    yield offer
                    line = self._made_of(offer) or line

    def _made_of(self, offer: Offer) -> MealLine | None:
        """The (first) meal a yes to this offer made of its line."""
        return next((meal for meal in self.order.meals if meal.prompt == offer.seq), None)

    def payment_offers(self) -> Iterator[Offer]:
        """The offers when payment starts (the checkout offer), each worked out once the one before is
        answered; each kind once in an order, however often payment starts again after Esc."""
        for kind in kinds():
            if kind.moment is Moment.PAYMENT and kind.name not in self._asked_at_payment:
                offer = self._propose(kind, None)
                if offer is not None:
                    self._asked_at_payment.add(kind.name)
                    yield offer

    def now(self) -> datetime:
        """The menu's time: what dayparts and seasons are judged by."""
        return self._menu_clock.now()

    def real_now(self) -> datetime:
        """The time records carry (the same as `now` but in a drill with a script's time)."""
        return self._clock.now()

    def add_on(
        self,
        kind: PromptKind[Any],
        line: OrderLine | MealLine | None,
        item: Item,
        size: str | None,
        price: int | None,
        pitches: tuple[str, ...],
    ) -> Proposal | None:
        """Adding `item`, at `price` or its menu price, unless the order has it or it was offered already."""
        chosen, unit = item.offered_at(size, price)
        proposal = Proposal(kind, line, item, chosen.name, unit, unit, unit, pitches, kind.default_pitch)
        if self.order.has_item(item.key) or proposal.key in self._offered:
            return None
        return proposal

    def choose(self, rule: tuple[str, int], choice: Choice, allowed: Sequence[Proposal]) -> Proposal | None:
        """One of a rule's candidates that the kind's guards allow and that were not offered yet."""
        offers = [replace(offer, rule=rule) for offer in allowed if offer.key not in self._offered]
        if not offers or not choice.learned:
            return offers[0] if offers else None
        return self._choosing.choose(self, self.menu.rule_ids[rule], choice, offers, self._rng)

    @property
    def at_cap(self) -> bool:
        """The order has shown `max_prompts_per_order` prompts: no more of any kind, revisits included."""
        cap = self.menu.max_prompts_per_order
        return cap is not None and self.shown >= cap

    def _propose(self, kind: PromptKind[Any], line: OrderLine | MealLine | None) -> Offer | None:
        """The kind's offer, unless the prompt cap is reached or the same offer was made in this order."""
        if self.at_cap:
            return None
        proposal = kind.propose(self, line)
        if proposal is None or proposal.key in self._offered:
            return None
        return self._offer(proposal)

    def _offer(self, proposal: Proposal) -> Offer:
        """The proposal made an offer: its wording drawn and filled in, and counted against the cap."""
        wording = drawn(proposal, self.menu.currency, self._rng)
        self.prompts += 1
        share = self.menu.holdout_for(proposal.rule) if self.holding_out else 0
        held_out = bool(share) and self._rng.random() < share
        self.shown += not held_out
        self._changed()
        self._offered.add(proposal.key)  # a chance held out is spent too: it is not drawn again
        return wording.offer(proposal, self.prompts, held_out)

    # -- meals -------------------------------------------------------------

    def best_deal(self) -> list[MealLine]:
        """Group the loose lines into the active combos that make the total lowest (at payment);
        the meals made before go back to loose lines first, so each grouping is the best one."""
        now = self.now()
        daypart = self.menu.daypart_at(now)
        combos = [combo for combo in self.menu.combos.values() if combo.window.active(now, daypart)]
        made = meal_lines.regroup(self.order, combos)
        self._changed()
        if made and active_rules(self.menu, self.now()):  # the meals that make the total lowest
            for meal in not_worth_it(self.order.spent, made, self._total_at):
                meal_lines.ungroup(self.order, meal)
                made.remove(meal)
            self._changed()
        return made

    def _total_at(self, spent: int) -> int:
        """The order's total if what it spends before rewards were `spent`."""
        rewards = earned(self.menu, spent, self.now())
        return self.order.total_of(spent + sum(reward.amount for reward in rewards))

    def add_meal(self, combo: Combo, items: list[Item], qty: int) -> list[MealLine]:
        """`qty` meals of `combo` keyed, an item for each slot; a prompt for one is for all of them."""
        self._room_for_a_line(qty)
        self._keyed += 1
        meals = meal_lines.keyed(self.order, combo, items, qty, keyed_with=self._keyed)
        self._changed()
        return meals

    def make_meal(self, offer: Offer, items: list[Item], asked: bool = True) -> list[MealLine]:
        """After a yes to a meal, its slots chosen (`items`, one per slot): `meal_lines.sold`. Not
        `asked`: a customer whose chance was held out asked for the meal themselves, and no line
        names the prompt."""
        meals = meal_lines.sold(self.order, offer, offer.seq if asked else None, items)
        self._changed()
        return meals

    def size_up_meal(self, offer: Offer, asked: bool = True) -> None:
        """The offer's meal, and those keyed with it, one size up (not `asked`: as for `make_meal`)."""
        assert isinstance(offer.line, MealLine)
        for meal in self.order.keyed_together(offer.line):
            if asked:
                meal.size_up(offer.unit_delta, offer.kind.name, offer.seq)
            else:
                meal.size_up(offer.unit_delta, ENTERED, None)
        self._changed()

    # -- answers -----------------------------------------------------------

    def draw(self, count: int) -> int:
        """A wording's number among `count`, drawn from the sale's chance."""
        return self._rng.randrange(count) if count > 1 else 0

    def add_line(self, line: OrderLine) -> None:
        """A line a prompt's yes (or a code redeemed) brings, as it comes."""
        self.order.lines.append(line)
        self._changed()

    def can_revisit(self, line: OrderLine | MealLine) -> bool:
        """Whether F6 would ask the line's offer again: not once the customer wants nothing more."""
        return not (self.closed or self.at_cap or self.declining_all) and self.revisits.can(line, self.order)

    def revisit(self, line: OrderLine | MealLine) -> Offer | None:
        """The line's declined or skipped offer again, once, with the next number; None when none
        stands, the prompt cap is reached or the customer wants nothing more (F7)."""
        if self.at_cap or self.declining_all:
            return None
        offer = self.revisits.take(line, self.order)
        if not isinstance(offer, Offer):
            return None
        self.prompts += 1
        self.shown += 1
        self._changed()
        return replace(offer, seq=self.prompts, revisit=True, learned=None)  # asked again, not chosen

    def answer(self, offer: Offer, outcome: Outcome, response_ms: int) -> PromptEvent:
        """Apply the customer's answer to the order; the event to log."""
        if (
            outcome in (Outcome.DECLINED, Outcome.SKIPPED)
            and offer.kind.moment is Moment.ITEM
            and not offer.revisit
        ):
            self.revisits.passed(offer)
        if outcome is Outcome.ACCEPTED:
            if offer.kind.upgrades_line and isinstance(offer.line, MealLine):  # not an add-on with a meal
                self.size_up_meal(offer)
            else:
                accept(self.order, offer)
            self._changed()
        heard = 0 if outcome is Outcome.HELD_OUT else self.heard + 1
        self.heard += outcome in (Outcome.ACCEPTED, Outcome.DECLINED)
        stamp = self.stamp(self._clock.now())
        return prompt_event(
            stamp, self.menu, self.menu.daypart_at(self.now()), offer, outcome, response_ms, heard
        )

    # -- the end of the order ---------------------------------------------

    def pay(self, cash: int, others: Sequence[Tender] = ()) -> OrderRecord:
        """Paid by the card and other tenders taken, then `cash` handed over for the rest (0 when
        they pay it all); the change comes from the cash alone."""
        total, currency = self.order.total, self.menu.currency
        not_cash = sum(tender.amount for tender in others)
        if not_cash > total or any(tender.kind == "cash" for tender in others):
            raise SaleError(
                f"card and other tenders of {format_money(not_cash, currency)}: change comes only from cash"
            )
        if not_cash + cash < total:
            raise SaleError(
                f"{format_money(not_cash + cash, currency)} does not cover the total of {format_money(total, currency)}"
            )
        tenders = [*others, *([Tender(kind="cash", amount=cash)] if cash else [])]
        return self._record(Status.PAID, tenders, not_cash + cash - total)

    def void(self) -> OrderRecord:
        return self._record(Status.VOIDED, [], 0)

    @property
    def started(self) -> bool:
        """Something happened that a record must keep: a line keyed (voided or not) or a prompt shown."""
        return bool(self.order.entries or self.order.voided or self.prompts)

    def draft(self) -> OrderRecord | None:
        """The record this order would get if voided now, kept on disk while it is open so that a
        killed app's order is recorded at the next start; None when closed or nothing happened yet."""
        return None if self.closed or not self.started else self._build(Status.VOIDED, [], 0)

    def stamp(self, now: datetime) -> dict[str, Any]:
        """A record's first fields (`Stamp`), for its constructor: the station's are the record's."""
        return {"ts": timestamp(now), **asdict(self.station), "order": self.order.id}

    def _record(self, status: Status, tenders: list[Tender], change: int) -> OrderRecord:
        if self.closed:
            raise SaleError(f"order {self.order.id} is already closed")
        self.closed = True
        return self._build(status, tenders, change)

    def _build(self, status: Status, tenders: list[Tender], change: int) -> OrderRecord:
        order = self.order
        return OrderRecord(
            **self.stamp(self._clock.now()),
            status=status,
            lines=order.record_lines(),
            subtotal=order.subtotal,
            tax=order.tax,
            total=order.total,
            tendered=sum(tender.amount for tender in tenders),
            change=change,
            prompts=self.shown,
            voided_lines=[line.as_record() for line in order.voided],
            tenders=tenders,
        )
