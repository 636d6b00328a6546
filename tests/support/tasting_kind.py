"""A throwaway prompt kind, written as CONTRIBUTING.md says a new kind is: a taste of something
after an item (`[[tasting]] after = ["1"], offer = "41", price = "0.25"`). Only
`tests/unit/test_new_prompt_kind.py` sells it, through `pos.core.selling.prompt_kinds.registered`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pos.core.base.toml_fields import Entry
from pos.core.selling.menu import Selector, Window
from pos.core.selling.menu_rules import OFFER_KEYS, Context, RuleReader
from pos.core.selling.order import MealLine, OrderLine
from pos.core.selling.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling
from pos.core.selling.rule_ids import rule_id

KEYS = {"after", "offer"} | OFFER_KEYS


@dataclass(frozen=True, slots=True)
class TastingRule:
    number: int
    after: Selector
    offer: str
    price: int | None
    pitches: tuple[str, ...]
    window: Window


def propose(sale: Selling, line: OrderLine | MealLine | None) -> Proposal | None:
    """The first active rule that follows the line's item, unless the order has its offer."""
    if not isinstance(line, OrderLine):
        return None
    menu, now = sale.menu, sale.now()
    for rule in KIND.rules(menu):
        if rule.after.matches(line.item) and rule.window.active(now, menu.daypart_at(now)):
            offer = sale.add_on(KIND, line, menu.items[rule.offer], None, rule.price, rule.pitches)
            if offer is not None:
                return replace(offer, rule=(KIND.name, rule.number))
    return None


def read_rule(
    reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context
) -> TastingRule | None:
    before = len(reader.problems)
    reader.unknown_keys(entry, table, KEYS)
    after = reader.selector(entry, table, "after", context) if "after" in table else None
    offer = reader.item_code(entry, table, "offer", context)
    fields = reader.offer_fields(entry, table, context)
    if after is None or offer is None or fields is None or len(reader.problems) > before:
        reader.name_rule(entry, table, None)
        return None
    reader.name_rule(entry, table, rule_id(KIND.name, sorted(after.codes), context.items[offer].code))
    price, pitches, window = fields
    return TastingRule(entry.number, after, offer, price, pitches, window)


KIND = PromptKind(
    name="tasting",
    title="A TASTE",
    mark="☕ tasted",
    default_pitch="Would you like to try a {offer} for {price}?",
    plural="tastings",
    drill_yes=0.5,
    simulated_yes=0.5,
    yes_words=("Go on, a {offer}.",),
    moment=Moment.ITEM,
    upgrades_line=False,
    propose=propose,
    read_rule=read_rule,
)
