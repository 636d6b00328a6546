"""The prompts of one item, or of payment, one at a time: the counter's, with no screen.

Each offer is worked out once the one before is answered (`Sale.prompts_for`).
A prompt is drawn only once the write before it is on disk (`waiting_on`), and
its response time starts when it is drawn. A yes to a meal asks the meal's
other slots first (the counter's meal stage), then the prompts go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Protocol

from pos.core.coach import Coach
from pos.core.engine import Sale
from pos.core.events import Outcome
from pos.core.meal_entry import MealDraft
from pos.core.menu import Combo
from pos.core.offer import Offer
from pos.core.prompt_kinds import Moment
from pos.core.shop import Shop


class Counter(Protocol):
    """What the flow needs of the counter (`pos.core.counter.Counter`)."""

    shop: Shop
    coach: Coach
    sale: Sale
    selected: int | None

    def say(self, message: str, error: bool = False) -> None: ...

    def order_changed(self, select: int | None) -> None: ...

    def start_meal(self, draft: MealDraft, offer: Offer) -> None:
        """Ask the meal's other slots, then call `next`."""
        ...

    def start_tender(self) -> None: ...

    def add_keyed_ahead(self, prompts: bool = True) -> bool: ...


class PromptFlow:
    def __init__(self, counter: Counter, timer: Callable[[], float]) -> None:
        self.counter = counter
        self.prompt: Offer | None = None
        self.note = ""
        """Under the prompt: in a drill, what to do and what the customer answered."""
        self.waiting_on: Future[None] | None = None
        """The write the prompt on the screen must wait for."""
        self.last_write: Future[None] | None = None
        """The counter's last record handed to the writer."""
        self.closing = False
        """A prompt is being closed by paying or voiding: the keys typed ahead wait for that key."""
        self._timer = timer
        self._offers: Iterator[Offer] | None = None
        self._pay_after = False
        self._shown_at = 0.0

    def run(self, offers: Iterator[Offer], pay_after: bool = False) -> None:
        self._offers, self._pay_after = offers, pay_after
        self.next()

    def drawn(self) -> None:
        self._shown_at = self._timer()

    def next(self) -> None:
        """The next offer up, or the end of these prompts."""
        counter = self.counter
        offer = next(self._offers, None) if self._offers is not None else None
        if offer is None:
            self._done()
            return
        self.prompt = offer
        if offer.held_out:  # never shown, costs no time: logged at the moment it would have come
            self.record(Outcome.HELD_OUT)
            return
        self.waiting_on = self.last_write
        self._shown_at = self._timer()
        self.note = counter.coach.prompt_shown(offer)
        if counter.sale.declining_all:
            self.record(Outcome.DECLINED)

    def answer(self, outcome: Outcome) -> None:
        """A key answered the prompt: unless the coach refuses it (a drill's "ask first")."""
        refusal = self.counter.coach.refuses(outcome)
        if refusal:
            self.counter.say(refusal, error=True)
            return
        self.record(outcome)

    def record(self, outcome: Outcome) -> None:
        counter, offer = self.counter, self.prompt
        assert offer is not None
        drawn = (self.waiting_on is None or self.waiting_on.done()) and not offer.held_out
        response_ms = int((self._timer() - self._shown_at) * 1000) if drawn else 0
        event = counter.sale.answer(offer, outcome, max(0, response_ms))
        self.last_write = counter.shop.recorder.prompt(event)
        said = counter.coach.answered(offer, outcome)
        counter.say(said)
        self.prompt, self.waiting_on, self.note = None, None, ""
        if outcome is Outcome.ACCEPTED and offer.makes_meal and not self.closing:
            assert isinstance(offer.item, Combo)
            count = offer.line.qty if offer.kind.upgrades_line and offer.line else 1
            given = tuple(fill.item if fill else None for fill in offer.fills)
            counter.start_meal(MealDraft.start(offer.item, count, given), offer)  # then `next`
            return
        if outcome is Outcome.ACCEPTED:  # the line the yes changed, or the one it added
            entries = counter.sale.order.entries
            changed = offer.line if offer.kind.upgrades_line and offer.line in entries else entries[-1]
            counter.order_changed(select=entries.index(changed))
        elif offer.kind.moment is Moment.ITEM:
            counter.order_changed(select=counter.selected)  # the line's mark: F6 may bring it back
        self.next()

    def close(self) -> None:
        """Paying or voiding with a prompt up: it was not asked, and the item's others are dropped.

        The items keyed ahead stay where they are: the key that closed the prompt decides.
        """
        if self.prompt is not None:
            self._offers, self.closing = iter(()), True
            self.record(Outcome.SKIPPED)
            self.closing = False

    def drop(self) -> None:
        """A new order: nothing of the last one's prompts goes on."""
        self._offers, self.prompt, self.waiting_on = None, None, None

    def _done(self) -> None:
        self._offers = None
        if self._pay_after:
            self._pay_after = False
            self.counter.start_tender()
        elif not self.closing:
            self.counter.add_keyed_ahead()
