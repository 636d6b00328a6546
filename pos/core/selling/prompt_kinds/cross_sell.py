"""The cross-sell: an add-on that goes with the line just keyed ("Fries with that?")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pos.core.base.toml_fields import Entry
from pos.core.selling.candidate_fields import CANDIDATE_KEYS
from pos.core.selling.candidates import Candidate, Choice
from pos.core.selling.menu import Menu, Offered, Selector, Window, code_key
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
from pos.core.selling.rule_ids import category, rule_id

KEYS = {"when", "offer", "size", "priority"} | OFFER_KEYS | CANDIDATE_KEYS
"""The fields of a [[cross_sell]] table."""


@dataclass(frozen=True, slots=True)
class CrossSellRule:
    number: int
    when: Selector
    candidates: tuple[Candidate, ...]
    """Its `offer`, or each of its `offers`, with its size, price and wording."""
    choice: Choice
    window: Window
    priority: int


def propose(sale: Selling, line: OrderLine | MealLine | None) -> Proposal | None:
    """The first rule that matches the line and is active, by priority, with a candidate not in the
    order yet: one of those (`Selling.choose`)."""
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
        chosen = sale.choose(
            (KIND.name, rule.number), rule.choice, add_ons(sale, KIND, line, rule.candidates)
        )
        if chosen is not None:
            return chosen
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
    read = read_add_ons(reader, entry, table, context)
    window = reader.window(entry, table, context)
    reader.holdout(entry, table)
    priority = reader.integer(entry, table, "priority") if "priority" in table else 0
    if when is None or read is None or window is None or priority is None or len(reader.problems) > before:
        reader.name_rule(entry, table, None)
        return None
    offers, choice = read
    triggers = [_trigger(context, part) for part in table["when"]]
    reader.name_rule(
        entry, table, rule_id(KIND.name, list(dict.fromkeys(triggers)), add_ons_id(context, offers))
    )
    return CrossSellRule(entry.number, when, offers, choice, window, priority)


def _trigger(context: Context, part: str) -> str:
    """A `when` entry in a rule's id: a category as written, an item's or meal's code as the menu writes it."""
    if part.startswith("category:"):
        return category(part.removeprefix("category:"))
    offered = context.items.get(code_key(part)) or context.combos[code_key(part)]
    return offered.code


def describe(menu: Menu, item: Offered | None) -> list[str]:
    """The add-ons the item may bring, the first that applies first; a rule's candidates a line each."""
    lines = []
    for rule in sorted(KIND.rules(menu), key=lambda r: (-r.priority, r.number)):
        if item is not None and rule.when.matches(item):
            lines += [
                f"{offered} [cross_sell #{rule.number}{rule.choice.told(len(rule.candidates), place)}]"
                f"{rule.window.described()}"
                for place, offered in enumerate(described_add_ons(menu, rule.candidates))
            ]
    return lines


def choices(menu: Menu) -> list[str]:
    """The rules with several offers, each offer a line (`pos menu check`)."""
    lines = []
    for rule in KIND.rules(menu):
        after = sorted(offered.code for code in rule.when.codes if (offered := menu.offered(code)))
        after += [f"category {category}" for category in sorted(rule.when.categories)]
        when = f"after {', '.join(after)}; {rule.window.described().strip(' ()') or 'at any time'}"
        lines += add_on_choices(menu, KIND.name, rule.number, rule.choice, rule.candidates, when)
    return lines


KIND = PromptKind(
    name="cross_sell",
    title="ADD-ON",
    mark="+ add-on",
    default_pitch="Would you like {offer} with that, for {price}?",
    plural="cross-sells",
    drill_yes=0.35,
    simulated_yes=0.28,
    yes_words=("Oh yes, add the {offer}.", "Sure, why not.", "Yes please!"),
    moment=Moment.ITEM,
    upgrades_line=False,
    propose=propose,
    read_rule=read_rule,
    describe=describe,
    choices=choices,
)
