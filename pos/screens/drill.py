"""A drill on the cashier's own screen: the app plays the customer.

At a prompt the trainee presses Space to ask (to say the pitch); only then does
the customer answer in words, and the trainee records it with y or n as in live
service (`pos.core.training.drill_coach`). Escape skips the prompt: a missed chance.
Everything is logged with mode `training`, which live reports leave out.
"""

from __future__ import annotations

from textual.app import ComposeResult

from pos.core.base.errors import PosError
from pos.core.counter.counter import Counter
from pos.core.log.log_writer import LogWriter
from pos.core.training.drill import DrillRun
from pos.core.training.scores import ScoreBook
from pos.dialogs.drill_summary import DrillSummaryScreen
from pos.screens.sale import SaleScreen
from pos.widgets.customer_panel import CustomerPanel


class DrillScreen(SaleScreen):
    def __init__(self, counter: Counter, writer: LogWriter, placeholder: str, run: DrillRun) -> None:
        super().__init__(counter, writer, placeholder)
        self.run = run

    HIDDEN_KEYS = frozenset({"f2", "f3", "f7"})
    """Not in a drill: a trainee asks every prompt and serves to the last customer, with no manager
    to approve (F3 says so if pressed)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        hidden = action == "key" and parameters and parameters[0] in self.HIDDEN_KEYS
        return not hidden and super().check_action(action, parameters)

    def compose_top(self) -> ComposeResult:
        yield CustomerPanel(self.run, id="customer")

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(1, self.query_one(CustomerPanel).refresh)

    def draw(self) -> None:
        super().draw()
        self.query_one(CustomerPanel).refresh()

    def finished(self) -> None:
        summary = self.run.summary()
        shop = self.counter.shop
        data_dir = self.writer.log.data_dir
        book = ScoreBook(data_dir)
        try:
            book.add(summary.record(shop.station.cashier, shop.clock.now().isoformat(timespec="seconds")))
        except PosError as error:
            saved = f"NOT SAVED: {error}"
        else:
            saved = " ".join(
                [
                    *book.notices,
                    f"Saved in the data folder's {book.path.relative_to(data_dir)}: see pos drill --scores",
                ]
            )
        self.app.push_screen(DrillSummaryScreen(summary, shop.menu.currency, saved))
