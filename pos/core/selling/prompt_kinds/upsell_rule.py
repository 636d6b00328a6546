"""An `[[upsell]]` rule of the menu, as read from its table: what it upsells (an item, a meal, or a
category) and its candidates (`to`, or several `offers`), each checked as the menu format says."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pos.core.base.toml_fields import Entry, names
from pos.core.selling import candidate_fields
from pos.core.selling.candidate_fields import CANDIDATE_KEYS, candidate_codes
from pos.core.selling.candidates import Candidate, Choice
from pos.core.selling.menu import Window, code_key
from pos.core.selling.menu_rules import OFFER_KEYS, Context, RuleReader
from pos.core.selling.rule_ids import category as category_part
from pos.core.selling.rule_ids import offers_part, rule_id, words

NAME = "upsell"
"""The kind's name: its table's, and the start of its rules' ids."""
KEYS = {"item", "category", "to", "priority"} | OFFER_KEYS | CANDIDATE_KEYS
"""The fields of an [[upsell]] table."""
SIZES = ("next", "largest")
"""`to` words for a bigger size of the item itself."""


@dataclass(frozen=True, slots=True)
class UpsellRule:
    number: int
    """1-based position among the file's [[upsell]] entries, as errors name it."""
    item: str | None
    category: str | None
    candidates: tuple[Candidate, ...]
    """Each `to` ("next", "largest", or the key of the item or meal that replaces the line), with
    its own `price` (the added price) and wording."""
    choice: Choice
    window: Window
    priority: int


def read_rule(reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context) -> UpsellRule | None:
    """Every field is read, so a manager sees all of an entry's problems at once."""
    before = len(reader.problems)
    reader.unknown_keys(entry, table, KEYS)
    item_key, category = _upsold(reader, entry, table, context)
    meal = context.combos.get(item_key) if item_key is not None else None
    codes = None
    if meal is not None and "offers" in table:
        reader.problem(
            entry, "offers", f'a meal ("{meal.code}") is made bigger one size at a time: to = "next"'
        )
    else:
        codes = candidate_codes(
            reader,
            entry,
            table,
            "to",
            lambda field, to: _target(reader, entry, field, to, context, item_key, category),
            default="next",
        )
    if codes is not None and set(SIZES) <= set(codes):
        reader.problem(entry, "offers", '"next" and "largest" both offer a bigger size of the item: name one')
        codes = None
    choice = candidate_fields.choice(reader, entry, table, codes)
    offers = candidate_fields.candidates(
        reader, entry, table, codes, lambda code: ("saving",) if code in context.combos else ()
    )
    window = reader.window(entry, table, context)
    reader.holdout(entry, table)
    priority = reader.integer(entry, table, "priority") if "priority" in table else 0
    if (
        len(reader.problems) > before
        or not offers
        or not codes
        or choice is None
        or window is None
        or priority is None
    ):
        reader.name_rule(entry, table, None)  # no `to`: it names a broken item, already reported
        return None
    reader.name_rule(entry, table, _derived_id(context, item_key, category, codes))
    watched = candidate_fields.watching(choice, offers, context.items)
    return UpsellRule(entry.number, item_key, category, offers, watched, window, priority)


def _upsold(
    reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context
) -> tuple[str | None, str | None]:
    """The item's (or meal's) key, or the category, that the rule upsells."""
    if ("item" in table) == ("category" in table):
        reader.problem(entry, "item", 'name one item = "CODE" or one category = "NAME"')
        return None, None
    if "item" in table:
        return reader.item_code(entry, table, "item", context, meals=True), None
    category = reader.text(entry, table, "category", required=True)
    if category is not None and category not in context.categories:
        reader.problem(
            entry,
            "category",
            f"unknown category {category!r}; the menu has {names(context.categories)}",
        )
    return None, category


def _target(
    reader: RuleReader,
    entry: Entry,
    field: str,
    to: object,
    context: Context,
    item_key: str | None,
    category: str | None,
) -> str | None:
    """One `to` (or one of `offers`): "next", "largest", or an item's or meal's key."""
    meal = context.combos.get(item_key) if item_key is not None else None
    if not isinstance(to, str):
        reader.problem(entry, field, f'expected "next", "largest", an item code or a meal code, got {to!r}')
    elif meal is not None:
        if to == "next":
            return to
        reader.problem(entry, field, f'a meal ("{meal.code}") is made bigger one size at a time: to = "next"')
    elif to not in SIZES:
        return _meal_or_item(reader, entry, field, to, context, item_key, category)
    elif item_key is not None and not context.items[item_key].has_sizes:
        reader.problem(
            entry,
            field,
            f'item "{context.items[item_key].code}" has one price, no larger size to offer; name an item code instead',
        )
    else:
        return to
    return None


def _derived_id(context: Context, item_key: str | None, category: str | None, codes: list[str]) -> str:
    """`upsell:1>31`, `upsell:category:drink>~next size`, `upsell:1>31,~largest size`
    (`pos.core.selling.rule_ids`)."""
    trigger = _code(context, item_key) if item_key is not None else category_part(category or "")
    offers = [(words(f"{to} size") if to in SIZES else _code(context, to), None) for to in codes]
    return rule_id(NAME, [trigger], offers_part(offers))


def _code(context: Context, key: str) -> str:
    """An item's or meal's code as the menu writes it."""
    offered = context.items.get(key) or context.combos[key]
    return offered.code


def _meal_or_item(
    reader: RuleReader,
    entry: Entry,
    field: str,
    code: str,
    context: Context,
    item_key: str | None,
    category: str | None,
) -> str | None:
    """The item or meal `code` names; a meal must have a slot for what the rule upsells ("make it a meal")."""
    meal = context.combos.get(code_key(code))
    if meal is None:
        return reader.code_named(entry, field, code, context)
    upsold = [context.items[item_key]] if item_key in context.items else []
    upsold += [item for item in context.items.values() if category is not None and item.category == category]
    for item in upsold:
        if meal.slot_for(item) is None:
            reader.problem(entry, field, f'item "{item.code}" is in no slot of meal "{meal.code}"')
            return None
    return meal.key
