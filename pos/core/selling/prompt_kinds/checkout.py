"""The checkout offer: the last offer of the order, when payment starts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pos.core.base.money import format_money
from pos.core.base.toml_fields import Entry
from pos.core.selling.menu import Menu, Offered, Selector, Window
from pos.core.selling.menu_rules import OFFER_KEYS, Context, RuleReader
from pos.core.selling.order import MealLine, OrderLine
from pos.core.selling.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling
from pos.core.selling.rule_ids import rule_id

KEYS = {"offer", "size", "unless", "min_total"} | OFFER_KEYS
"""The fields of a [[checkout]] table."""


@dataclass(frozen=True, slots=True)
class CheckoutRule:
    number: int
    offer: str
    size: str | None
    unless: Selector
    min_total: int
    price: int | None
    pitches: tuple[str, ...]
    window: Window


def propose(sale: Selling, line: OrderLine | MealLine | None) -> Proposal | None:
    """The first active rule whose minimum the subtotal reaches and whose `unless` the order does not hold."""
    menu, order = sale.menu, sale.order
    now = sale.now()
    daypart = menu.daypart_at(now)
    for rule in KIND.rules(menu):
        if not rule.window.active(now, daypart) or order.subtotal < rule.min_total:
            continue
        if any(rule.unless.matches(item) for item in order.items()):
            continue
        proposal = sale.add_on(KIND, None, menu.items[rule.offer], rule.size, rule.price, rule.pitches)
        if proposal is not None:
            return replace(proposal, rule=(KIND.name, rule.number))
    return None


def read_rule(
    reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context
) -> CheckoutRule | None:
    before = len(reader.problems)
    reader.unknown_keys(entry, table, KEYS)
    offer = reader.item_code(entry, table, "offer", context)
    size = reader.offered_size(entry, table, offer, context)
    unless = (
        reader.selector(entry, table, "unless", context)
        if "unless" in table
        else Selector(frozenset(), frozenset())
    )
    min_total = reader.money(entry, table, "min_total") if "min_total" in table else 0
    fields = reader.offer_fields(entry, table, context)
    if (
        offer is None
        or unless is None
        or min_total is None
        or fields is None
        or len(reader.problems) > before
    ):
        reader.name_rule(entry, table, None)
        return None
    reader.name_rule(entry, table, rule_id(KIND.name, [], context.items[offer].code, size))
    price, pitches, window = fields
    return CheckoutRule(entry.number, offer, size, unless, min_total, price, pitches, window)


def describe(menu: Menu, item: Offered | None) -> list[str]:
    """The offers at payment, the first that applies first, each with its conditions."""
    lines = []
    for rule in KIND.rules(menu):
        offered = menu.items[rule.offer]
        size, price = offered.offered_at(rule.size, rule.price)
        conditions = []
        if rule.min_total:
            conditions.append(f"subtotal from {format_money(rule.min_total, menu.currency)}")
        if rule.unless.codes or rule.unless.categories:
            names = sorted(rule.unless.codes) + [f"category:{c}" for c in sorted(rule.unless.categories)]
            conditions.append("unless the order has " + ", ".join(names))
        when = rule.window.described()
        if when:
            conditions.append(when.strip(" ()"))
        lines.append(
            f"{offered.label(size.name)} {format_money(price, menu.currency)} [checkout #{rule.number}]"
            + (f" ({'; '.join(conditions)})" if conditions else "")
        )
    return lines


KIND = PromptKind(
    name="checkout",
    title="BEFORE PAYMENT",
    mark="+ last offer",
    default_pitch="Would you like {offer} to finish, for {price}?",
    plural="checkout offers",
    drill_yes=0.25,
    simulated_yes=0.18,
    yes_words=("Sure, I'll take a {offer}.", "Yes, go on.", "Why not!"),
    moment=Moment.PAYMENT,
    upgrades_line=False,
    propose=propose,
    read_rule=read_rule,
    describe=describe,
)
