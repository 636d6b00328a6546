"""Sign-in: who is at the counter, before the first order and at each change of cashier."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from pos.core.ids import CASHIER_RULE, valid_id


class SignInScreen(Screen[None]):
    """Asks who is at the counter, then tells the app (which opens the sale screen)."""

    class SignedIn(Message):
        def __init__(self, cashier: str) -> None:
            super().__init__()
            self.cashier = cashier

    def __init__(self, store: str, terminal: str) -> None:
        super().__init__()
        self._store = store
        self._terminal = terminal

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="sign-in-card", classes="card"):
            yield Label(f"{self._store}  ·  Terminal {self._terminal}", classes="card-title", markup=False)
            yield Static("Sign in with your cashier ID")
            yield Input(placeholder="Cashier ID, e.g. C7", id="cashier", max_length=40)
            yield Static(id="sign-in-message", classes="message error", markup=False)
        yield Footer()

    @on(Input.Submitted, "#cashier")
    def sign_in(self, event: Input.Submitted) -> None:
        cashier = event.value.strip()
        if not valid_id(cashier):
            self.query_one("#sign-in-message", Static).update(f"A cashier ID is {CASHIER_RULE}")
            event.input.clear()
            return
        self.post_message(self.SignedIn(cashier))
