"""F1: the keys, and how to key an item, on one 80x24 screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

KEYS = [
    ("20 Enter", "add item 20 at its default size"),
    ("3*20 Enter", "three of item 20"),
    ("20 large, 20 l", "the size the customer asked for: no size upsell"),
    ("apple pie, Ctrl+P", "find an item by name"),
    ("y  n  Esc", "at a prompt: said yes / said no / you did not ask"),
    ("↑ ↓  F8", "select a line, void it (the last unless you moved)"),
    ("F9", "void the whole order"),
    ("F10", "payment: last offer, amount (Enter alone: exact)"),
    ("F5", "reports: who asks, what sells, which wording works"),
    ("F1", "this help"),
    ("Ctrl+Q", "quit (asks first when an order is open)"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _ in KEYS) + 2
        table = "\n".join(f"[b]{key:<{width}}[/]{does}" for key, does in KEYS)
        with Vertical(id="help-card", classes="card"):
            yield Label("KEYS", classes="card-title")
            yield Static(table)
            yield Static(
                "At each prompt, say the sentence shown, then record what the customer "
                "answered: it is what the reports count.",
                classes="keys",
            )
            yield Static("[b]Esc[/] close", classes="keys")

    def action_close(self) -> None:
        self.dismiss()
