"""Simulated customers for the drills: what they order, how they say it, what they answer.

A customer says their order with the menu's names (sometimes naming a size,
sometimes two of an item) in the phrases of `pos.core.selling.customer_words`: English,
or the menu's or drill file's own. Whether they say yes to a prompt is either
set by a drill script (`accepts`) or drawn, seeded, from the offer's chance.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pos.core.counter.entry import Entry
from pos.core.counter.meal_entry import MealOrder
from pos.core.selling.customer_words import ENGLISH, Words
from pos.core.selling.menu import Combo, Item, Menu
from pos.core.selling.offer import Offer


@dataclass(frozen=True)
class Customer:
    says: str
    order: tuple[Entry | MealOrder, ...]
    accepts: frozenset[str] | None = None
    """The names of the prompt kinds this customer says yes to; None: drawn from each kind's chance."""
    picks: tuple[Item, ...] = ()
    """What this customer picks for a meal a prompt sells them, where a slot offers it; else the first choice."""
    changes_mind: bool = False
    """Says no to their first upsell or cross-sell, then wants it after all (the trainee brings it back, F6)."""
    returns: bool = False
    """Comes back with a code an earlier customer of the drill got on their receipt."""
    chances: Mapping[str, float] = field(default_factory=dict)
    """Without `accepts`: the chance of a yes to an offer of each item code (`[drill] chances`
    of the script, else of the menu), else the kind's."""
    words: Words = ENGLISH
    """The phrases they say around the menu's names (`[drill] words` of the script and the menu)."""

    def answers_yes(self, offer: Offer, rng: random.Random) -> bool:
        if self.has(offer):
            return False  # one of it is in their order already: they do not want a second
        if self.accepts is not None:
            return offer.kind.name in self.accepts
        return rng.random() < self.chances.get(offer.item.key, offer.kind.drill_yes)

    def has(self, offer: Offer) -> bool:
        """Whether the offer would add an item this customer ordered (a cross-sell of the fries
        they are about to ask for): not an upgrade of their line, nor a meal."""
        adds_a_line = not offer.kind.upgrades_line and not offer.makes_meal
        return adds_a_line and any(item.key == offer.item.key for item in self.ordered())

    def ordered(self) -> list[Item]:
        """Every item of their order, those of their meals too."""
        return [item for entry in self.order for item in _items_of(entry)]

    def meal_picks(self, offer: Offer, rng: random.Random, pending: Sequence[int] = ()) -> MealPicks:
        """For a yes to a meal: an item for each slot the order does not fill yet. A slot takes the
        first that fits of: what the script `picks`; an entry of their order still to be keyed
        (`pending`, by index), which goes into the meal whole, once per meal; an item they ordered;
        else the slot's first choice (a script) or any (drawn)."""
        combo = offer.item
        assert isinstance(combo, Combo)
        meals = offer.line.qty if offer.kind.upgrades_line and offer.line is not None else 1
        picks: list[Item] = []
        moved: list[int | None] = []
        for slot, fill in zip(combo.slots, offer.fills, strict=True):
            if fill is not None:
                continue
            scripted = [item for item in self.picks if slot.fits(item)]
            movable = [
                index
                for index in pending
                if index not in moved
                and isinstance(entry := self.order[index], Entry)
                and entry.qty == meals
                and slot.fits(entry.item)
            ]
            index = movable[0] if movable and not scripted else None
            moved.append(index)
            mine = scripted + [item for item in self.ordered() if slot.fits(item)]
            if index is not None:
                picks.append(_items_of(self.order[index])[0])
            elif mine:
                picks.append(mine[0])
            else:
                picks.append(slot.choices[0] if self.accepts is not None else rng.choice(slot.choices))
        return MealPicks(tuple(picks), tuple(moved))

    def answer_words(
        self, offer: Offer, yes: bool, rng: random.Random, picks: MealPicks | None = None
    ) -> str:
        words = self.words
        if not yes:
            return words.declining(rng)
        taking = words.taking(offer.item.label(offer.size), offer.kind.yes_words, rng)
        if picks is None or not picks.items:
            return taking
        said = [
            item.name if index is None else words.my(item.name)
            for item, index in zip(picks.items, picks.moved, strict=True)
        ]
        choices = words.with_items(said)
        return f"{taking} {choices[:1].upper()}{choices[1:]}."


@dataclass(frozen=True)
class MealPicks:
    """What a customer who takes a meal picks for the slots it asks, in slot order."""

    items: tuple[Item, ...]
    moved: tuple[int | None, ...]
    """For each: the index of the entry of their order that went into the meal as it (not keyed on
    its own now), or None."""


def _items_of(entry: Entry | MealOrder) -> tuple[Item, ...]:
    return entry.items if isinstance(entry, MealOrder) else (entry.item,)


MEALS = 0.25
"""Of random customers, those who order a meal first (when the menu has meals)."""


def random_customers(menu: Menu, count: int, rng: random.Random) -> list[Customer]:
    items = list(menu.items.values())
    return [_customer(menu, items, rng) for _ in range(count)]


def _customer(menu: Menu, items: list[Item], rng: random.Random) -> Customer:
    chosen = rng.sample(items, k=min(len(items), rng.choice([1, 1, 2, 2, 3])))
    order: list[Entry | MealOrder] = []
    if menu.combos and rng.random() < MEALS:
        combo = rng.choice(list(menu.combos.values()))
        order.append(MealOrder(combo, tuple(rng.choice(slot.choices) for slot in combo.slots)))
        chosen = chosen[:1]
    for item in chosen:
        size = rng.choice(item.sizes).name if item.has_sizes and rng.random() < 0.3 else None
        qty = 2 if rng.random() < 0.15 else 1
        order.append(Entry(item, size, qty))
    words = ENGLISH.given(menu.drill_words)
    says = words.ordering(spoken(order, words), rng)
    return Customer(says, tuple(order), chances=menu.drill_chances, words=words)


def spoken(order: Sequence[Entry | MealOrder], words: Words = ENGLISH) -> list[str]:
    """Each entry as said in an order (`Cheeseburger`), a meal with its choices."""
    parts = []
    for entry in order:
        if isinstance(entry, MealOrder):
            chosen = [
                item.name
                for slot, item in zip(entry.combo.slots, entry.items, strict=True)
                if len(slot.choices) > 1
            ]
            meal = words.item(entry.combo.name, entry.qty)
            parts.append(f"{meal} {words.with_items(chosen)}" if chosen else meal)
        else:
            parts.append(words.item(entry.item.label(entry.size), entry.qty))
    return parts
