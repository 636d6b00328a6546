"""The end of a drill: the score, its formula, each customer, and what to work on.

The title, score and keys stay put; the rest scrolls, by the keys the card names,
so every part can be read on an 80x24 terminal however many customers came.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from pos.core.base.money import format_money
from pos.core.base.text import printable
from pos.core.training.drill import DrillSummary


class DrillSummaryScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("enter,escape,q", "close", "Done", key_display="Enter"),
        Binding("up", "scroll('up')", "Up", key_display="↑"),
        Binding("down", "scroll('down')", "Down", key_display="↓"),
        Binding("pageup", "scroll('page_up')", "Page up", key_display="PgUp"),
        Binding("pagedown,space", "scroll('page_down')", "Page down", key_display="PgDn"),
        Binding("home", "scroll('home')", "Top", key_display="Home"),
        Binding("end", "scroll('end')", "Bottom", key_display="End"),
    ]

    def __init__(self, summary: DrillSummary, currency: str, saved: str) -> None:
        super().__init__()
        self.summary = summary
        self._currency = currency
        self._saved = saved

    def compose(self) -> ComposeResult:
        summary = self.summary
        with Vertical(id="summary-card", classes="card"):
            yield Label(printable(f"DRILL DONE: {summary.name}"), classes="card-title", markup=False)
            yield Static(Text(f"Score {summary.score} / 100", style="bold"), id="score")
            with VerticalScroll(id="summary-body", can_focus=False):
                yield Static(summary.formula, id="formula", markup=False)
                yield Static(self._results(), id="results")
                yield Static("\n".join(f"• {tip}" for tip in summary.tips), id="tips", markup=False)
                yield Static(printable(self._saved), id="saved", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def _results(self) -> Table:
        table = Table(box=None, pad_edge=False)
        for label in ("Customer", "Asked", "Answers right", "Order", "Seconds", "Added"):
            table.add_column(label, justify="left" if label == "Customer" else "right")
        for result in self.summary.results:
            table.add_row(
                str(result.number),
                f"{result.asked} of {result.chances}",
                f"{result.answers_right} of {result.asked}",
                "right" if result.order_right else Text("wrong", style="bold"),
                f"{result.seconds:.0f}",
                format_money(result.added_revenue, self._currency),
            )
        return table

    def on_resize(self, event: events.Resize) -> None:
        """The body gets the rows that the card's border, title and score leave; past that it scrolls."""
        card = self.query_one("#summary-card")
        body = self.query_one("#summary-body")
        taken = card.styles.gutter.height + sum(
            child.outer_size.height + child.styles.margin.height
            for child in card.children
            if child is not body
        )
        footer = self.query_one(Footer).outer_size.height
        body.styles.max_height = max(1, event.size.height - footer - taken)

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#summary-body", VerticalScroll)
        getattr(body, f"scroll_{where}")(animate=False)

    def action_close(self) -> None:
        self.app.exit()
