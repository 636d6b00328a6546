"""Taking payment: the amount tendered, Enter alone for the exact amount."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from pos.core.money import format_money, parse_money


class PaymentScreen(ModalScreen[int | None]):
    """Dismisses with the amount tendered in minor units, or None to go back."""

    BINDINGS = [Binding("escape", "back", "Back to the order")]

    def __init__(self, total: int, currency: str) -> None:
        super().__init__()
        self._total = total
        self._currency = currency

    def compose(self) -> ComposeResult:
        exact = format_money(self._total, self._currency)
        with Vertical(id="payment-card", classes="card"):
            yield Label("PAYMENT", classes="card-title")
            yield Static(f"Total due  [b]{exact}[/]", id="payment-total")
            yield Input(placeholder=f"Amount tendered (Enter alone: exact {exact})", id="tendered")
            yield Static(id="payment-message", classes="message")
            yield Static("[b]Enter[/] take payment    [b]Esc[/] back to the order", classes="keys")

    @on(Input.Submitted, "#tendered")
    def take(self, event: Input.Submitted) -> None:
        text = event.value.strip().lstrip(f"${'€£¥'}")
        message = self.query_one("#payment-message", Static)
        if not text:
            self.dismiss(self._total)
            return
        try:
            tendered = parse_money(text, self._currency)
        except ValueError as error:
            message.update(f"That is not an amount: {error}")
            event.input.clear()
            return
        if tendered < self._total:
            short = format_money(self._total - tendered, self._currency)
            message.update(f"{format_money(tendered, self._currency)} is {short} short of the total")
            event.input.clear()
            return
        self.dismiss(tendered)

    def action_back(self) -> None:
        self.dismiss(None)
