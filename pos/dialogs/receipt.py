"""The receipt and the change due, until the cashier starts the next order."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from pos.core.events import OrderRecord
from pos.core.money import format_money


def receipt_text(record: OrderRecord, currency: str) -> str:
    def money(minor: int) -> str:
        return format_money(minor, currency)

    when = datetime.fromisoformat(record["ts"]).strftime("%Y-%m-%d %H:%M")
    lines = [f"{record['store']}", f"Order {record['order']}  {when}  Cashier {record['cashier']}", ""]
    for line in record["lines"]:
        name = f"{line['size']} {line['name']}" if line["size"] else line["name"]
        lines.append(f"{line['qty']:>2} {name[:28]:<28} {money(line['qty'] * line['unit_price']):>10}")
    lines += [
        "",
        f"{'Subtotal':>31} {money(record['subtotal']):>10}",
        f"{'Tax':>31} {money(record['tax']):>10}",
        f"{'Total':>31} {money(record['total']):>10}",
        f"{'Tendered':>31} {money(record['tendered']):>10}",
    ]
    return "\n".join(lines)


class ReceiptScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("enter", "next_order", "Next order"),
        Binding("escape", "next_order", "Next order", show=False),
    ]

    def __init__(self, record: OrderRecord, currency: str) -> None:
        super().__init__()
        self._record = record
        self._currency = currency

    def compose(self) -> ComposeResult:
        with Vertical(id="receipt-card", classes="card"):
            yield Label("RECEIPT", classes="card-title")
            yield Static(receipt_text(self._record, self._currency), id="receipt", markup=False)
            yield Static(f"CHANGE DUE  [b]{format_money(self._record['change'], self._currency)}[/]", id="change")
            yield Static("[b]Enter[/] next order", classes="keys")

    def action_next_order(self) -> None:
        self.dismiss()
