"""An order in progress: its lines and its totals, in integer minor units."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import count

from pos.core.base.events import LineRecord
from pos.core.base.money import round_half_up
from pos.core.selling.menu import Combo, Item, Size
from pos.core.selling.rewards import Reward, hand_discount_line

MAX_QTY = 99
"""Of one line: a bigger order is keyed as more lines."""
MAX_LINES = 200
"""Lines and meals keyed in one order: a pasted flood is refused, not kept and rewritten line by line."""
ENTERED = "entered"
"""The source of a line keyed in; a line a prompt added or changed has that prompt kind's name."""
_places = count(1)
"""Where each line or meal stands on the order panel: in the order they were keyed or added."""


def next_place() -> int:
    return next(_places)


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
    offer_units: int = 1
    """The units that prompt's yes was for: a price of the offer's holds for no more (`Sale.change_qty`)."""
    place: int = field(default_factory=next_place)

    @property
    def total(self) -> int:
        return self.unit_price * self.qty

    def as_record(self) -> LineRecord:
        return LineRecord(
            code=self.item.code,
            name=self.item.name,
            size=self.size,
            qty=self.qty,
            unit_price=self.unit_price,
            source=self.source,
            prompt=self.prompt,
            added=self.added,
        )

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
    """The combo's price and its slots' premiums (or, made by a prompt, what the prompt priced)."""
    grouped: bool = False
    """Made from loose lines at payment (`Sale.best_deal`), not keyed as a meal."""
    size: str | None = None
    """"Large" once a prompt made the whole meal one size up."""
    source: str = ENTERED
    """`entered`, or the kind of the prompt whose yes made it or sized it up."""
    prompt: int | None = None
    """The `seq` of that prompt."""
    prompt_added: int = 0
    """What that prompt added to this meal."""
    keyed_with: int = 0
    """Meals keyed in one entry (`2*M1`) share it: a prompt for them is for all of them."""
    place: int = field(default_factory=next_place)
    """A meal made from lines stands where the first of them stood."""
    loose: list[OrderLine] = field(default_factory=list)
    """Grouped at payment: the loose lines' units as keyed, back on the order if it is grouped anew."""

    qty = 1

    @property
    def item(self) -> Combo:
        return self.combo

    @property
    def entered(self) -> Combo:
        return self.combo

    @property
    def total(self) -> int:
        return self.price

    @property
    def saving(self) -> int:
        """Against what its items cost alone: as keyed, for a meal grouped at payment."""
        return sum(line.total for line in self.loose or self.components) - self.price

    def one_size_up(self) -> list[tuple[OrderLine, Size]]:
        """Each sized component that has a bigger size, with that size ("make it large")."""
        moves = []
        for line in self.components:
            index = line.item.size_index(line.size)
            if line.item.has_sizes and index is not None and index + 1 < len(line.item.sizes):
                moves.append((line, line.item.sizes[index + 1]))
        return moves

    def size_up(self, unit_delta: int, kind: str, seq: int | None) -> None:
        """A yes to making the meal one size up (`seq` None: the customer asked unprompted): its sized
        components move, its price by `unit_delta`."""
        moves = self.one_size_up()
        for line, size in moves:
            line.size, line.unit_price = size.name, size.price
        self.size = moves[0][1].name if moves else self.size
        self.price += unit_delta
        self.source, self.prompt, self.prompt_added = kind, seq, unit_delta

    def as_record(self) -> LineRecord:
        """The meal as one line, its components under it. Grouped at payment, a component a prompt
        added keeps what it added less the meal's saving: without it there would be no meal, so that
        is what it brought. A meal a prompt made carries what it added itself."""
        components = [line.as_record() for line in self.components]
        left = self.saving if self.grouped else 0
        for component, keyed in zip(components, self.loose or self.components, strict=True):
            # what its prompt added to the line as keyed (a size the meal served it up at is not)
            taken = min(left, keyed.added)
            component.added = keyed.added - taken
            left -= taken
        return LineRecord(
            code=self.combo.code,
            name=self.combo.name,
            size=self.size,
            qty=1,
            unit_price=self.price,
            source=self.source,
            prompt=self.prompt,
            added=self.prompt_added if self.prompt is not None else 0,
            components=components,
        )


@dataclass(eq=False)
class Order:
    id: str
    tax_rate: Decimal
    lines: list[OrderLine] = field(default_factory=list)
    voided: list[OrderLine | MealLine] = field(default_factory=list)
    """Lines (and meals) removed before payment, kept for the record."""
    meals: list[MealLine] = field(default_factory=list)
    """Meals keyed, sold by a prompt, or grouped from loose lines at payment (`Sale.best_deal`)."""
    rewards: list[Reward] = field(default_factory=list)
    """What threshold deals give the order as it stands (`pos.core.selling.rewards`)."""
    by_hand: int = 0
    """A discount a manager approved (`pos.core.counter.approved`), minor units: never more than the order."""

    @property
    def entries(self) -> list[OrderLine | MealLine]:
        """What the order panel lists and the cashier selects: the loose lines and the meals, in the
        order they were keyed (a meal made from lines where the first of them was)."""
        return sorted([*self.lines, *self.meals], key=lambda entry: entry.place)

    @property
    def spent(self) -> int:
        """The subtotal before any reward: what a threshold is judged on."""
        return sum(line.total for line in self.lines) + sum(meal.total for meal in self.meals)

    @property
    def subtotal(self) -> int:
        return self.before_hand - self.hand_discount

    @property
    def before_hand(self) -> int:
        """The subtotal before a discount by hand: what one is bounded by."""
        return self.spent + sum(reward.amount for reward in self.rewards)

    @property
    def hand_discount(self) -> int:
        """The discount by hand as it now applies: a voided line never takes the order below zero."""
        return min(self.by_hand, max(0, self.before_hand))

    @property
    def tax(self) -> int:
        return round_half_up(self.subtotal * self.tax_rate)

    @property
    def total(self) -> int:
        return self.subtotal + self.tax

    def total_of(self, subtotal: int) -> int:
        """What the customer would pay on this subtotal: it and its tax."""
        return subtotal + round_half_up(subtotal * self.tax_rate)

    def record_lines(self) -> list[LineRecord]:
        """Its lines as its record lists them: the loose lines, the meals, the rewards, and a discount by hand."""
        return [
            *(line.as_record() for line in self.lines),
            *(meal.as_record() for meal in self.meals),
            *(reward.as_record() for reward in self.rewards),
            *([hand_discount_line(self.hand_discount)] if self.hand_discount else []),
        ]

    def every_line(self) -> list[OrderLine]:
        """The loose lines and every meal's components."""
        return [*self.lines, *(line for meal in self.meals for line in meal.components)]

    def items(self) -> list[Item]:
        """Every item the customer gets: the lines', the meals' and the rewards' (a free dessert is a
        dessert in the order, for an offer's `unless` as for "never offered again")."""
        given = [reward.item for reward in self.rewards if reward.item is not None]
        return [*(line.item for line in self.every_line()), *given]

    def has_item(self, key: str) -> bool:
        """In a line, a meal, or given as a reward: never offered again."""
        return any(item.key == key for item in self.items())

    def has_meal(self, key: str) -> bool:
        return any(meal.combo.key == key for meal in self.meals)

    def keyed_together(self, meal: MealLine) -> list[MealLine]:
        """The meals keyed in one entry with this one (itself included)."""
        if not meal.keyed_with:
            return [meal]
        return [other for other in self.meals if other.keyed_with == meal.keyed_with]
