"""The prompts of one item, or of payment, one at a time: the counter's, with no screen.

Each offer is worked out once the one before is answered (`Sale.prompts_for`).
A prompt is drawn only once the write before it is on disk (`waiting_on`), and
its response time starts when it is drawn. A yes to a meal asks the meal's
other slots first (the counter's meal stage), then the prompts go on. Each call
returns the `Step` the counter takes (`pos.core.counter.counter_step`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import replace

from pos.core.base.events import Outcome
from pos.core.counter.coach import Coach
from pos.core.counter.counter_step import KeyMeal, Select, Step, Then
from pos.core.counter.meal_entry import MealDraft
from pos.core.counter.shop import Recorder
from pos.core.selling.engine import Sale
from pos.core.selling.menu import Combo
from pos.core.selling.offer import Offer
from pos.core.selling.prompt_kinds import Moment


class PromptFlow:
    def __init__(self, coach: Coach, recorder: Recorder, timer: Callable[[], float]) -> None:
        self.prompt: Offer | None = None
        self.note = ""
        """Under the prompt: in a drill, what to do and what the customer answered."""
        self.waiting_on: Future[None] | None = None
        """The write the prompt on the screen must wait for."""
        self._coach = coach
        self._recorder = recorder
        self._timer = timer
        self._offers: Iterator[Offer] | None = None
        self._pay_after = False
        self._shown_at = 0.0

    def run(self, offers: Iterator[Offer], pay_after: bool = False) -> Step:
        self._offers, self._pay_after = offers, pay_after
        return Step(then=Then.NEXT_PROMPT)

    @property
    def at_payment(self) -> bool:
        """A prompt of the payment's is up: the order takes no more items now."""
        return self._pay_after and self.prompt is not None

    def drawn(self) -> None:
        self._shown_at = self._timer()

    def next(self, sale: Sale, last_write: Future[None] | None) -> Step:
        """The next offer up (drawn once `last_write` is on disk), or the end of these prompts."""
        offer = next(self._offers, None) if self._offers is not None else None
        if offer is None:
            return Step(then=self._done(closing=False))
        self.prompt = offer
        if offer.held_out:  # never shown, costs no time: logged at the moment it would have come
            return self.record(sale, Outcome.HELD_OUT)
        self.waiting_on = last_write
        self._shown_at = self._timer()
        self.note = self._coach.prompt_shown(offer)
        if sale.declining_all:
            return self.record(sale, Outcome.DECLINED)
        return Step()

    def answer(self, sale: Sale, outcome: Outcome) -> Step:
        """A key answered the prompt: unless the coach refuses it (a drill's "ask first")."""
        refusal = self._coach.refuses(outcome)
        if refusal:
            return Step(message=refusal, error=True)
        return self.record(sale, outcome)

    def record(self, sale: Sale, outcome: Outcome) -> Step:
        offer = self.prompt
        assert offer is not None
        drawn = (self.waiting_on is None or self.waiting_on.done()) and not offer.held_out
        response_ms = int((self._timer() - self._shown_at) * 1000) if drawn else 0
        event = sale.answer(offer, outcome, max(0, response_ms))
        wrote = self._recorder.prompt(event)
        said = self._coach.answered(offer, outcome)
        self.prompt, self.waiting_on, self.note = None, None, ""
        if outcome is Outcome.ACCEPTED and offer.makes_meal:
            return Step(message=said, wrote=wrote, then=_meal_for(offer))
        return Step(message=said, select=_selected(sale, offer, outcome), wrote=wrote, then=Then.NEXT_PROMPT)

    def close(self, sale: Sale) -> Step:
        """Paying or voiding with a prompt up: it was not asked, and the item's others are dropped.

        The items keyed ahead stay where they are: the key that closed the prompt decides.
        """
        if self.prompt is None:
            return Step()
        self._offers = None
        return replace(self.record(sale, Outcome.SKIPPED), then=self._done(closing=True))

    def drop(self) -> None:
        """A new order: nothing of the last one's prompts goes on."""
        self._offers, self.prompt, self.waiting_on = None, None, None

    def _done(self, closing: bool) -> Then:
        self._offers = None
        if self._pay_after:
            self._pay_after = False
            return Then.TENDER
        return Then.NOTHING if closing else Then.KEYED_AHEAD


def _meal_for(offer: Offer) -> KeyMeal:
    """A yes to a meal: the meal to key, with what the offer already put in its slots."""
    assert isinstance(offer.item, Combo)
    count = offer.line.qty if offer.kind.upgrades_line and offer.line else 1
    given = tuple(fill.item if fill else None for fill in offer.fills)
    return KeyMeal(MealDraft.start(offer.item, count, given), offer)


def _selected(sale: Sale, offer: Offer, outcome: Outcome) -> int | Select | None:
    """The line to select once the prompt is answered: the one a yes changed or added."""
    if outcome is Outcome.ACCEPTED:
        entries = sale.order.entries
        changed = offer.line if offer.kind.upgrades_line and offer.line in entries else entries[-1]
        return entries.index(changed)
    if offer.kind.moment is Moment.ITEM:
        return Select.SAME  # the line's mark: F6 may bring it back
    return None
