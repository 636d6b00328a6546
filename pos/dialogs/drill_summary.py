"""The end of a drill: the score, its formula, each customer, and what to work on."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from pos.core.drill import DrillSummary
from pos.core.money import format_money
from pos.core.text import printable


class DrillSummaryScreen(ModalScreen[None]):
    BINDINGS = [Binding("enter,escape,q", "close", "Done")]

    def __init__(self, summary: DrillSummary, currency: str, saved: str) -> None:
        super().__init__()
        self.summary = summary
        self._currency = currency
        self._saved = saved

    def compose(self) -> ComposeResult:
        summary = self.summary
        table = Table(box=None, pad_edge=False)
        for label in ("Customer", "Asked", "Answers right", "Order", "Seconds", "Added"):
            table.add_column(label, justify="left" if label == "Customer" else "right")
        for result in summary.results:
            table.add_row(
                str(result.number),
                f"{result.asked} of {result.chances}",
                f"{result.answers_right} of {result.asked}",
                "right" if result.order_right else Text("wrong", style="bold"),
                f"{result.seconds:.0f}",
                format_money(result.added_revenue, self._currency),
            )
        with VerticalScroll(id="summary-card", classes="card"):
            yield Label(printable(f"DRILL DONE: {summary.name}"), classes="card-title", markup=False)
            yield Static(Text(f"Score {summary.score} / 100", style="bold"), id="score")
            yield Static(summary.formula, id="formula", markup=False)
            yield Static(table)
            yield Static("\n".join(f"• {tip}" for tip in summary.tips), id="tips", markup=False)
            yield Static(printable(self._saved), classes="keys", markup=False)
            yield Static("[b]Enter[/] done", classes="keys")

    def action_close(self) -> None:
        self.app.exit()
