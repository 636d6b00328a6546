"""An order in progress: its lines and its totals, in integer minor units."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pos.core.events import LineRecord
from pos.core.menu import Combo, Item
from pos.core.money import round_half_up

MAX_QTY = 99
"""Of one line: a bigger order is keyed as more lines."""
ENTERED = "entered"
"""The source of a line keyed in; a line a prompt added or changed has that prompt kind's name."""


@dataclass(eq=False)
class OrderLine:
    item: Item
    size: str | None
    qty: int
    unit_price: int
    source: str
    entered: Item
    """The item as keyed in, before any upsell replaced it: the prompts' trigger."""
    size_chosen: bool = False
    """The customer named the size, so no size upsell is offered for this line."""
    prompt: int | None = None
    """The `seq` of the prompt whose yes added or changed this line."""
    upgrade_delta: int | None = None
    """What that prompt added per unit when it changed the line; None when it added the whole line."""

    @property
    def total(self) -> int:
        return self.unit_price * self.qty

    def as_record(self) -> LineRecord:
        return {
            "code": self.item.code,
            "name": self.item.name,
            "size": self.size,
            "qty": self.qty,
            "unit_price": self.unit_price,
            "source": self.source,
            "prompt": self.prompt,
            "added": self.added,
        }

    @property
    def added(self) -> int:
        """What the prompt added to this line as it stands: the whole add-on, or the upgrade per unit."""
        if self.prompt is None:
            return 0
        return self.total if self.upgrade_delta is None else self.upgrade_delta * self.qty

    def choose_size(self, size: str | None, unit_price: int) -> None:
        """The size the customer asked for: an upgrade a prompt made no longer stands."""
        self.size, self.unit_price, self.size_chosen = size, unit_price, True
        if self.upgrade_delta is not None:
            self.prompt = self.upgrade_delta = None


@dataclass(eq=False)
class MealLine:
    """Order lines priced together as a combo: one unit of each, in the combo's slot order."""

    combo: Combo
    components: list[OrderLine]
    price: int
    """The combo's price and its slots' premiums."""
    grouped: bool = False
    """Made from loose lines at payment (`Sale.best_deal`), not keyed as a meal."""

    @property
    def total(self) -> int:
        return self.price

    @property
    def saving(self) -> int:
        return sum(line.total for line in self.components) - self.price

    def as_record(self) -> LineRecord:
        """The meal as one line, its components under it. A component a prompt added keeps what it
        added less the meal's saving: without it there would be no meal, so that is what it brought."""
        components = [line.as_record() for line in self.components]
        left = self.saving
        for component in components:
            taken = min(left, component["added"])
            component["added"] -= taken
            left -= taken
        return {
            "code": self.combo.code,
            "name": self.combo.name,
            "size": None,
            "qty": 1,
            "unit_price": self.price,
            "source": ENTERED,
            "prompt": None,
            "added": 0,
            "components": components,
        }


@dataclass(eq=False)
class Order:
    id: str
    tax_rate: Decimal
    lines: list[OrderLine] = field(default_factory=list)
    voided: list[OrderLine | MealLine] = field(default_factory=list)
    """Lines (and meals) removed before payment, kept for the record."""
    meals: list[MealLine] = field(default_factory=list)
    """Loose lines grouped into combos at payment (`Sale.best_deal`)."""

    @property
    def entries(self) -> list[OrderLine | MealLine]:
        """What the order panel lists and the cashier selects: the loose lines, then the meals."""
        return [*self.lines, *self.meals]

    @property
    def subtotal(self) -> int:
        return sum(line.total for line in self.lines) + sum(meal.total for meal in self.meals)

    @property
    def tax(self) -> int:
        return round_half_up(self.subtotal * self.tax_rate)

    @property
    def total(self) -> int:
        return self.subtotal + self.tax

    def every_line(self) -> list[OrderLine]:
        """The loose lines and every meal's components."""
        return [*self.lines, *(line for meal in self.meals for line in meal.components)]

    def has_item(self, key: str) -> bool:
        return any(line.item.key == key for line in self.every_line())
