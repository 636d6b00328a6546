"""A yes-or-no question, answered with one key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-card", classes="card"):
            yield Label(self._question, id="question")
            yield Static("[b]y[/] yes    [b]n[/] no", classes="keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
