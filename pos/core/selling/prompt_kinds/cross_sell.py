"""The cross-sell: an add-on that goes with the line just keyed ("Fries with that?")."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pos.core.base.money import format_money
from pos.core.base.toml_fields import Entry
from pos.core.selling.menu import Menu, Offered, Selector, Window, code_key
from pos.core.selling.menu_rules import OFFER_KEYS, Context, RuleReader
from pos.core.selling.order import MealLine, OrderLine
from pos.core.selling.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling
from pos.core.selling.rule_ids import category, rule_id

KEYS = {"when", "offer", "size", "priority"} | OFFER_KEYS
"""The fields of a [[cross_sell]] table."""


@dataclass(frozen=True, slots=True)
class CrossSellRule:
    number: int
    when: Selector
    offer: str
    size: str | None
    price: int | None
    pitches: tuple[str, ...]
    window: Window
    priority: int


def propose(sale: Selling, line: OrderLine | MealLine | None) -> Proposal | None:
    """The first rule that matches the line and is active, by priority, whose item is not in the order yet."""
    if line is None:
        return None
    menu = sale.menu
    now = sale.now()
    daypart = menu.daypart_at(now)
    matching = [
        rule for rule in KIND.rules(menu) if rule.when.matches(line.item) and rule.window.active(now, daypart)
    ]
    matching.sort(key=lambda rule: (-rule.priority, rule.number))
    for rule in matching:
        proposal = sale.add_on(KIND, line, menu.items[rule.offer], rule.size, rule.price, rule.pitches)
        if proposal is not None:
            return replace(proposal, rule=(KIND.name, rule.number))
    return None


def read_rule(
    reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context
) -> CrossSellRule | None:
    before = len(reader.problems)
    reader.unknown_keys(entry, table, KEYS)
    if "when" not in table:
        reader.problem(entry, "when", 'missing: say what triggers it, like when = ["1", "category:burger"]')
        return None
    when = reader.selector(entry, table, "when", context, meals=True)
    offer = reader.item_code(entry, table, "offer", context)
    size = reader.offered_size(entry, table, offer, context)
    fields = reader.offer_fields(entry, table, context)
    priority = reader.integer(entry, table, "priority") if "priority" in table else 0
    if when is None or offer is None or fields is None or priority is None or len(reader.problems) > before:
        reader.name_rule(entry, table, None)
        return None
    triggers = [_trigger(context, part) for part in table["when"]]
    derived = rule_id(KIND.name, list(dict.fromkeys(triggers)), context.items[offer].code, size)
    reader.name_rule(entry, table, derived)
    price, pitches, window = fields
    return CrossSellRule(entry.number, when, offer, size, price, pitches, window, priority)


def _trigger(context: Context, part: str) -> str:
    """A `when` entry in a rule's id: a category as written, an item's or meal's code as the menu writes it."""
    if part.startswith("category:"):
        return category(part.removeprefix("category:"))
    offered = context.items.get(code_key(part)) or context.combos[code_key(part)]
    return offered.code


def describe(menu: Menu, item: Offered | None) -> list[str]:
    """The add-ons the item may bring, the first that applies first."""
    lines = []
    for rule in sorted(KIND.rules(menu), key=lambda r: (-r.priority, r.number)):
        if item is not None and rule.when.matches(item):
            offered = menu.items[rule.offer]
            size, price = offered.offered_at(rule.size, rule.price)
            lines.append(
                f"{offered.label(size.name)} {format_money(price, menu.currency)} "
                f"[cross_sell #{rule.number}]{rule.window.described()}"
            )
    return lines


KIND = PromptKind(
    name="cross_sell",
    title="ADD-ON",
    mark="+ add-on",
    default_pitch="Would you like {offer} with that, for {price}?",
    plural="cross-sells",
    drill_yes=0.35,
    simulated_yes=0.28,
    yes_words=("Oh yes, add a {offer}.", "Sure, why not.", "Yes please!"),
    moment=Moment.ITEM,
    upgrades_line=False,
    propose=propose,
    read_rule=read_rule,
    describe=describe,
)
