"""What a simulated customer answers (`pos.core.training.simulate`): each offer's chance of a yes when
asked, how often one not asked takes it anyway, and the lift the model expects of each rule.

Without tastes, each rule's offers and each pitch variant have a chance of their own, drawn once per
seed (two rules that offer one item are two truths, and a category rule's items each have their
own). With tastes (`pos.core.training.tastes`), an offer of an item they name takes its chance from
the daypart the sale is in, and an offer of another item of a category the order already holds is
taken less (`holding`): the true chance of each candidate in each context is the file's.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

from pos.core.selling.engine import Sale
from pos.core.selling.offer import Offer
from pos.core.training.tastes import Tastes

UNPROMPTED = 0.4
"""A customer not asked takes an offer anyway at this share of the rate when asked (held-out chances),
whatever its kind: an add-on, a bigger size, another item, a meal, a meal one size up. The
simulated lift of an offer is its yes rate when asked, times the ask rate, less this."""


class Answers:
    def __init__(
        self, rng: random.Random, rule_of: Callable[[Offer], str], tastes: Tastes | None = None
    ) -> None:
        self._rng = rng
        self._rule_of = rule_of
        self._tastes = tastes
        self._chance: dict[tuple[str, str, str | None, int], float] = {}

    def chance(self, offer: Offer, sale: Sale) -> float:
        """The chance of a yes when asked, in the sale as it stands."""
        tastes = self._tastes
        if tastes is None:
            return self._drawn(offer)
        named = tastes.chance(sale.menu.daypart_at(sale.now()), offer.item.key)
        chance = self._drawn(offer) if named is None else named
        return chance * tastes.holding if holds(sale, offer) else chance

    def unprompted(self, offer: Offer, sale: Sale) -> float:
        """How often a customer not asked takes the offer anyway: a share of the yes when asked."""
        return self.chance(replace(offer, variant=0), sale) * UNPROMPTED

    def _drawn(self, offer: Offer) -> float:
        key = (self._rule_of(offer), offer.item.key, offer.size, offer.variant)
        chance = self._chance.get(key)
        if chance is None:
            chance = min(0.9, offer.kind.simulated_yes * self._rng.uniform(0.6, 1.4))
            self._chance[key] = chance
        return chance


def holds(sale: Sale, offer: Offer) -> bool:
    """The offer adds another item of a category the order already holds (a drink to an order with a
    drink): not an upgrade of a line, nor a meal."""
    category = offer.item.category
    if category is None or offer.kind.upgrades_line or offer.makes_meal:
        return False
    return any(item.category == category for item in sale.order.items())


class Truth:
    """The model's lift of each rule, over the chances of paid orders (`ShiftTotals.expected_lift`)."""

    def __init__(self, answers: Answers, rule_of: Callable[[Offer], str]) -> None:
        self._answers = answers
        self._rule_of = rule_of
        self._order: list[tuple[str, float]] = []
        self._sums: dict[str, list[float]] = {}

    def chance(self, offer: Offer, ask_rate: float, sale: Sale) -> None:
        """A chance of the offer, in a sale whose cashier asks at `ask_rate`."""
        lift = ask_rate * self._answers.chance(offer, sale) - self._answers.unprompted(offer, sale)
        self._order.append((self._rule_of(offer), lift))

    def order_ended(self, paid: bool) -> None:
        for key, lift in self._order if paid else []:
            total = self._sums.setdefault(key, [0.0, 0.0])
            total[0] += lift
            total[1] += 1
        self._order = []

    def lifts(self) -> dict[str, float]:
        return {key: total / count for key, (total, count) in self._sums.items()}
