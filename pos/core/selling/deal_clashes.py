"""The meals that can take the best deal at payment past its budget, for `pos menu check`.

The best deal is settled exactly when the slots that take an item all value it
alike: the same choices at the same premiums (`pos.core.selling.meal_pools`), within a
budget of steps that only a large order on meals sharing several pools exceeds
(three meals pairing a burger, fries and a drink two by two, 99 of each; the
bundled menu's meals, 30 lines of up to 99 units). Such an order goes to the
search too; no warning is given for it, as nearly every menu can have one, and
the search settled those tried exactly (`tests/unit/test_best_deal.py`). A slot that takes an item another slot also takes, with
other choices or at another premium (a Family Box's Large Fries slot beside the
meals' Medium Fries slots), sends an order holding that item to the search
(`pos.core.selling.deal_search`): exact within its budget, and past it (a large order) the
best grouping it found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pos.core.selling.menu import Combo, Item, Slot


@dataclass
class Clash:
    combo: Combo
    others: list[Combo] = field(default_factory=list)
    """The meals whose slots value some of its items unlike its own (itself: two of its own slots)."""
    items: list[Item] = field(default_factory=list)


def clashes(combos: Sequence[Combo]) -> list[Clash]:
    """Each meal with a slot that values an item unlike a slot of an earlier meal or of its own, in
    menu order; meals that never save are left out (they are never chosen at payment)."""
    # item key -> each way slots so far value it -> the meals with such a slot, by key
    seen: dict[str, dict[tuple[object, ...], dict[str, Combo]]] = {}
    found: dict[str, tuple[Clash, set[str], set[str]]] = {}
    for combo in combos:
        if combo.saving <= 0:
            continue
        for slot in combo.slots:
            worth = _worth(slot)
            for item in slot.choices:
                ways = seen.setdefault(item.key, {})
                for other_worth, others in ways.items():
                    if other_worth == worth:
                        continue
                    clash, meals, items = found.setdefault(combo.key, (Clash(combo), set(), set()))
                    for key, other in others.items():
                        if key not in meals:
                            meals.add(key)
                            clash.others.append(other)
                    if item.key not in items:
                        items.add(item.key)
                        clash.items.append(item)
                ways.setdefault(worth, {})[combo.key] = combo
    return [clash for clash, _, _ in found.values()]


def _worth(slot: Slot) -> tuple[object, ...]:
    """What decides how a slot values its units: its choices, and its base (`Slot.premium` asks what
    a unit's price exceeds the base by)."""
    return frozenset(item.key for item in slot.choices), slot.base


def describe(clash: Clash) -> str:
    """The warning `pos menu check` gives."""
    codes = [f'"{other.code}"' for other in clash.others if other is not clash.combo]
    meals = ("meal " if len(codes) == 1 else "meals ") + _listed(codes) if codes else ""
    if any(other is clash.combo for other in clash.others):
        whose = "its other slots" + (f" and {meals}" if meals else "")
    else:
        whose = meals
    names = [item.name for item in clash.items[:3]]
    if len(clash.items) > 3:
        names.append(f"{len(clash.items) - 3} more")
    items = _listed(names)
    return (
        f"takes {items} at another worth than {whose}: at payment an order with them is grouped by a "
        "search with a budget, and a large order may get the best grouping found within it (never "
        "dearer than leaving the lines loose) rather than the proven lowest"
    )


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
