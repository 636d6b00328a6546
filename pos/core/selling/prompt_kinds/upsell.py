"""The upsell: a bigger size, or a better item (a meal), for the line just keyed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pos.core.base.money import format_money
from pos.core.base.toml_fields import Entry, names
from pos.core.selling.menu import Combo, Item, Menu, Offered, Slot, Window, code_key
from pos.core.selling.menu_rules import OFFER_KEYS, Context, RuleReader
from pos.core.selling.order import MealLine, OrderLine
from pos.core.selling.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling
from pos.core.selling.rule_ids import category as category_part
from pos.core.selling.rule_ids import rule_id, words

ITEM_PITCH = "Make it a {offer} for {delta} more?"
"""The default when the upsell is to another item, not a size."""


KEYS = {"item", "category", "to", "priority"} | OFFER_KEYS
"""The fields of an [[upsell]] table."""


@dataclass(frozen=True, slots=True)
class UpsellRule:
    number: int
    """1-based position among the file's [[upsell]] entries, as errors name it."""
    item: str | None
    category: str | None
    to: str
    """"next", "largest", or the key of the item that replaces the line."""
    price: int | None
    pitches: tuple[str, ...]
    window: Window
    priority: int


def upsell_target(
    menu: Menu, rule: UpsellRule | None, item: Item, size: str | None, unit_price: int
) -> tuple[Offered, str | None, int] | None:
    """What an upsell rule (or, without one, the next size) offers: item or meal, size, added unit price."""
    to = rule.to if rule else "next"
    target: Offered
    if to in ("next", "largest"):
        index = item.size_index(size)
        last = len(item.sizes) - 1
        if index is None or index >= last:
            return None
        target, offered = item, item.sizes[index + 1 if to == "next" else last]
        size_name, price = offered.name, offered.price
    elif to in menu.combos:
        target = menu.combos[to]
        slot = target.slot_for(item)
        assert slot is not None, "the loader checks that the item fills a slot of the meal"
        size_name, price = None, target.price + target.slots[slot].premium(item, size)
    else:
        target = menu.items[to]
        if target.key == item.key:
            return None  # the line's own item: nothing to swap it for (a size is `to = "next"`)
        size_name, price = target.sizes[0].name, target.sizes[0].price
    unit_delta = rule.price if rule and rule.price is not None else price - unit_price
    return None if unit_delta < 0 else (target, size_name, unit_delta)


def rule_for(menu: Menu, offered: Offered, now: datetime) -> UpsellRule | None:
    """Highest priority first, then a rule for the item over one for its category, then the rule written first."""
    daypart = menu.daypart_at(now)
    matching = [rule for rule in _rules_naming(menu, offered) if rule.window.active(now, daypart)]
    return min(matching, key=lambda rule: (-rule.priority, rule.item is None, rule.number), default=None)


def _rules_naming(menu: Menu, offered: Offered) -> list[UpsellRule]:
    return [
        rule
        for rule in KIND.rules(menu)
        if rule.item == offered.key or (rule.item is None and rule.category == offered.category)
    ]


def propose(sale: Selling, line: OrderLine | MealLine | None) -> Proposal | None:
    if line is None:
        return None
    if isinstance(line, MealLine):
        return _bigger_meal(sale, line)
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
    fills: tuple[OrderLine | None, ...] = ()
    saving = 0
    if isinstance(target, Combo):  # make it a meal: the line fills its slot, the others are asked
        slot = target.slot_for(line.item)
        fills = tuple(line if index == slot else None for index in range(len(target.slots)))
        saving = sum(s.base for s, fill in zip(target.slots, fills, strict=True) if fill is None) - unit_delta
    return Proposal(
        KIND,
        line,
        target,
        size,
        unit_delta,
        delta=unit_delta * line.qty,
        price=line.unit_price + unit_delta,
        pitches=rule.pitches if rule else (),
        default_pitch=ITEM_PITCH if target is not line.item else KIND.default_pitch,
        saving=max(0, saving),
        fills=fills,
        rule=(KIND.name, rule.number) if rule else None,
    )


def _bigger_meal(sale: Selling, meal: MealLine) -> Proposal | None:
    """A rule on the meal moves every sized component one size up, for each meal keyed with it."""
    rule = rule_for(sale.menu, meal.combo, sale.now())
    moves = meal.one_size_up()
    if rule is None or not moves:
        return None
    unit_delta = (
        rule.price if rule.price is not None else sum(size.price - line.unit_price for line, size in moves)
    )
    meals = sale.order.keyed_together(meal)
    return Proposal(
        KIND,
        meal,
        meal.combo,
        moves[0][1].name,
        unit_delta,
        delta=unit_delta * len(meals),
        price=meal.price + unit_delta,
        pitches=rule.pitches,
        default_pitch=KIND.default_pitch,
        rule=(KIND.name, rule.number),
    )


def read_rule(reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context) -> UpsellRule | None:
    """Every field is read, so a manager sees all of an entry's problems at once."""
    before = len(reader.problems)
    reader.unknown_keys(entry, table, KEYS)
    item_key = category = None
    if ("item" in table) == ("category" in table):
        reader.problem(entry, "item", 'name one item = "CODE" or one category = "NAME"')
    elif "item" in table:
        item_key = reader.item_code(entry, table, "item", context, meals=True)
    else:
        category = reader.text(entry, table, "category", required=True)
        if category is not None and category not in context.categories:
            reader.problem(
                entry,
                "category",
                f"unknown category {category!r}; the menu has {names(context.categories)}",
            )
    meal = context.combos.get(item_key) if item_key is not None else None
    to = table.get("to", "next")
    if not isinstance(to, str):
        reader.problem(entry, "to", f'expected "next", "largest", an item code or a meal code, got {to!r}')
    elif meal is not None:
        if to != "next":
            reader.problem(
                entry, "to", f'a meal ("{meal.code}") is made bigger one size at a time: to = "next"'
            )
    elif to not in ("next", "largest"):
        to = _meal_or_item(reader, entry, table, context, item_key, category) or ""
    elif item_key is not None and not context.items[item_key].has_sizes:
        reader.problem(
            entry,
            "to",
            f'item "{context.items[item_key].code}" has one price, no larger size to offer; name an item code instead',
        )
    meal_placeholders = ("saving",) if isinstance(to, str) and to in context.combos else ()
    fields = reader.offer_fields(entry, table, context, meal_placeholders)
    priority = reader.integer(entry, table, "priority") if "priority" in table else 0
    if (
        len(reader.problems) > before
        or fields is None
        or priority is None
        or not isinstance(to, str)
        or not to
    ):
        reader.name_rule(entry, table, None)  # no `to`: it names a broken item, already reported
        return None
    reader.name_rule(entry, table, _derived_id(context, item_key, category, to))
    price, pitches, window = fields
    return UpsellRule(entry.number, item_key, category, to, price, pitches, window, priority)


def _derived_id(context: Context, item_key: str | None, category: str | None, to: str) -> str:
    """`upsell:1>31`, `upsell:category:drink>~next size` (`pos.core.selling.rule_ids`)."""
    trigger = _code(context, item_key) if item_key is not None else category_part(category or "")
    offer = words(f"{to} size") if to in ("next", "largest") else _code(context, to)
    return rule_id(KIND.name, [trigger], offer)


def _code(context: Context, key: str) -> str:
    """An item's or meal's code as the menu writes it."""
    offered = context.items.get(key) or context.combos[key]
    return offered.code


def _meal_or_item(
    reader: RuleReader,
    entry: Entry,
    table: dict[str, Any],
    context: Context,
    item_key: str | None,
    category: str | None,
) -> str | None:
    """The item or meal `to` names; a meal must have a slot for what the rule upsells ("make it a meal")."""
    meal = context.combos.get(code_key(table["to"]))
    if meal is None:
        return reader.item_code(entry, table, "to", context)
    upsold = [context.items[item_key]] if item_key in context.items else []
    upsold += [item for item in context.items.values() if category is not None and item.category == category]
    for item in upsold:
        if meal.slot_for(item) is None:
            reader.problem(entry, "to", f'item "{item.code}" is in no slot of meal "{meal.code}"')
            return None
    return meal.key


def describe(menu: Menu, item: Offered | None) -> list[str]:
    """The item's possible upsells from its default size, the one preferred first, each with when it applies."""
    if item is None:
        return []
    matching = sorted(_rules_naming(menu, item), key=lambda r: (-r.priority, r.item is None, r.number))
    if isinstance(item, Combo):
        return [_describe_bigger_meal(menu, item, rule) for rule in matching]
    default = item.sizes[0]
    candidates: list[UpsellRule | None] = list(matching)
    if all(rule.window != Window() for rule in matching):
        candidates.append(None)  # the next size, when no rule applies
    lines = []
    for rule in candidates:
        upgrade = upsell_target(menu, rule, item, default.name, default.price)
        if upgrade:
            target, size, delta = upgrade
            label = target.label(size) if target is not item else f"{size}"
            origin = f"upsell #{rule.number}" if rule else "next size"
            when = rule.window.described() if rule else ""
            line = f"{label} +{format_money(delta, menu.currency)} [{origin}]{when}"
            if _too_dear(menu, delta, default.price):
                line += f": never offered, it adds more than {menu.max_upsell_ratio} x the price (max_upsell_ratio)"
            lines.append(line)
    return lines


def _describe_bigger_meal(menu: Menu, combo: Combo, rule: UpsellRule) -> str:
    """The meal of each slot's cheapest choice, one size up."""
    meal = MealLine(combo, [_cheapest(slot) for slot in combo.slots], combo.price)
    moves = meal.one_size_up()
    if not moves:
        return f"never offered: no item of the meal comes in a bigger size [upsell #{rule.number}]"
    delta = (
        rule.price if rule.price is not None else sum(size.price - line.unit_price for line, size in moves)
    )
    label = combo.label(moves[0][1].name)
    return f"{label} +{format_money(delta, menu.currency)} [upsell #{rule.number}]{rule.window.described()}"


def _cheapest(slot: Slot) -> OrderLine:
    item = slot.cheapest()
    size = slot.size_of(item)
    return OrderLine(item, size.name, 1, size.price, "entered", entered=item)


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
