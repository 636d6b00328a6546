"""A threshold deal's reward on an order: an item free, or a discount.

The nudge kind's rules (`[[nudge]]`) say what an order earns (`pos.core.selling.prompt_kinds.nudge.earned`),
worked out anew after every change to the order, so a reward comes the moment the
threshold is reached and goes when a voided line drops the order under it. The
threshold is judged on the subtotal before any reward.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pos.core.base.events import LineRecord
from pos.core.base.money import format_money
from pos.core.selling.menu import Item

REWARD = "reward"
"""The `source` of a reward's line in the order record."""
DISCOUNT_CODE = "DISCOUNT"
"""The `code` of a discount's line in the order record."""
BY_HAND = "manager"
"""The `source` of a discount by hand's line: one a manager approved."""
HAND_LABEL = "Discount (manager)"


def hand_discount_line(amount: int) -> LineRecord:
    """The order record's line of a discount by hand of `amount` minor units."""
    return LineRecord(
        code=DISCOUNT_CODE, name=HAND_LABEL, size=None, qty=1, unit_price=-amount, source=BY_HAND, added=0
    )


def hand_discount_given(lines: Iterable[Mapping[str, Any]]) -> int:
    """What an order record's lines (as builtins) took off by a discount by hand: its line's, which
    the order capped, not what the manager approved."""
    return sum(
        -line["unit_price"] * line["qty"]
        for line in lines
        if line["code"] == DISCOUNT_CODE and line["source"] == BY_HAND
    )


@dataclass(frozen=True)
class Reward:
    rule: int
    """The number of the `[[nudge]]` rule that gives it."""
    threshold: int
    """What the order's subtotal before rewards reaches to earn it."""
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


def lost(before: list[Reward], after: list[Reward], currency: str) -> str | None:
    """What the cashier is told when a change (meals priced at payment) takes a reward away."""
    gone = [reward for reward in before if all(reward.rule != other.rule for other in after)]
    if not gone:
        return None
    return "; ".join(
        f"{reward.label} no longer applies: the order is now under {format_money(reward.threshold, currency)}"
        for reward in gone
    )
