"""The keys a perfect trainee presses: each item as the customer said it, each answer as given."""

from __future__ import annotations

from collections.abc import Iterator

from pos.core.counter.entry import Entry
from pos.core.counter.meal_entry import MealOrder
from pos.core.selling.menu import Combo, Item, Slot
from pos.core.training.drill import CustomerResult, PromptTurn


def order_keys(entry: Entry | MealOrder) -> list[str]:
    """An item with its quantity and size; a meal, then its choices one key each."""
    if isinstance(entry, MealOrder):
        keys = [*f"{entry.qty}*{entry.combo.code}", "enter"]
        for slot, item in zip(entry.combo.slots, entry.items, strict=True):
            keys += _choice(slot, item)
        return keys
    return [*(f"{entry.qty}*{entry.item.code}" + (f" {entry.size}" if entry.size else "")), "enter"]


def answer_keys(turn: PromptTurn) -> list[str]:
    """y or n as the customer said; after a yes to a meal, what they picked for the slots asked."""
    if not turn.customer_yes:
        return ["n"]
    keys = ["y"]
    combo = turn.offer.item
    if turn.offer.makes_meal and isinstance(combo, Combo) and turn.picks is not None:
        missing = [slot for slot, fill in zip(combo.slots, turn.offer.fills, strict=True) if fill is None]
        for slot, item in zip(missing, turn.picks.items, strict=True):
            keys += _choice(slot, item)
    return keys


def to_key(customer: CustomerResult) -> Iterator[Entry | MealOrder]:
    """The customer's order as said, as the trainee reaches each entry: less what went into a meal
    meanwhile (a lemonade the customer had for a meal's drink)."""
    for index, entry in enumerate(customer.customer.order):
        if index not in customer.in_meals:
            yield entry


def _choice(slot: Slot, item: Item) -> list[str]:
    """Its number in the list shown (one key); nothing for a slot with one choice."""
    return [] if len(slot.choices) == 1 else [str(slot.choices.index(item) + 1)]
