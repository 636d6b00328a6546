"""The drill's side of the counter: the customer answers only when asked, and is scored."""

from __future__ import annotations

from pos.core.base.events import Outcome
from pos.core.counter.coach import Coach
from pos.core.selling.offer import Offer
from pos.core.selling.order import Order
from pos.core.training.drill import DrillRun, PromptTurn


class DrillCoach(Coach):
    asks = True
    may_decline_all = False
    may_sign_out = False
    holds_out = False

    def __init__(self, run: DrillRun) -> None:
        self.run = run
        self._turn: PromptTurn | None = None

    def prompt_shown(self, offer: Offer) -> str:
        self._turn = self.run.prompt_shown(offer)
        return "Say it to the customer: press Space to ask."

    def ask(self) -> str:
        if self._turn is None:
            return ""
        return f"The customer: “{self.run.ask(self._turn)}”  Record it: y or n."

    def refuses(self, outcome: Outcome) -> str:
        if outcome is not Outcome.SKIPPED and (self._turn is None or not self._turn.asked):
            return "Ask first: press Space to say the pitch, then record the answer."
        return ""

    def answered(self, offer: Offer, outcome: Outcome) -> str:
        turn, self._turn = self._turn, None
        return self.run.record(turn, outcome) if turn is not None else ""

    def order_paid(self, order: Order) -> None:
        self.run.order_finished(order)

    def receipt_printed(self, code: str, item: str, size: str | None) -> None:
        self.run.printed(code, item, size)

    def next_customer(self) -> bool:
        current = self.run.current
        finished = current is None or current.seconds > 0
        if finished and len(self.run.results) == len(self.run.customers):
            return False
        if finished:  # a voided order starts over with the same customer
            self.run.next_customer()
        return True
