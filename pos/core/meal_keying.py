"""The meal being keyed at the counter: its slots asked one key at a time, then the meal made.

A meal is keyed by its code (then its own prompts follow: make it large), or
sold by a prompt (then that prompt's others follow). Esc drops it and leaves the
order as it was.
"""

from __future__ import annotations

from typing import Protocol

from pos.core.counter_keys import Stage
from pos.core.engine import Sale
from pos.core.errors import SaleError
from pos.core.meal_entry import MealDraft
from pos.core.offer import Offer
from pos.core.prompt_flow import PromptFlow


class Counter(Protocol):
    """What keying a meal needs of the counter (`pos.core.counter.Counter`)."""

    sale: Sale
    stage: Stage
    entry: str
    prompts: PromptFlow

    def say(self, message: str, error: bool = False) -> None: ...

    def order_changed(self, select: int | None) -> None: ...

    def add_keyed_ahead(self, prompts: bool = True) -> bool: ...


class MealKeying:
    def __init__(self, counter: Counter) -> None:
        self.counter = counter
        self.draft: MealDraft | None = None
        """The meal being keyed, while its slots are asked."""
        self._offer: Offer | None = None
        """The prompt whose yes the meal answers."""
        self._prompts = True

    def start(self, draft: MealDraft, offer: Offer | None = None, prompts: bool = True) -> None:
        self.draft, self._offer, self._prompts = draft, offer, prompts
        self._asked()

    def press(self, key: str, char: str | None) -> None:
        counter, draft = self.counter, self.draft
        assert draft is not None
        message = draft.press(key, char)
        counter.entry = draft.typed
        if draft.dropped:
            self.draft, counter.stage = None, Stage.SELLING
            counter.say(f"{message}: the order stays as it was" if self._offer else message or "")
            self._after()
        else:
            if message is not None:
                counter.say(message, error=True)
            self._asked()  # the meal decides whether that key answered

    def _asked(self) -> None:
        """Ask the next slot, or make the meal once every slot is filled."""
        counter, draft = self.counter, self.draft
        assert draft is not None
        if draft.asking is not None:
            counter.stage = Stage.MEAL
            return
        self.draft, counter.stage = None, Stage.SELLING
        sale = counter.sale
        if self._offer is not None:
            made = sale.make_meal(self._offer, draft.items)
        else:
            try:
                made = sale.add_meal(draft.combo, draft.items, draft.qty)
            except SaleError as error:  # the order is full
                counter.say(str(error), error=True)
                self._after()
                return
        counter.order_changed(select=sale.order.entries.index(made[0]))
        counter.say(f"{draft.qty} × {draft.combo.name}")
        if self._offer is None and self._prompts:
            counter.prompts.run(sale.prompts_for(made[0]))
        else:
            self._after()

    def _after(self) -> None:
        """A meal a prompt sold goes on with that prompt's others; a meal keyed, with the keys after it."""
        if self._offer is not None:
            self._offer = None
            self.counter.prompts.next()
        else:
            self.counter.add_keyed_ahead()
