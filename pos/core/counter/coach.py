"""What watches a counter besides the log: nothing in live service, the drill in training.

The counter calls these at each step of a sale; a drill (`pos.core.training.drill_coach`)
plays the customer through them and keeps the score.
"""

from __future__ import annotations

from pos.core.base.events import Outcome
from pos.core.selling.offer import Offer
from pos.core.selling.order import Order


class Coach:
    """Live service: every answer is the cashier's to record, and nothing is scored."""

    asks = False
    """Whether Space at a prompt asks the customer (a drill) rather than typing a space."""
    may_decline_all = True
    may_sign_out = True
    holds_out = True
    """Whether chances may be held out (`holdout`): never in a drill, where a trainee must always ask."""

    def prompt_shown(self, offer: Offer) -> str:
        """A prompt came up; a note to show under it."""
        return ""

    def ask(self) -> str:
        """The cashier said the pitch; a note with what the customer answered."""
        return ""

    def refuses(self, outcome: Outcome) -> str:
        """Why this answer cannot be recorded now, or "" when it can."""
        return ""

    def answered(self, offer: Offer, outcome: Outcome) -> str:
        """An answer was recorded; what the customer says next, if anything (a drill's change of mind)."""
        return ""

    def order_paid(self, order: Order) -> None:
        """The order was paid, before its receipt."""

    def receipt_printed(self, code: str, item: str, size: str | None) -> None:
        """The receipt got a code for the next visit, for `item` (and `size`)."""

    def next_customer(self) -> bool:
        """A new order starts; False when there is nobody left to serve (the end of a drill)."""
        return True
