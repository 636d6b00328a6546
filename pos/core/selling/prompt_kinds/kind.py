"""What a kind of prompt is: everything about it that is not the same for every kind.

A kind proposes its offer from what a sale shows it (`Selling`, the engine's
`Sale`); the engine then checks the prompt cap and "no offer twice", draws the
wording and counts it. So the engine names no kind, and a kind needs no engine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, Protocol

from pos.core.base.events import ChoiceContext
from pos.core.base.toml_fields import Entry
from pos.core.selling.candidates import Choice
from pos.core.selling.menu import Item, Menu, Offered, RuleT
from pos.core.selling.menu_rules import Context, RuleReader
from pos.core.selling.order import MealLine, Order, OrderLine


class Moment(StrEnum):
    ITEM = "item"
    """After each item keyed, in the order of `KINDS`, each worked out once the one before is answered."""
    PAYMENT = "payment"
    """When payment starts."""
    RECEIPT = "receipt"
    """Printed on the receipt of a paid order, never asked (`after_sale`)."""


@dataclass(frozen=True, slots=True)
class Learned:
    """How a learned choice made its offer (`choose = "learn"`), logged with the prompt (events spec v3)."""

    candidates: tuple[str, ...]
    """The codes of the candidates the guards allowed, in the menu's order."""
    propensity: float
    """The chance the offer made had of being chosen."""
    context: ChoiceContext


@dataclass(frozen=True, slots=True)
class Proposal:
    """An offer before it is made: the engine draws and fills in its wording, and counts it."""

    kind: PromptKind[Any]
    line: OrderLine | MealLine | None
    """The line (or meal) it upgrades or follows; None for an offer of the whole order."""
    item: Offered
    """An item, or a meal (a yes then asks the meal's other slots: `Sale.make_meal`)."""
    size: str | None
    unit_delta: int
    """What accepting adds per unit of the line (upsell) or for the add-on."""
    delta: int
    """What accepting adds to the order."""
    price: int
    """The price the pitch names: the add-on's, or the upgraded line's unit price."""
    pitches: tuple[str, ...]
    default_pitch: str
    saving: int = 0
    """For a meal: what it saves against its items bought alone (`{saving}`)."""
    words: tuple[tuple[str, str], ...] = ()
    """The kind's own placeholders, filled in: (("short", "$0.60"), ("reward", "Apple Pie"))."""
    rule: tuple[str, int] | None = None
    """The menu table and number of the rule that made it (its `holdout`, its id in `Menu.rule_ids`);
    None: none did (the next size)."""
    fills: tuple[OrderLine | None, ...] = ()
    """For a meal: per slot, the loose line a unit of which fills it; None where a yes asks the slot."""
    learned: Learned | None = None
    """Chosen among its rule's candidates by learning; None: the rule's one offer, or its first allowed."""

    @property
    def makes_meal(self) -> bool:
        """A yes asks the meal's other slots, then `Sale.make_meal` makes it."""
        return bool(self.fills)

    @property
    def key(self) -> str:
        """No item offered twice in one order, whatever the kinds (menu format version 3): an add-on,
        a bigger size, a meal, each by the item or meal it offers."""
        return self.item.key


class Selling(Protocol):
    """What a kind sees of a sale when it proposes (the engine's `Sale`)."""

    @property
    def menu(self) -> Menu: ...

    @property
    def order(self) -> Order: ...

    def now(self) -> datetime: ...

    def add_on(
        self,
        kind: PromptKind[Any],
        line: OrderLine | MealLine | None,
        item: Item,
        size: str | None,
        price: int | None,
        pitches: tuple[str, ...],
    ) -> Proposal | None:
        """Adding `item`, at `price` or its menu price, unless the order has it or it was offered already."""
        ...

    def choose(self, rule: tuple[str, int], choice: Choice, allowed: Sequence[Proposal]) -> Proposal | None:
        """One of a rule's candidates that the kind's guards allow (menu format version 3), the
        rule's table and number its `rule`: none when each was offered already in the order."""
        ...


@dataclass(frozen=True)
class PromptKind(Generic[RuleT]):
    """A kind of prompt, `RuleT` the type of its menu table's rules (`UpsellRule`); a kind with no
    rules of its own is a `PromptKind[None]`."""

    name: str
    """As logged and reported, and its menu table's name: `upsell`. One the events spec names
    (`pos.core.base.events.SPEC_KINDS`), or a kind registered beside them (`registered`)."""
    title: str
    """The prompt panel's title while one is up: `UPSELL`."""
    mark: str
    """Beside an order line that a yes to it added or changed: `▲ upsold`."""
    default_pitch: str
    """What the cashier says when the rule gives no pitch."""
    plural: str
    """In a trainee's tips: `You skipped 3 of 4 cross-sells`."""
    drill_yes: float
    """How often a random drill customer says yes to one."""
    simulated_yes: float
    """How often a simulated customer takes one, before each offer's and cashier's own spread."""
    yes_words: tuple[str, ...]
    """What a drill customer says when they take it; `{offer}` is what was offered."""
    moment: Moment
    upgrades_line: bool
    """A yes changes the line it was offered for (a bigger size, a meal); else it adds a line."""
    propose: Callable[[Selling, OrderLine | MealLine | None], Proposal | None]
    """This kind's offer now, for the line just keyed (None at payment), or None."""
    read_rule: Callable[[RuleReader, Entry, dict[str, Any], Context], RuleT | None] | None = None
    """Reads one entry of the menu's table named after the kind (`[[upsell]]`), None for an entry
    with problems (each told to `RuleReader.problem`); None: the kind has no rules."""
    describe: Callable[[Menu, Offered | None], list[str]] | None = None
    """For `pos menu check`: what it may offer for an item or a meal (None: for the whole order at payment), a line each."""
    choices: Callable[[Menu], list[str]] | None = None
    """For `pos menu check`: each rule with several offers, how it picks one and when the guards allow
    each, a line each."""
    chosen: str = "first that applies"
    """Which of its offers is made when several could be (`pos menu check` says it)."""

    def rules(self, menu: Menu) -> tuple[RuleT, ...]:
        """Its rules in `menu`, in file order."""
        return menu.rules_of(self)
