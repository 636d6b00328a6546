"""Sign-in: who is at the counter, before the first order and at each change of cashier.

Like the sale screen, nothing here takes focus: the app hands every key here in
order. Keys typed after the ID's Enter in the same burst (a badge scanner, then
the first item) wait for the sale screen and go to it, in order, not lost.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from pos.core.base.ids import CASHIER_RULE, valid_id
from pos.core.base.text import is_printable_char
from pos.key_router import TakesKeys
from pos.widgets.entry_line import EntryLine
from pos.widgets.message_line import MessageLine

MAX_ID = 40
"""Characters the ID field holds (an ID is at most 24: more is a slip, said when Enter is pressed)."""


class SignInScreen(TakesKeys, Screen[None]):
    """Asks who is at the counter, then tells the app (which opens the sale screen)."""

    class SignedIn(Message):
        def __init__(self, cashier: str) -> None:
            super().__init__()
            self.cashier = cashier

    def __init__(self, store: str, terminal: str) -> None:
        super().__init__()
        self._store = store
        self._terminal = terminal
        self._typed = ""
        self._signed_in = False

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="sign-in-card", classes="card"):
            yield Label(f"{self._store}  ·  Terminal {self._terminal}", classes="card-title", markup=False)
            yield Static("Sign in with your cashier ID")
            yield EntryLine("Cashier ID, e.g. C7", id="cashier")
            yield MessageLine(id="sign-in-message")
        yield Footer()

    @property
    def taking_keys(self) -> bool:
        return not self._signed_in  # the keys after the ID's Enter are the sale screen's

    async def take_key(self, key: str, character: str | None) -> bool:
        if not (key in ("enter", "backspace") or is_printable_char(character)):
            return False  # F1 and the like: the app's bindings
        if self._signed_in:
            return True
        if key == "enter":
            self._sign_in()
        elif key == "backspace":
            self._typed = self._typed[:-1]
        elif len(self._typed) < MAX_ID:
            self._typed += character or ""
        self.query_one(EntryLine).show(self._typed)
        return True

    def _sign_in(self) -> None:
        cashier, self._typed = self._typed.strip(), ""
        if not valid_id(cashier):
            self.query_one(MessageLine).show(f"A cashier ID is {CASHIER_RULE}", error=True)
            return
        self._signed_in = True
        self.post_message(self.SignedIn(cashier))
