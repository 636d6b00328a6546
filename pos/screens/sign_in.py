"""Sign-in: who is at the counter, before the first order and at each change of cashier.

Like the sale screen, nothing here takes focus: the app hands every key here in
order. Keys typed after the sign-in's last Enter in the same burst (a badge scanner,
then the first item) wait for the sale screen and go to it, in order, not lost.

With a crew (`pos crew`), the ID's Enter asks the PIN, shown as dots; its Enter checks
both (`pos.core.store.sign_in`) while the keys after it wait, and a refusal never says
which of the two was wrong. The PIN's question never repeats the ID: one not on the crew
may be a PIN typed in its place. A refused PIN asks the PIN again, as dots (a PIN typed
again at once must not land in the ID's field, shown). Esc at the PIN clears what is
typed, and on an empty line goes back to the ID: so a PIN retyped after Esc is dots too.
The PIN accepted goes on to the sale screen as a salted hash (`PinEcho`), so the same
digits typed again at once are dropped there, unshown.
"""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from pos.core.base.errors import PosError
from pos.core.base.ids import CASHIER_RULE, valid_id
from pos.core.base.text import is_printable_char
from pos.core.store.pin_echo import DOT, PinEcho
from pos.core.store.sign_in import PinDesk
from pos.key_router import TakesKeys
from pos.widgets.entry_line import EntryLine
from pos.widgets.message_line import MessageLine

MAX_ID = 40
"""Characters the ID field holds (an ID is at most 24: more is a slip, said when Enter is pressed)."""
MAX_PIN = 12
ASK_ID = "Sign in with your cashier ID"
ASK_PIN = "Your PIN, then Enter · Esc clears it, and on an empty line asks another ID"


class SignInScreen(TakesKeys, Screen[None]):
    """Asks who is at the counter (and, with a crew, their PIN), then tells the app (which opens the sale screen)."""

    class SignedIn(Message):
        def __init__(self, cashier: str, echo: PinEcho | None = None) -> None:
            super().__init__()
            self.cashier = cashier
            self.echo = echo
            """The PIN accepted, for the sale screen's first entry; None: no PIN was asked."""

    def __init__(
        self, store: str, terminal: str, desk: PinDesk | None = None, cashier: str | None = None
    ) -> None:
        super().__init__()
        self._store = store
        self._terminal = terminal
        self._desk = desk
        self._typed = ""
        self._pin_of = cashier if desk is not None else None
        """The ID whose PIN is asked; None while the ID is."""
        self._signed_in = False

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="sign-in-card", classes="card"):
            yield Label(f"{self._store}  ·  Terminal {self._terminal}", classes="card-title", markup=False)
            yield Static(ASK_ID, id="sign-in-ask", markup=False)
            yield EntryLine("Cashier ID, e.g. C7", id="cashier")
            yield MessageLine(id="sign-in-message", wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    @property
    def taking_keys(self) -> bool:
        return not self._signed_in  # the keys after the last Enter are the sale screen's

    async def take_key(self, key: str, character: str | None) -> bool:
        if key == "escape" and self._pin_of is not None:  # clears the PIN; on an empty line, another ID
            self._pin_of = self._pin_of if self._typed else None
            self._typed = ""
        elif not (key in ("enter", "backspace") or is_printable_char(character)):
            return False  # F1 and the like: the app's bindings
        elif self._signed_in:
            return True
        elif key == "enter" and self._pin_of is not None:
            await self._check_pin()
        elif key == "enter":
            self._take_id()
        elif key == "backspace":
            self._typed = self._typed[:-1]
        elif len(self._typed) < (MAX_ID if self._pin_of is None else MAX_PIN):
            self._typed += character or ""
        self._show()
        return True

    def _show(self) -> None:
        asking_pin = self._pin_of is not None
        self.query_one("#sign-in-ask", Static).update(ASK_PIN if asking_pin else ASK_ID)
        shown = DOT * len(self._typed) if asking_pin else self._typed
        self.query_one(EntryLine).show(shown, "PIN" if asking_pin else None)

    def _take_id(self) -> None:
        cashier, self._typed = self._typed.strip(), ""
        if not valid_id(cashier):
            self.query_one(MessageLine).show(f"A cashier ID is {CASHIER_RULE}", error=True)
        elif self._desk is None:
            self._signed_in = True
            self.post_message(self.SignedIn(cashier))
        else:
            self._pin_of = cashier
            self.query_one(MessageLine).show("")

    async def _check_pin(self) -> None:
        assert self._desk is not None and self._pin_of is not None
        cashier, pin, self._typed = self._pin_of, self._typed, ""
        if not pin:
            return
        try:  # scrypt is slow on purpose: off the screen's loop, while the keys after it wait
            result = await asyncio.to_thread(self._desk.sign_in, cashier, pin)
        except PosError as error:  # the crew file damaged, the data folder gone
            result = str(error)
        if isinstance(result, str):
            self.query_one(MessageLine).show(result, error=True)
            return
        self._signed_in = True
        echo = PinEcho()
        echo.arm(pin)
        self.post_message(self.SignedIn(result.id, echo))
