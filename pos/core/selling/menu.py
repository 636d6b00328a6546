"""The immutable menu model that the loader builds and the engine reads."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol, TypeVar

RuleT = TypeVar("RuleT")
RuleT_co = TypeVar("RuleT_co", covariant=True)


def code_key(code: str) -> str:
    """Codes are case-insensitive: every lookup goes through this key."""
    return code.casefold()


@dataclass(frozen=True, slots=True)
class Size:
    name: str | None
    """None for an item with one price."""
    price: int


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    name: str
    category: str | None
    sizes: tuple[Size, ...]
    """Smallest first; the first is the default. One nameless size for one price."""

    @property
    def key(self) -> str:
        return code_key(self.code)

    @property
    def has_sizes(self) -> bool:
        return self.sizes[0].name is not None

    def size_index(self, name: str | None) -> int | None:
        if name is None:
            return 0
        folded = name.casefold()
        for index, size in enumerate(self.sizes):
            if size.name is not None and size.name.casefold() == folded:
                return index
        return None

    def offered_at(self, size: str | None, price: int | None) -> tuple[Size, int]:
        """The size an add-on rule offers (the first when it names none) and its price (the rule's, else the menu's)."""
        chosen = self.sizes[self.size_index(size) or 0]
        return chosen, chosen.price if price is None else price

    def label(self, size: str | None) -> str:
        """The name a customer hears: "Medium Fries", or "Apple Pie"."""
        return f"{size} {self.name}" if size else self.name


@dataclass(frozen=True, slots=True)
class Daypart:
    name: str
    start: int
    """Minutes after midnight, inclusive."""
    end: int
    """Minutes after midnight, exclusive; below `start` when the window wraps midnight."""

    def contains(self, minute: int) -> bool:
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end


@dataclass(frozen=True, slots=True)
class Selector:
    """Item codes and categories, as in `when` and `unless`."""

    codes: frozenset[str]
    categories: frozenset[str]

    def matches(self, item: Item | Combo) -> bool:
        return item.key in self.codes or (item.category is not None and item.category in self.categories)


@dataclass(frozen=True, slots=True)
class Window:
    """When a rule is active: dayparts and a seasonal date range, each optional."""

    dayparts: frozenset[str] | None = None
    start: date | None = None
    until: date | None = None

    def active(self, now: datetime, daypart: str | None) -> bool:
        if self.dayparts is not None and daypart not in self.dayparts:
            return False
        today = now.date()
        if self.start is not None and today < self.start:
            return False
        return self.until is None or today <= self.until

    def described(self) -> str:
        """ " (lunch, dinner; 2026-12-01 to 2026-12-31)", or "" for a rule that is always active."""
        parts = []
        if self.dayparts is not None:
            parts.append(", ".join(sorted(self.dayparts)))
        if self.start or self.until:
            parts.append(f"{self.start or '…'} to {self.until or '…'}")
        return f" ({'; '.join(parts)})" if parts else ""


@dataclass(frozen=True, slots=True)
class Slot:
    name: str
    choices: tuple[Item, ...]
    """Items that fill it, in the order the slot's `choose` lists them: the first is the default."""
    size: str | None
    """The size the combo's price includes; None: each choice's first size."""

    def size_of(self, item: Item) -> Size:
        index = item.size_index(self.size) if self.size else 0
        return item.sizes[index or 0]

    @property
    def base(self) -> int:
        """The slot's cheapest choice at its size: what the combo's price includes."""
        return min(self.size_of(item).price for item in self.choices)

    def cheapest(self) -> Item:
        return min(self.choices, key=lambda item: self.size_of(item).price)

    def fits(self, item: Item) -> bool:
        return any(choice.key == item.key for choice in self.choices)

    def served(self, item: Item, size: str | None) -> Size:
        """The size the meal serves the item at: as ordered, or the slot's when that is bigger (Small
        Fries in a meal with Medium Fries are Medium Fries)."""
        index = item.size_index(size) or 0
        slot_index = item.size_index(self.size) if self.size else None
        return item.sizes[max(index, slot_index or 0)]

    def premium(self, item: Item, size: str | None) -> int:
        """What this item, at the size the meal serves it, adds to the combo's price (never below 0)."""
        return max(0, self.served(item, size).price - self.base)


@dataclass(frozen=True, slots=True)
class Combo:
    number: int
    """1-based position among the file's [[combo]] entries, as errors name it."""
    code: str
    name: str
    price: int
    slots: tuple[Slot, ...]
    pitches: tuple[str, ...]
    window: Window

    @property
    def key(self) -> str:
        return code_key(self.code)

    @property
    def a_la_carte(self) -> int:
        """Each slot's cheapest choice at the slot's size, bought alone."""
        return sum(slot.base for slot in self.slots)

    @property
    def saving(self) -> int:
        """What a full set of the cheapest choices saves as this combo."""
        return self.a_la_carte - self.price

    @property
    def category(self) -> None:
        """A meal is in no category: rules name it by its code."""
        return None

    def label(self, size: str | None) -> str:
        """ "Large Cheeseburger Meal" for a meal made one size up, else its name."""
        return f"{size} {self.name}" if size else self.name

    def slot_for(self, item: Item) -> int | None:
        """The first slot the item fills."""
        return next((index for index, slot in enumerate(self.slots) if slot.fits(item)), None)


Offered = Item | Combo
"""What a prompt offers: an item, or a meal."""


class RuleKind(Protocol[RuleT_co]):
    """What a menu keeps rules by: a prompt kind (`pos.core.selling.prompt_kinds.kind.PromptKind`), its
    rules each what its `read_rule` makes of an entry of its table."""

    @property
    def name(self) -> str: ...

    @property
    def read_rule(self) -> Callable[..., RuleT_co | None] | None: ...


def offered_in(items: Mapping[str, Item], combos: Mapping[str, Combo], code: str) -> Offered | None:
    """An item or a meal, by its code."""
    return items.get(code_key(code)) or combos.get(code_key(code))


@dataclass(frozen=True, slots=True)
class Menu:
    source: Path
    name: str
    currency: str
    tax_rate: Decimal
    dayparts: tuple[Daypart, ...]
    max_prompts_per_order: int | None
    max_upsell_ratio: Decimal | None
    items: Mapping[str, Item]
    """By code key, in file order."""
    rules: Mapping[str, tuple[Any, ...]]
    """Each prompt kind's rules by the kind's name, in file order, each its kind's own type: read
    them through `rules_of` (a kind reads its own: `upsell.KIND.rules(menu)`)."""
    combos: Mapping[str, Combo] = field(default_factory=dict)
    """Meals (`[[combo]]`) by code key, in file order."""
    warnings: tuple[str, ...] = ()
    """What is allowed but surely not meant (a meal dearer than its items), each naming file, line, entry and field."""
    holdout: Decimal = Decimal(0)
    """The share of prompt chances held out (`[rules] holdout`): not shown, logged `held_out`."""
    holdouts: Mapping[tuple[str, int], Decimal] = field(default_factory=dict)
    """A rule's own share, by its table (`upsell`, `combo`...) and number."""
    rule_ids: Mapping[tuple[str, int], str] = field(default_factory=dict)
    """Each rule's id (`pos.core.selling.rule_ids`), by its table and number: what its prompts log as `rule`."""
    several: Mapping[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)
    """The candidates' codes (keys) of each rule with several offers, by table and number."""
    learned: Mapping[tuple[str, int], Decimal] = field(default_factory=dict)
    """The floor chance (`explore`) of each rule whose offer is learned (`choose = "learn"`), by
    table and number."""
    drill_chances: Mapping[str, float] = field(default_factory=dict)
    """`[drill] chances`: how often a drill's customer says yes to an offer, by the offered code key."""
    drill_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """`[drill] words`: the phrases drill customers say, in the menu's language (`customer_words`)."""

    def holdout_for(self, rule: tuple[str, int] | None) -> Decimal:
        """The share held out of a rule's chances: its own, else the menu's."""
        return self.holdouts.get(rule, self.holdout) if rule is not None else self.holdout

    def rules_of(self, kind: RuleKind[RuleT]) -> tuple[RuleT, ...]:
        """The kind's rules, of the type its `read_rule` made them: the loader keeps each kind's
        under its name."""
        return self.rules.get(kind.name, ())

    def names(self) -> dict[str, str]:
        """Every item's and meal's name by its code, as reports show them."""
        offered: list[Item | Combo] = [*self.items.values(), *self.combos.values()]
        return {each.code: each.name for each in offered}

    def item(self, code: str) -> Item | None:
        return self.items.get(code_key(code))

    def offered(self, code: str) -> Offered | None:
        return offered_in(self.items, self.combos, code)

    def daypart_at(self, now: datetime) -> str | None:
        minute = now.hour * 60 + now.minute
        for daypart in self.dayparts:
            if daypart.contains(minute):
                return daypart.name
        return None
