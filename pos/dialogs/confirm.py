"""A yes-or-no question, answered with one key."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from pos.key_router import TakesKeys

ANSWERS = {"y": True, "n": False, "escape": False}


class ConfirmScreen(TakesKeys, ModalScreen[None]):
    def __init__(self, question: str, answered: Callable[[bool], None]) -> None:
        super().__init__()
        self._question = question
        self._answered = answered

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-card", classes="card"):
            yield Label(self._question, id="question")
            yield Static("[b]y[/] yes    [b]n[/] no", classes="keys")

    async def take_key(self, key: str, character: str | None) -> bool:
        if key in ANSWERS:
            self.dismiss()
            # At once, not on the app's next turn: a key after the answer sees what it did.
            self._answered(ANSWERS[key])
        return True  # any other key: the question stays, as it does when typed slowly
