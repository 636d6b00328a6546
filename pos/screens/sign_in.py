"""Sign-in: who is at the counter, before the first order."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

if TYPE_CHECKING:
    from pos.app import PosApp

CASHIER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,24}$")


class SignInScreen(Screen[None]):
    """Asks who is at the counter, then hands over to the sale screen."""

    def __init__(self, store: str, terminal: str) -> None:
        super().__init__()
        self._store = store
        self._terminal = terminal

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="sign-in-card", classes="card"):
            yield Label(f"{self._store}  ·  Terminal {self._terminal}", classes="card-title")
            yield Static("Sign in with your cashier ID")
            yield Input(placeholder="Cashier ID, e.g. C7", id="cashier")
            yield Static(id="sign-in-message", classes="message error")
        yield Footer()

    @on(Input.Submitted, "#cashier")
    def sign_in(self, event: Input.Submitted) -> None:
        cashier = event.value.strip()
        if not CASHIER_PATTERN.match(cashier):
            self.query_one("#sign-in-message", Static).update(
                "A cashier ID is 1 to 24 letters, digits, - or _"
            )
            event.input.clear()
            return
        cast("PosApp", self.app).signed_in(cashier)
