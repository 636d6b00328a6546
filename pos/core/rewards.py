"""Threshold deals (`[[nudge]]`): an order whose subtotal reaches a threshold gets its reward.

The reward is worked out anew after every change to the order, so it comes the
moment the threshold is reached and goes when a voided line drops the order under
it. The threshold is judged on the subtotal before any reward.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pos.core.events import LineRecord
from pos.core.menu import Item, Menu, NudgeRule
from pos.core.money import format_money

REWARD = "reward"
"""The `source` of a reward's line in the order record."""
DISCOUNT_CODE = "DISCOUNT"
"""The `code` of a discount's line in the order record."""


@dataclass(frozen=True)
class Reward:
    rule: NudgeRule
    item: Item | None
    """The item given free; None for a discount."""
    amount: int
    """What it changes the subtotal by: 0 for a free item, minus the discount."""
    label: str

    def as_record(self) -> LineRecord:
        size = self.item.sizes[0].name if self.item else None
        return LineRecord(
            code=self.item.code if self.item else DISCOUNT_CODE,
            name=self.item.name if self.item else self.label,  # "free" is the screen's word
            size=size,
            qty=1,
            unit_price=self.amount,
            source=REWARD,
            prompt=None,
            added=0,
        )


def active_rules(menu: Menu, now: datetime) -> list[NudgeRule]:
    rules: tuple[NudgeRule, ...] = menu.rules_of("nudge")  # type: ignore[assignment]
    if not rules:  # settled after every change to an order: nothing to work out on most menus
        return []
    daypart = menu.daypart_at(now)
    return [rule for rule in rules if rule.window.active(now, daypart)]


def earned(menu: Menu, subtotal: int, now: datetime) -> list[Reward]:
    """The rewards of every active rule whose threshold `subtotal` reaches. Discounts together never
    take the order below zero: one that would says on its line how much of it is given."""
    rewards = []
    left = subtotal
    for rule in active_rules(menu, now):
        if subtotal >= rule.threshold:
            reward = _reward_of(menu, rule, left)
            left += reward.amount
            rewards.append(reward)
    return rewards


def _reward_of(menu: Menu, rule: NudgeRule, most: int) -> Reward:
    if rule.reward is not None:
        item = menu.items[rule.reward]
        return Reward(rule, item, 0, f"{item.label(item.sizes[0].name)} free")
    discount = rule.discount or 0
    given = min(discount, most)
    label = f"{format_money(given, menu.currency)} off"
    if given < discount:
        label += f" (of {format_money(discount, menu.currency)}: an order never goes below zero)"
    return Reward(rule, None, -given, label)


def reward_words(menu: Menu, rule: NudgeRule) -> str:
    """`{reward}` in a pitch: "Apple Pie", or "$1.00 off"."""
    if rule.reward is not None:
        item = menu.items[rule.reward]
        return item.label(item.sizes[0].name)
    return f"{format_money(rule.discount or 0, menu.currency)} off"


def lost(before: list[Reward], after: list[Reward], currency: str) -> str | None:
    """What the cashier is told when a change (meals priced at payment) takes a reward away."""
    gone = [reward for reward in before if all(reward.rule != other.rule for other in after)]
    if not gone:
        return None
    return "; ".join(
        f"{reward.label} no longer applies: the order is now under {format_money(reward.rule.threshold, currency)}"
        for reward in gone
    )
