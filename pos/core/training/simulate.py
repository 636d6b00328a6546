"""A simulated shift: customers, cashiers and answers, through the real engine and log.

Everything is drawn from one seeded `random.Random`, so a seed gives the same
shift every time. The model, kept simple and stated here so reports can be read
against it:

- Customers arrive over the day in a curve with breakfast, lunch and dinner
  peaks. A basket has 1 to 4 different items, popular items more often (a
  Zipf-like weight over a seeded ranking of the menu), sometimes 2 of an item,
  and sometimes the customer names a size.
- Each cashier asks at their own rate (drawn once), so some ask far less.
- Each offer, and each pitch variant of it, has its own chance of a yes, so
  reports can tell the wordings apart; or, with tastes (`pos.core.training.tastes`), the
  chance the customers' taste gives it in the daypart and with what the order holds
  (`pos.core.training.simulated_answers`).
- A learned rule (`choose = "learn"`) chooses its offer as the counter does, from the
  store's answers in its log (`pos.core.log.learned_answers`): each order is logged as
  it is paid, so the next choice learns from it.
- Some orders start with a meal keyed by its code (`MEAL_ORDERS`); a customer
  who says yes to a meal picks its other items, the first choice more often.
- Now and then the cashier brings a declined or skipped offer back before
  payment (`REVISIT`), answered like any other.
- A quarter of the orders are paid by card, the total exactly (`BY_CARD`), the rest in cash:
  some exactly, others rounded up to the next 5 with change.
- A paid order that meets an `[[after_sale]]` rule gets a code; some customers
  come back with it on a later day (`pos.core.training.simulated_returns.COME_BACK`), a few after it has expired.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from pos.core.base.clock import FixedClock
from pos.core.base.events import ASKED_OUTCOMES, Mode, OrderRecord, Outcome, PromptEvent, Tender
from pos.core.codes.codes import Codes
from pos.core.log.eventlog import EventLog
from pos.core.log.learned_answers import store_choosing
from pos.core.selling.engine import Sale, Station
from pos.core.selling.menu import Combo, Item, Menu
from pos.core.selling.offer import Offer
from pos.core.selling.offer_answer import rule_of
from pos.core.selling.order import MealLine
from pos.core.selling.prompt_kinds import after_sale
from pos.core.training.simulated_answers import Answers, Truth
from pos.core.training.simulated_returns import Returns
from pos.core.training.tastes import Tastes

BASKET_SIZES = (1, 2, 3, 4)
BASKET_WEIGHTS = (45, 30, 17, 8)
HOUR_WEIGHTS = {  # customers per hour of the day, relative
    6: 3,
    7: 6,
    8: 7,
    9: 5,
    10: 4,
    11: 8,
    12: 12,
    13: 11,
    14: 6,
    15: 4,
    16: 5,
    17: 8,
    18: 10,
    19: 8,
    20: 5,
    21: 3,
    22: 2,
    23: 1,
}


@dataclass(frozen=True)
class ShiftTotals:
    orders: int
    prompts: int
    """Prompts shown (asked or skipped)."""
    accepted: int
    accepted_value: int
    """What the yeses were worth."""
    kept: int
    """What of it paid orders kept (customers change their minds: `VOID_LINE`, `WALK_AWAY`)."""
    held_out: int = 0
    """Chances held out (the menu's `holdout`)."""
    expected_lift: dict[str, float] = field(default_factory=dict)
    """By rule (`pos.core.selling.rule_ids`), on a menu with a holdout: the model's lift, the mean over the chances of
    paid orders of what asking adds to the chance the order ends with the offer (the yes rate
    times the cashier's ask rate, less the unprompted rate). Exact for an offer at payment (meal,
    nudge, checkout) of an item no other rule offers; an upsell or cross-sell also gains from
    revisits (`REVISIT`) and loses to baskets that hold the offer anyway, which it leaves out."""
    codes: int = 0
    """Codes printed on receipts (`[[after_sale]]`)."""


MEAL_ORDERS = 0.2
"""Of orders, those that start with a meal keyed by its code (when the menu has one on at the time)."""
REVISIT = 0.08
"""Of lines whose offer was declined or skipped, those the cashier brings back before payment."""
VOID_LINE = 0.04
"""Of orders, those where the customer takes one line back before paying."""
WALK_AWAY = 0.015
"""Of orders, those voided at the total."""
BY_CARD = 0.25
"""Of orders, those paid by card, the total exactly; the rest in cash, exactly or rounded up to 5 (drawn
from one number, so a seed gives the shift it gave before cards were simulated, in all but tenders)."""


@dataclass(frozen=True)
class Cashier:
    id: str
    ask_rate: float


def simulate(
    menu: Menu,
    log: EventLog,
    *,
    orders: int,
    seed: int,
    cashiers: int,
    first_day: date,
    days: int,
    store: str | None = None,
    progress: Callable[[int], None] | None = None,
    tastes: Tastes | None = None,
) -> ShiftTotals:
    """`tastes`: the customers' taste by context (`pos.core.training.tastes`), else the usual model's."""
    shift = _Shift(menu, log, random.Random(seed), cashiers, first_day, store, tastes)
    tally = _Tally()
    for day_number in range(days):
        day = first_day + timedelta(days=day_number)
        count = orders // days + (1 if day_number < orders % days else 0)
        events: list[PromptEvent] = []
        records: list[OrderRecord] = []
        for start in _arrivals(shift.rng, day, count):
            sold, record = shift.sell(start, day, day_number)
            events += sold
            records.append(record)
            tally.done += 1
            if progress and tally.done % 1000 == 0:
                progress(1000)
            if menu.learned:  # the next choice learns from this order's answers, as at the counter
                _logged(log, events, records, tally)
        _logged(log, events, records, tally)
        log.flush()
    if progress and tally.done % 1000:
        progress(tally.done % 1000)
    return tally.totals(shift.truth.lifts() if shift.truth is not None else {})


def _logged(log: EventLog, events: list[PromptEvent], records: list[OrderRecord], tally: _Tally) -> None:
    """Appends the records to the log (emptying the lists), counted."""
    log.log_prompts(events)
    log.log_orders(records)
    tally.count(events, records)
    events.clear()
    records.clear()


class _Shift:
    """The shift's cashiers, the menu's popularity and the customers' answers, drawn once from the
    seed (in this order: a seed gives the same shift), then one order after another."""

    def __init__(
        self,
        menu: Menu,
        log: EventLog,
        rng: random.Random,
        cashiers: int,
        first_day: date,
        store: str | None,
        tastes: Tastes | None,
    ) -> None:
        self.menu, self.log, self.rng, self.store = menu, log, rng, store
        self.staff = [Cashier(f"C{n}", round(rng.uniform(0.45, 0.95), 2)) for n in range(1, cashiers + 1)]
        self.ranked = list(menu.items.values())
        rng.shuffle(self.ranked)
        self.popularity = [1 / (rank + 1) ** 0.8 for rank in range(len(self.ranked))]
        rule = functools.partial(rule_of, menu)
        self.answers = Answers(rng, rule, tastes)
        codes = Codes(log.data_dir)
        self.returns = Returns(rng, codes) if after_sale.KIND.rules(menu) else None
        self.truth = Truth(self.answers, rule) if menu.holdout or menu.holdouts else None
        self.clock = FixedClock(datetime.combine(first_day, time(6)))
        self.choosing = store_choosing(menu, log.data_dir, self.clock, Mode.LIVE)
        """A learned rule chooses as the counter does: from the store's answers in its log."""

    def sell(self, start: datetime, day: date, day_number: int) -> tuple[list[PromptEvent], OrderRecord]:
        """One customer's order, from a code brought back to the receipt: its prompts and its record."""
        rng = self.rng
        self.clock.set(start)
        cashier = self.staff[_shift(start, len(self.staff), day_number)]
        station = Station(self.store or self.menu.name, self.log.store_id, self.log.terminal, cashier.id)
        sale = Sale(self.menu, self.log.new_order_id(start), station, self.clock, rng, choosing=self.choosing)
        events = self.returns.come_back(sale, day) if self.returns is not None else []
        events += self._keyed(sale, cashier, start)
        if len(sale.order.lines) > 1 and rng.random() < VOID_LINE:
            sale.void_line(rng.choice(sale.order.lines))
        sale.best_deal()
        for offer in sale.payment_offers():
            events.append(self._answer(sale, offer, cashier))
        total, paying = sale.order.total, rng.random()
        tendered = total if paying < 0.4 else -(-total // 500) * 500
        by_card = [Tender(kind="card", amount=total)] if paying < BY_CARD and total else []
        record = sale.void() if rng.random() < WALK_AWAY else sale.pay(0 if by_card else tendered, by_card)
        if self.truth is not None:
            self.truth.order_ended(record.status == "paid")
        if self.returns is not None and record.status == "paid":
            events += self.returns.printed(sale, day)
        return events, record

    def _keyed(self, sale: Sale, cashier: Cashier, start: datetime) -> list[PromptEvent]:
        """A meal now and then, the basket, and the offers brought back: each prompt answered."""
        rng, events = self.rng, []
        combos = _active_combos(self.menu, start)
        if combos and rng.random() < MEAL_ORDERS:
            combo = rng.choice(combos)
            (meal, *_) = sale.add_meal(combo, _choices(rng, combo), 2 if rng.random() < 0.08 else 1)
            self.clock.advance(rng.randint(3000, 6000))
            for offer in sale.prompts_for(meal):
                events.append(self._answer(sale, offer, cashier))
        for item in _basket(rng, self.ranked, self.popularity):
            size = rng.choice(item.sizes).name if item.has_sizes and rng.random() < 0.15 else None
            qty = 2 if rng.random() < 0.08 else 1
            line = sale.add(item.code, size, qty)
            self.clock.advance(rng.randint(1500, 4000))
            for offer in sale.prompts_for(line):
                events.append(self._answer(sale, offer, cashier))
        for line in list(sale.order.lines):
            if sale.can_revisit(line) and rng.random() < REVISIT:
                again = sale.revisit(line)
                assert again is not None
                events.append(self._answer(sale, again, cashier))
        return events

    def _answer(self, sale: Sale, offer: Offer, cashier: Cashier) -> PromptEvent:
        return _answer(self.rng, sale, offer, cashier, self.answers, self.clock, self.truth)


@dataclass
class _Tally:
    """What the shift did, day by day, for `ShiftTotals`."""

    done: int = 0
    prompts: int = 0
    accepted: int = 0
    added: int = 0
    kept: int = 0
    held_out: int = 0
    printed: int = 0

    def count(self, events: list[PromptEvent], records: list[OrderRecord]) -> None:
        self.prompts += sum(event.outcome in ASKED_OUTCOMES for event in events)
        self.held_out += sum(event.outcome == Outcome.HELD_OUT for event in events)
        self.printed += sum(event.outcome == Outcome.ISSUED for event in events)
        for event in events:
            if event.outcome == "accepted":
                self.accepted += 1
                self.added += event.delta
        self.kept += sum(
            part.added
            for record in records
            if record.status == "paid"
            for line in record.lines
            for part in line.parts
            if part.source != after_sale.KIND.name  # a code redeemed: the report counts it apart
        )

    def totals(self, lifts: dict[str, float]) -> ShiftTotals:
        return ShiftTotals(
            self.done,
            self.prompts,
            self.accepted,
            self.added,
            self.kept,
            held_out=self.held_out,
            codes=self.printed,
            expected_lift=lifts,
        )


def _answer(
    rng: random.Random,
    sale: Sale,
    offer: Offer,
    cashier: Cashier,
    answers: Answers,
    clock: FixedClock,
    truth: Truth | None = None,
) -> PromptEvent:
    if truth is not None and not offer.revisit:
        truth.chance(offer, cashier.ask_rate, sale)
    if offer.held_out:  # not shown: no time, no answer; some take it anyway
        event = sale.answer(offer, Outcome.HELD_OUT, 0)
        if rng.random() < answers.unprompted(offer, sale):
            _take_unprompted(rng, sale, offer)
        return event
    if rng.random() < cashier.ask_rate:
        outcome = Outcome.ACCEPTED if rng.random() < answers.chance(offer, sale) else Outcome.DECLINED
        response_ms = int(rng.lognormvariate(7.7, 0.35))
    else:
        outcome = Outcome.SKIPPED
        response_ms = int(rng.lognormvariate(6.5, 0.4))
    clock.advance(response_ms)
    event = sale.answer(offer, outcome, response_ms)
    if outcome is Outcome.ACCEPTED and offer.makes_meal:
        _make_meal(rng, sale, offer, asked=True)
    return event


def _make_meal(rng: random.Random, sale: Sale, offer: Offer, asked: bool) -> None:
    """The meal offered, the customer picking what the order does not fill yet."""
    assert isinstance(offer.item, Combo)
    picks = _choices(rng, offer.item)
    items = [fill.item if fill else pick for fill, pick in zip(offer.fills, picks, strict=True)]
    sale.make_meal(offer, items, asked=asked)


def _take_unprompted(rng: random.Random, sale: Sale, offer: Offer) -> None:
    """The customer asks for the offer themselves: an add-on keyed or their line in the size or
    swapped for the item offered (at the menu's price), their meal one size up, or the meal made
    with their picks; no line names the prompt."""
    line, item = offer.line, offer.item
    if offer.kind.upgrades_line and isinstance(line, MealLine):
        sale.size_up_meal(offer, asked=False)
    elif isinstance(item, Combo):
        _make_meal(rng, sale, offer, asked=False)
    elif not offer.kind.upgrades_line:
        sale.add(item.code, offer.size)
    elif line is not None and line.item is item:
        wanted = item.size_index(offer.size) or 0
        while (item.size_index(line.size) or 0) < wanted:
            sale.change_size(line, 1)
    elif line is not None:  # another item instead of theirs
        sale.void_line(line)
        sale.add(item.code, offer.size, line.qty)


def _active_combos(menu: Menu, moment: datetime) -> list[Combo]:
    daypart = menu.daypart_at(moment)
    return [combo for combo in menu.combos.values() if combo.window.active(moment, daypart)]


def _choices(rng: random.Random, combo: Combo) -> list[Item]:
    """A customer's pick for each slot: its first choice more often than not."""
    return [slot.choices[0] if rng.random() < 0.6 else rng.choice(slot.choices) for slot in combo.slots]


def _arrivals(rng: random.Random, day: date, count: int) -> list[datetime]:
    hours = rng.choices(list(HOUR_WEIGHTS), weights=list(HOUR_WEIGHTS.values()), k=count)
    seconds = sorted(hour * 3600 + rng.randrange(3600) for hour in hours)
    midnight = datetime.combine(day, time()).astimezone()
    return [midnight + timedelta(seconds=second) for second in seconds]


def _shift(moment: datetime, cashiers: int, day_number: int) -> int:
    """Cashiers split the opening hours into shifts, rotating from day to day."""
    opening, hours = min(HOUR_WEIGHTS), len(HOUR_WEIGHTS)
    slot = min(cashiers - 1, (moment.hour - opening) * cashiers // hours)
    return (slot + day_number) % cashiers


def _basket(rng: random.Random, ranked: list[Item], popularity: list[float]) -> list[Item]:
    size = min(rng.choices(BASKET_SIZES, weights=BASKET_WEIGHTS)[0], len(ranked))
    basket: list[Item] = []
    while len(basket) < size:
        item = rng.choices(ranked, weights=popularity)[0]
        if item not in basket:
            basket.append(item)
    return basket
