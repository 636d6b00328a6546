"""A simulated shift's receipt codes: some customers come back with theirs, a few too late."""

from __future__ import annotations

import random
from datetime import date, timedelta

from pos.core.base.events import PromptEvent
from pos.core.codes.codes import Codes
from pos.core.codes.receipt_offer import Refused, print_offer, redeem
from pos.core.selling.engine import Sale
from pos.core.selling.prompt_kinds import after_sale

COME_BACK = 0.3
"""Of receipts with a code, those whose customer comes back with it, 1 to `valid_days` + 2 days on."""


class Returns:
    """Receipts' codes: some customers come back with theirs, a few too late (`COME_BACK`)."""

    def __init__(self, rng: random.Random, codes: Codes) -> None:
        self._rng, self._codes = rng, codes
        self._due: dict[date, list[str]] = {}

    def printed(self, sale: Sale, day: date) -> list[PromptEvent]:
        printed = print_offer(sale, self._codes)
        if printed is None:
            return []
        if self._rng.random() < COME_BACK:
            rule = after_sale.rule_for(sale.menu, sale.order.spent, sale.now())
            valid = rule.valid_days if rule else 1
            back = day + timedelta(days=self._rng.randint(1, valid + 2))
            self._due.setdefault(back, []).append(printed.code)
        return [printed.event]

    def come_back(self, sale: Sale, day: date) -> list[PromptEvent]:
        """A customer due today keys their code first (expired codes add nothing)."""
        due = self._due.get(day)
        if not due:
            return []
        result = redeem(sale, self._codes, due.pop())
        return [result] if not isinstance(result, Refused) else []
