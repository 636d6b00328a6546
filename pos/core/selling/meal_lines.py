"""Meals on an order: grouped from loose lines at payment, keyed, or made after a yes to a meal.

Plain changes to an `Order`; the engine's `Sale` calls them and settles what
follows (its change count, the rewards).
"""

from __future__ import annotations

from dataclasses import replace

from pos.core.selling.best_deal import Loose, best_grouping
from pos.core.selling.menu import Combo, Item, Slot
from pos.core.selling.order import ENTERED, MealLine, Order, OrderLine
from pos.core.selling.prompt_kinds.kind import Proposal


def regroup(order: Order, combos: list[Combo]) -> list[MealLine]:
    """The meals made before at payment go back to loose lines; then the loose lines are grouped
    into the `combos` that make the total lowest (`pos.core.selling.best_deal`)."""
    for meal in [meal for meal in order.meals if meal.grouped]:
        ungroup(order, meal)
    if not combos or not order.lines:
        return []
    lines = list(order.lines)
    grouped = best_grouping(
        [Loose(line.item, line.size, line.qty, line.unit_price) for line in lines], combos
    )
    made = []
    for group in grouped:
        units = [_take_unit(order, lines[index]) for index in group.lines]
        components = [_as_served(slot, unit) for slot, unit in zip(group.combo.slots, units, strict=True)]
        place = min(line.place for line in units)
        made.append(MealLine(group.combo, components, group.price, grouped=True, place=place, loose=units))
    order.meals += made
    return made


def ungroup(order: Order, meal: MealLine) -> None:
    """A meal grouped at payment back to its loose lines, as keyed."""
    order.meals.remove(meal)
    order.lines += meal.loose


def keyed(order: Order, combo: Combo, items: list[Item], qty: int, keyed_with: int) -> list[MealLine]:
    """`qty` meals of `combo`, an item for each slot: the slot's size, its premium added."""
    meals = []
    for _ in range(qty):
        components = [_component(slot, item, ENTERED) for slot, item in zip(combo.slots, items, strict=True)]
        price = combo.price + sum(
            slot.premium(line.item, line.size) for slot, line in zip(combo.slots, components, strict=True)
        )
        meals.append(MealLine(combo, components, price, keyed_with=keyed_with))
    order.meals += meals
    return meals


def sold(order: Order, offer: Proposal, seq: int | None, items: list[Item]) -> list[MealLine]:
    """After a yes to a meal (`offer.item` a combo): the lines the offer named fill their slots,
    `items` (one per slot) the others. An upsell makes a meal of each unit of its line; the meal
    prompt makes one. The meal carries the prompt (`seq`) and what it added; with `seq` None, the
    customer asked for it unprompted, and it is theirs as keyed."""
    combo = offer.item
    assert isinstance(combo, Combo) and len(items) == len(combo.slots)
    count = offer.line.qty if offer.kind.upgrades_line and offer.line is not None else 1
    source = offer.kind.name if seq is not None else ENTERED
    meals = []
    for _ in range(count):
        components = [
            _as_served(slot, _take_unit(order, fill)) if fill is not None else _component(slot, item, source)
            for slot, item, fill in zip(combo.slots, items, offer.fills, strict=True)
        ]
        had = sum(fill.unit_price for fill in offer.fills if fill is not None)
        premiums = sum(
            slot.premium(item, line.size)
            for slot, item, line, fill in zip(combo.slots, items, components, offer.fills, strict=True)
            if fill is None
        )
        price = had + offer.unit_delta + premiums
        place = min(line.place for line in components)
        meals.append(
            MealLine(
                combo,
                components,
                price,
                source=source,
                prompt=seq,
                prompt_added=price - had if seq is not None else 0,
                place=place,
            )
        )
    order.meals += meals
    return meals


def _component(slot: Slot, item: Item, source: str) -> OrderLine:
    size = slot.size_of(item)
    return OrderLine(item, size.name, 1, size.price, source, entered=item, size_chosen=True)


def _as_served(slot: Slot, unit: OrderLine) -> OrderLine:
    """The unit as the meal serves it (`Slot.served`), priced at that size's menu price."""
    size = slot.served(unit.item, unit.size)
    if size.name == unit.size:
        return unit
    return replace(unit, size=size.name, unit_price=size.price)


def _take_unit(order: Order, line: OrderLine) -> OrderLine:
    """One unit of the line, for a meal: the line itself when it is the last."""
    if line.qty == 1:
        order.lines.remove(line)
        return line
    line.qty -= 1
    return replace(line, qty=1)
