"""The upsell: a bigger size, or a better item (a meal), for the line just keyed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pos.core.menu import Item, Menu, Size, UpsellRule, Window
from pos.core.menu_rules import OFFER_KEYS, Context, RuleReader
from pos.core.money import format_money
from pos.core.order import OrderLine
from pos.core.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling
from pos.core.toml_fields import Entry, names

ITEM_PITCH = "Make it a {offer} for {delta} more?"
"""The default when the upsell is to another item, not a size."""


KEYS = {"item", "category", "to", "priority"} | OFFER_KEYS
"""The fields of an [[upsell]] table."""


def upsell_target(
    menu: Menu, rule: UpsellRule | None, item: Item, size: str | None, unit_price: int
) -> tuple[Item, Size, int] | None:
    """What an upsell rule (or, without one, the next size) offers: item, size, added unit price."""
    to = rule.to if rule else "next"
    if to in ("next", "largest"):
        index = item.size_index(size)
        last = len(item.sizes) - 1
        if index is None or index >= last:
            return None
        target, offered = item, item.sizes[index + 1 if to == "next" else last]
    else:
        target = menu.items[to]
        offered = target.sizes[0]
    unit_delta = rule.price if rule and rule.price is not None else offered.price - unit_price
    return None if unit_delta < 0 else (target, offered, unit_delta)


def rule_for(menu: Menu, item: Item, now: datetime) -> UpsellRule | None:
    """Highest priority first, then a rule for the item over one for its category, then the rule written first."""
    daypart = menu.daypart_at(now)
    matching = [
        rule
        for rule in rules(menu)
        if (rule.item == item.key or (rule.item is None and rule.category == item.category))
        and rule.window.active(now, daypart)
    ]
    return min(matching, key=lambda rule: (-rule.priority, rule.item is None, rule.number), default=None)


def propose(sale: Selling, line: OrderLine | None) -> Proposal | None:
    if line is None:
        return None
    menu = sale.menu
    rule = rule_for(menu, line.item, sale.now())
    if line.size_chosen and (rule is None or rule.to in ("next", "largest")):
        return None  # the customer named the size: an upgrade to another item is still offered
    upgrade = upsell_target(menu, rule, line.item, line.size, line.unit_price)
    if upgrade is None:
        return None
    target, size, unit_delta = upgrade
    if _too_dear(menu, unit_delta, line.unit_price):
        return None
    return Proposal(
        KIND,
        line,
        target,
        size.name,
        unit_delta,
        delta=unit_delta * line.qty,
        price=line.unit_price + unit_delta,
        pitches=rule.pitches if rule else (),
        default_pitch=ITEM_PITCH if target is not line.item else KIND.default_pitch,
    )


def rules(menu: Menu) -> tuple[UpsellRule, ...]:
    return menu.rules_of(KIND.name)  # type: ignore[return-value]


def read_rule(reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context) -> UpsellRule | None:
    """Every field is read, so a manager sees all of an entry's problems at once."""
    before = len(reader.problems)
    reader.unknown_keys(entry, table, KEYS)
    item_key = category = None
    if ("item" in table) == ("category" in table):
        reader.problem(entry, "item", 'name one item = "CODE" or one category = "NAME"')
    elif "item" in table:
        item_key = reader.item_code(entry, table, "item", context)
    else:
        category = reader.text(entry, table, "category", required=True)
        if category is not None and category not in context.categories:
            reader.problem(
                entry,
                "category",
                f"unknown category {category!r}; the menu has {names(context.categories)}",
            )
    to = table.get("to", "next")
    if not isinstance(to, str):
        reader.problem(entry, "to", f'expected "next", "largest" or an item code, got {to!r}')
    elif to not in ("next", "largest"):
        to = reader.item_code(entry, table, "to", context) or ""
    elif item_key is not None and not context.items[item_key].has_sizes:
        reader.problem(
            entry,
            "to",
            f'item "{context.items[item_key].code}" has one price, no larger size to offer; name an item code instead',
        )
    fields = reader.offer_fields(entry, table, context)
    priority = reader.integer(entry, table, "priority") if "priority" in table else 0
    if len(reader.problems) > before or fields is None or priority is None or not isinstance(to, str):
        return None
    price, pitches, window = fields
    return UpsellRule(entry.number, item_key, category, to, price, pitches, window, priority)


def describe(menu: Menu, item: Item | None) -> list[str]:
    """The item's possible upsells from its default size, the one preferred first, each with when it applies."""
    if item is None:
        return []
    default = item.sizes[0]
    matching = sorted(
        (r for r in rules(menu) if r.item == item.key or (r.item is None and r.category == item.category)),
        key=lambda r: (-r.priority, r.item is None, r.number),
    )
    candidates: list[UpsellRule | None] = list(matching)
    if all(rule.window != Window() for rule in matching):
        candidates.append(None)  # the next size, when no rule applies
    lines = []
    for rule in candidates:
        upgrade = upsell_target(menu, rule, item, default.name, default.price)
        if upgrade:
            target, size, delta = upgrade
            label = target.label(size.name) if target is not item else f"{size.name}"
            origin = f"upsell #{rule.number}" if rule else "next size"
            when = rule.window.described() if rule else ""
            line = f"{label} +{format_money(delta, menu.currency)} [{origin}]{when}"
            if _too_dear(menu, delta, default.price):
                line += f": never offered, it adds more than {menu.max_upsell_ratio} x the price (max_upsell_ratio)"
            lines.append(line)
    return lines


def _too_dear(menu: Menu, unit_delta: int, unit_price: int) -> bool:
    """The guard `max_upsell_ratio`: an upsell adding more than that share of the line's price is not offered."""
    ratio = menu.max_upsell_ratio
    return ratio is not None and unit_delta > ratio * unit_price


KIND = PromptKind(
    name="upsell",
    title="UPSELL",
    mark="▲ upsold",
    default_pitch="Make that a {offer} for {delta} more?",
    plural="upsells",
    drill_yes=0.45,
    simulated_yes=0.36,
    yes_words=("Sure, make it a {offer}!", "Yes please, a {offer}.", "Go on then."),
    moment=Moment.ITEM,
    upgrades_line=True,
    propose=propose,
    read_rule=read_rule,
    describe=describe,
)
