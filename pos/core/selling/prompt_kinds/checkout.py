"""The checkout offer: the last offer of the order, when payment starts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pos.core.base.money import format_money
from pos.core.base.toml_fields import Entry
from pos.core.selling.candidate_fields import CANDIDATE_KEYS
from pos.core.selling.candidates import Candidate, Choice
from pos.core.selling.menu import Menu, Offered, Selector, Window
from pos.core.selling.menu_rules import OFFER_KEYS, Context, RuleReader
from pos.core.selling.order import MealLine, OrderLine
from pos.core.selling.prompt_kinds.add_ons import (
    add_on_choices,
    add_ons,
    add_ons_id,
    described_add_ons,
    read_add_ons,
)
from pos.core.selling.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling
from pos.core.selling.rule_ids import rule_id

KEYS = {"offer", "size", "unless", "min_total"} | OFFER_KEYS | CANDIDATE_KEYS
"""The fields of a [[checkout]] table."""


@dataclass(frozen=True, slots=True)
class CheckoutRule:
    number: int
    candidates: tuple[Candidate, ...]
    """Its `offer`, or each of its `offers`, with its size, price and wording."""
    choice: Choice
    unless: Selector
    min_total: int
    window: Window


def propose(sale: Selling, line: OrderLine | MealLine | None) -> Proposal | None:
    """The first active rule whose minimum the subtotal reaches and whose `unless` the order does not
    hold, with a candidate not in the order yet: one of those (`Selling.choose`)."""
    menu, order = sale.menu, sale.order
    now = sale.now()
    daypart = menu.daypart_at(now)
    for rule in KIND.rules(menu):
        if not rule.window.active(now, daypart) or order.subtotal < rule.min_total:
            continue
        if any(rule.unless.matches(item) for item in order.items()):
            continue
        chosen = sale.choose(
            (KIND.name, rule.number), rule.choice, add_ons(sale, KIND, None, rule.candidates)
        )
        if chosen is not None:
            return chosen
    return None


def read_rule(
    reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context
) -> CheckoutRule | None:
    before = len(reader.problems)
    reader.unknown_keys(entry, table, KEYS)
    read = read_add_ons(reader, entry, table, context)
    unless = (
        reader.selector(entry, table, "unless", context)
        if "unless" in table
        else Selector(frozenset(), frozenset())
    )
    min_total = reader.money(entry, table, "min_total") if "min_total" in table else 0
    window = reader.window(entry, table, context)
    reader.holdout(entry, table)
    if read is None or unless is None or min_total is None or window is None or len(reader.problems) > before:
        reader.name_rule(entry, table, None)
        return None
    offers, choice = read
    reader.name_rule(entry, table, rule_id(KIND.name, [], add_ons_id(context, offers)))
    return CheckoutRule(entry.number, offers, choice, unless, min_total, window)


def describe(menu: Menu, item: Offered | None) -> list[str]:
    """The offers at payment, the first that applies first, each with its conditions; a rule's
    candidates a line each."""
    lines = []
    for rule in KIND.rules(menu):
        conditions = []
        if rule.min_total:
            conditions.append(f"subtotal from {format_money(rule.min_total, menu.currency)}")
        if rule.unless.codes or rule.unless.categories:
            names = sorted(rule.unless.codes) + [f"category:{c}" for c in sorted(rule.unless.categories)]
            conditions.append("unless the order has " + ", ".join(names))
        when = rule.window.described()
        if when:
            conditions.append(when.strip(" ()"))
        lines += [
            f"{offered} [checkout #{rule.number}{rule.choice.told(len(rule.candidates), place)}]"
            + (f" ({'; '.join(conditions)})" if conditions else "")
            for place, offered in enumerate(described_add_ons(menu, rule.candidates))
        ]
    return lines


def choices(menu: Menu) -> list[str]:
    """The rules with several offers, each offer a line (`pos menu check`)."""
    lines = []
    for rule in KIND.rules(menu):
        when = f"at payment; {rule.window.described().strip(' ()') or 'at any time'}"
        lines += add_on_choices(menu, KIND.name, rule.number, rule.choice, rule.candidates, when)
    return lines


KIND = PromptKind(
    name="checkout",
    title="BEFORE PAYMENT",
    mark="+ last offer",
    default_pitch="Would you like {offer} to finish, for {price}?",
    plural="checkout offers",
    drill_yes=0.25,
    simulated_yes=0.18,
    yes_words=("Sure, I'll take the {offer}.", "Yes, go on.", "Why not!"),
    moment=Moment.PAYMENT,
    upgrades_line=False,
    propose=propose,
    read_rule=read_rule,
    describe=describe,
    choices=choices,
)
