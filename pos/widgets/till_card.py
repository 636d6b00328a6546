"""In the prompt panel's place: the void question, the payment, or the paid order's change.

Drawn from the counter's state like the rest of the screen (no dialog takes the
keys), so the keys that answer it reach the counter in the order they were
typed; the order stays in view above it.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widget import Widget

from pos.core.base.events import OrderRecord, Tender
from pos.core.base.money import format_money
from pos.core.base.text import printable
from pos.core.counter import counter_keys as keys
from pos.core.counter.counter import Counter
from pos.core.counter.counter_keys import Stage
from pos.core.counter.meal_entry import MealDraft
from pos.core.counter.tender import max_tender
from pos.core.selling.menu import Slot


def _keys(text: Text, *pairs: tuple[str, str]) -> None:
    for key, does in pairs:
        text.append(key, style="bold reverse")
        text.append(f" {does}    ")


class TillCard(Widget):
    def __init__(self, counter: Counter, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counter = counter

    def render(self) -> Text:
        counter = self.counter
        text = Text(no_wrap=True, overflow="ellipsis")
        meal = counter.meal
        if counter.stage is Stage.MEAL and meal is not None and meal.asking is not None:
            _meal(text, meal, meal.asking, counter.currency)
        elif counter.stage is Stage.CONFIRM_VOID:
            text.append(f"VOID THE WHOLE ORDER {counter.sale.order.id}?\n", style="bold")
            text.append("Every line goes; it is logged as voided.\n")
            _keys(text, ("y", "void it"), ("n", "keep it"))
        elif counter.stage is Stage.TENDER and (counter.till.taken or counter.till.kind != "cash"):
            _split(text, counter)
        elif counter.stage is Stage.TENDER:
            _payment(text, counter.sale.order.total, counter.till.tender, counter.currency)
        elif counter.stage is Stage.RECEIPT and counter.till.receipt and counter.till.paid_at:
            _receipt(text, counter, counter.till.receipt, counter.till.paid_at)
        return text


def _meal(text: Text, meal: MealDraft, slot: Slot, currency: str) -> None:
    """The slot asked of the meal being keyed: its choices by number."""
    text.append(f"MEAL  {meal.qty} × {meal.combo.name}: ", style="bold")
    text.append(f"which {slot.name}?\n", style="bold")
    for number, item in enumerate(slot.choices[:9], start=1):
        size = slot.size_of(item).name
        premium = slot.premium(item, size)
        text.append(f"{number}", style="bold reverse")
        text.append(
            f" {item.label(size)}" + (f" +{format_money(premium, currency)}" if premium else "") + "   "
        )
    text.append("\n")
    _keys(text, ("1-9", "choose"), ("code Enter", "that item"), ("Enter", "the first"), ("Esc", "no meal"))


def _payment(text: Text, total: int, tendered: str, currency: str) -> None:
    """The total due and the amount tendered as typed."""
    text.append("PAYMENT  ", style="bold")
    text.append(f"total due {format_money(total, currency)}", style="bold")
    text.append(
        f"   largest tender accepted: {format_money(max_tender(total, currency), currency)}\n",
        style="dim",
    )
    text.append("Tendered  ")
    text.append(tendered, style="bold")
    text.append(" ", style="reverse")
    if not tendered:
        text.append(f"  Enter alone: the exact {format_money(total, currency)}", style="dim")
    text.append("\n")
    _keys(text, ("Enter", "take payment"), ("c", "card"), ("o", "other"), ("Esc", "back to the order"))


def _split(text: Text, counter: Counter) -> None:
    """A payment split: the tenders taken so far, what is still due, and the tender being typed."""
    till, currency = counter.till, counter.currency
    due = till.due(counter.sale)
    text.append("PAYMENT  ", style="bold")
    text.append(f"still due {format_money(due, currency)}", style="bold")
    text.append(f"   total {format_money(counter.sale.order.total, currency)}")
    text.append(f"   taken: {_listed(till.taken, currency) or 'nothing yet'}\n")
    text.append(f"{till.kind.title():<10}")
    text.append(till.tender, style="bold")
    text.append(" ", style="reverse")
    if not till.tender:
        exact = "the exact" if till.kind == "cash" else f"the rest by {till.kind},"
        text.append(f"  Enter alone: {exact} {format_money(due, currency)}", style="dim")
    text.append("\n")
    _keys(text, ("Enter", "take it"), ("c o", "card, other"), ("Bksp", "drop the last"), ("Esc", "back"))
    text.append(f"\nCard and other tenders: {keys.NOT_CHARGED}", style="dim")


def _listed(tenders: list[Tender], currency: str) -> str:
    return ", ".join(f"{tender.kind} {format_money(tender.amount, currency)}" for tender in tenders)


def _receipt(text: Text, counter: Counter, record: OrderRecord, paid_at: datetime) -> None:
    """The paid order: its change, what meals saved, and the receipt's offer for the next visit."""
    currency = counter.currency
    text.append(f"PAID  order {record.order} at {paid_at.strftime('%H:%M')}   ", style="bold")
    text.append(
        f"total {format_money(record.total, currency)}, tendered {format_money(record.tendered, currency)}\n"
    )
    text.append(f"CHANGE DUE {format_money(record.change, currency)}", style="bold")
    if any(tender.kind != "cash" for tender in record.paid_by):
        text.append(f"   paid by {_listed(record.paid_by, currency)}")
    saved = sum(meal.saving for meal in counter.sale.order.meals)
    if saved:
        text.append(f"   meals saved the customer {format_money(saved, currency)}")
    text.append("\n")
    printed = counter.till.printed
    if printed is not None:  # what the receipt says of the next visit
        text.append("✉ ", style="bold")
        text.append(printable(printed.pitch) + "\n", style="bold")
    _keys(text, ("Enter", "next order"), ("or key", "the next customer's first item"))
