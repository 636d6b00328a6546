"""A drill on the cashier's own screen: the app plays the customer.

At a prompt the trainee presses Space to ask (to say the pitch); only then does
the customer answer in words, and the trainee records it with y or n as in live
service. Escape skips the prompt: a missed chance. Everything is logged with
mode `training`, which live reports leave out.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from pos.core.drill import DrillRun, PromptTurn
from pos.core.engine import Offer
from pos.core.events import Outcome
from pos.core.scores import ScoreBook
from pos.dialogs.drill_summary import DrillSummaryScreen
from pos.screens.sale import SaleScreen
from pos.widgets.customer_panel import CustomerPanel
from pos.widgets.prompt_card import PromptCard


class DrillScreen(SaleScreen):
    BINDINGS = [Binding("space", "ask", "Ask", show=False, priority=True)]
    ANSWER_KEYS = frozenset({"y", "n", "space"})

    def __init__(self, cashier: str, run: DrillRun) -> None:
        super().__init__(cashier)
        self.run = run
        self._turn: PromptTurn | None = None

    def compose_top(self) -> ComposeResult:
        yield CustomerPanel(self.run, id="customer")

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(1, self.query_one(CustomerPanel).refresh)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ask":
            return self.prompting
        return super().check_action(action, parameters)

    def new_sale(self) -> None:
        current = self.run.current
        finished = current is None or current.seconds > 0
        if finished and len(self.run.results) == len(self.run.customers):
            self._finish()
            return
        super().new_sale()
        if finished:  # a voided order starts over with the same customer
            self.run.next_customer()
        self.query_one(CustomerPanel).refresh()

    def prompt_shown(self, offer: Offer) -> None:
        self._turn = self.run.prompt_shown(offer)
        self.query_one(PromptCard).note("Say it to the customer: press Space to ask.")

    def action_ask(self) -> None:
        if self._turn is not None:
            words = self.run.ask(self._turn)
            self.query_one(PromptCard).note(f"The customer: “{words}”  Record it: y or n.")

    def may_answer(self, outcome: Outcome) -> bool:
        if outcome is not Outcome.SKIPPED and (self._turn is None or not self._turn.asked):
            self.say("Ask first: press Space to say the pitch, then record the answer.", error=True)
            return False
        return True

    def answered(self, offer: Offer, outcome: Outcome) -> None:
        if self._turn is not None:
            self.run.record(self._turn, outcome)
            self._turn = None

    def order_paid(self) -> None:
        assert self.sale is not None
        self.run.order_finished(self.sale.order)
        self.query_one(CustomerPanel).refresh()

    def _finish(self) -> None:
        summary = self.run.summary()
        now = self.pos.clock.now().isoformat(timespec="seconds")
        data_dir = self.pos.writer.log.data_dir
        book = ScoreBook(data_dir)
        book.add(summary.record(self.cashier, now))
        saved = f"Saved in the data folder's {book.path.relative_to(data_dir)}: see pos drill --scores"
        self.app.push_screen(DrillSummaryScreen(summary, self.pos.menu.currency, saved))
