"""Simulated customers for the drills: what they order, how they say it, what they answer.

A customer says their order in words drawn from the menu (sometimes naming a
size, sometimes two of an item). Whether they say yes to a prompt is either set
by a drill script (`accepts`) or drawn, seeded, from the offer's chance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from pos.core.engine import Offer
from pos.core.entry import Entry
from pos.core.menu import Item, Menu

OPENINGS = [
    "{items}, please.",
    "Can I get {items}?",
    "I'd like {items}.",
    "Hi! {items}, thanks.",
    "Let me have {items}.",
]
NUMBERS = {1: "a", 2: "two", 3: "three", 4: "four"}
NO = ["No thanks.", "I'm good, thanks.", "Just that, thanks.", "No, that's all."]


@dataclass(frozen=True)
class Customer:
    says: str
    order: tuple[Entry, ...]
    accepts: frozenset[str] | None = None
    """The names of the prompt kinds this customer says yes to; None: drawn from each kind's chance."""

    def answers_yes(self, offer: Offer, rng: random.Random) -> bool:
        if self.accepts is not None:
            return offer.kind.name in self.accepts
        return rng.random() < offer.kind.drill_yes

    def answer_words(self, offer: Offer, yes: bool, rng: random.Random) -> str:
        if not yes:
            return rng.choice(NO)
        return rng.choice(offer.kind.yes_words).format(offer=offer.item.label(offer.size).lower())


def random_customers(menu: Menu, count: int, rng: random.Random) -> list[Customer]:
    items = list(menu.items.values())
    return [_customer(menu, items, rng) for _ in range(count)]


def _customer(menu: Menu, items: list[Item], rng: random.Random) -> Customer:
    chosen = rng.sample(items, k=min(len(items), rng.choice([1, 1, 2, 2, 3])))
    order = []
    for item in chosen:
        size = rng.choice(item.sizes).name if item.has_sizes and rng.random() < 0.3 else None
        qty = 2 if rng.random() < 0.15 else 1
        order.append(Entry(item, size, qty))
    says = rng.choice(OPENINGS).format(items=spoken(order))
    return Customer(says[0].upper() + says[1:], tuple(order))


def spoken(order: list[Entry] | tuple[Entry, ...]) -> str:
    """`a Cheeseburger and two large Fries`, to go inside a sentence."""
    parts = [
        f"{NUMBERS.get(entry.qty, str(entry.qty))} {entry.size.lower() + ' ' if entry.size else ''}"
        f"{_plural(entry.item.name) if entry.qty > 1 else entry.item.name}"
        for entry in order
    ]
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def _plural(name: str) -> str:
    """Good enough for menu names: Meals, Fries, Coffees."""
    return name if name.endswith("s") else name + "s"
