"""Over the order: the void question, the payment, or the receipt, whichever the counter is at.

Drawn from the counter's state like the rest of the screen, so the keys that
answer it reach the counter in the order they were typed.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widget import Widget

from pos.core.counter import Counter, Stage
from pos.core.money import format_money
from pos.core.receipt import receipt_lines
from pos.core.tender import max_tender


def _keys(*pairs: tuple[str, str]) -> Text:
    text = Text(style="dim")
    for key, does in pairs:
        text.append(key, style="bold")
        text.append(f" {does}    ")
    return text


class TillCard(Widget):
    def __init__(self, counter: Counter, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counter = counter

    def render(self) -> RenderableType:
        counter = self.counter
        title = Text(style="bold")
        if counter.stage is Stage.CONFIRM_VOID:
            title.append("VOID THE ORDER?\n")
            return Group(title, Text(f"Void the whole order {counter.sale.order.id}?\n"), _keys(("y", "void it"), ("n", "keep it")))
        if counter.stage is Stage.TENDER:
            total = counter.sale.order.total
            currency = counter.currency
            title.append("PAYMENT\n")
            due = Text("Total due  ")
            due.append(format_money(total, currency), style="bold")
            tender = Text("\nTendered   ")
            tender.append(counter.tender or "", style="bold")
            tender.append(" ", style="reverse")
            if not counter.tender:
                tender.append(f" Enter alone: exact {format_money(total, currency)}", style="dim")
            ceiling = Text(f"\n(at most {format_money(max_tender(total, currency), currency)})\n", style="dim")
            return Group(title, due, tender, ceiling, _keys(("Enter", "take payment"), ("Esc", "back to the order")))
        if counter.stage is Stage.RECEIPT and counter.receipt is not None:
            record = counter.receipt
            title.append("RECEIPT\n")
            change = Text("\nCHANGE DUE  ", style="bold")
            change.append(format_money(record["change"], counter.currency))
            return Group(
                title, Text("\n".join(receipt_lines(record, counter.currency)), no_wrap=True, overflow="ellipsis"),
                change, Text(""), _keys(("Enter", "next order"), ("any key", "starts it")),
            )
        return Text("")
