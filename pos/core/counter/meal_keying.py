"""The meal being keyed at the counter: its slots asked one key at a time, then the meal made.

A meal is keyed by its code (then its own prompts follow: make it large), or
sold by a prompt (then that prompt's others follow). Esc drops it and leaves the
order as it was. Each call returns the `Step` the counter takes
(`pos.core.counter.counter_step`).
"""

from __future__ import annotations

from dataclasses import replace

from pos.core.base.errors import SaleError
from pos.core.counter.counter_keys import Stage
from pos.core.counter.counter_step import Ask, Step, Then
from pos.core.counter.meal_entry import MealDraft
from pos.core.selling.engine import Sale
from pos.core.selling.offer import Offer


class MealKeying:
    def __init__(self) -> None:
        self.draft: MealDraft | None = None
        """The meal being keyed, while its slots are asked."""
        self._offer: Offer | None = None
        """The prompt whose yes the meal answers."""
        self._prompts = True

    def start(self, sale: Sale, draft: MealDraft, offer: Offer | None = None, prompts: bool = True) -> Step:
        self.draft, self._offer, self._prompts = draft, offer, prompts
        return self._asked(sale)

    def press(self, sale: Sale, key: str, char: str | None) -> Step:
        draft = self.draft
        assert draft is not None
        message = draft.press(key, char)
        if draft.dropped:
            self.draft = None
            said = f"{message}: the order stays as it was" if self._offer else message or ""
            return Step(stage=Stage.SELLING, entry=draft.typed, message=said, then=self._after())
        return replace(
            self._asked(sale, refused=message), entry=draft.typed
        )  # the meal decides whether that key answered

    def _asked(self, sale: Sale, refused: str | None = None) -> Step:
        """Ask the next slot (saying why the key was `refused`), or make the meal once every slot is
        filled."""
        draft = self.draft
        assert draft is not None
        if draft.asking is not None:
            return Step(stage=Stage.MEAL, message=refused, error=refused is not None)
        self.draft = None
        if self._offer is not None:
            made = sale.make_meal(self._offer, draft.items)
        else:
            try:
                made = sale.add_meal(draft.combo, draft.items, draft.qty)
            except SaleError as error:  # the order is full
                return Step(stage=Stage.SELLING, message=str(error), error=True, then=self._after())
        then = Ask(sale.prompts_for(made[0])) if self._offer is None and self._prompts else self._after()
        made_at = sale.order.entries.index(made[0])
        return Step(
            stage=Stage.SELLING, message=f"{draft.qty} × {draft.combo.name}", select=made_at, then=then
        )

    def _after(self) -> Then:
        """A meal a prompt sold goes on with that prompt's others; a meal keyed, with the keys after it."""
        if self._offer is not None:
            self._offer = None
            return Then.NEXT_PROMPT
        return Then.KEYED_AHEAD
