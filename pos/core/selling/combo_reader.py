"""Reading `[[combo]]` entries (menu format version 2), every problem named by entry and field."""

from __future__ import annotations

from typing import Any

from pos.core.base.toml_fields import Entry, Problem, names
from pos.core.selling.deal_clashes import clashes, describe
from pos.core.selling.menu import Combo, Item, Slot, code_key
from pos.core.selling.menu_rules import WINDOW_KEYS, Context, RuleReader
from pos.core.selling.prompt_kinds import meal
from pos.core.selling.rule_ids import rule_id

KEYS = {"id", "code", "name", "price", "slots", "pitch", "holdout"} | WINDOW_KEYS
"""`holdout` and `id`: of the meal prompt's chances for this meal, and the id of its rule."""
SLOT_KEYS = {"name", "choose", "size"}
PLACEHOLDERS = ("saving",)
"""The meal prompt's own placeholder: what the combo saves against buying its items alone."""


def read_combos(
    reader: RuleReader, entries: list[tuple[Entry, dict[str, Any]]], context: Context, code_pattern: Any
) -> dict[str, Combo]:
    combos: dict[str, Combo] = {}
    for entry, table in entries:
        code = table.get("code")
        if isinstance(code, str) and code_pattern.fullmatch(code):
            entry = Entry(f'combo "{code}"', "combo", entry.index)
        combo = _read(reader, entry, table, context, code_pattern)
        if combo is None:
            if isinstance(code, str):
                reader.broken_codes.add(code_key(code))  # rules naming it raise no second error
            reader.name_rule(entry, table, None)
            continue
        if combo.key in context.items or combo.key in combos:
            taken = "an item" if combo.key in context.items else "another combo"
            reader.problem(
                entry, "code", f"duplicate code: {combo.code!r} is already {taken}'s (codes ignore case)"
            )
            reader.name_rule(entry, table, None)
            continue
        combos[combo.key] = combo
        reader.name_rule(entry, table, rule_id(meal.KIND.name, [], combo.code))  # the meal prompt's rule
        if combo.saving <= 0:
            line = reader.locator.line_of(entry.table, entry.index, "price")
            warning = Problem(
                entry.label,
                "price",
                "costs no less than its cheapest items alone: never chosen at payment, never offered",
                line,
            )
            reader.warnings.append(warning.describe(reader.path))
    for clash in clashes(list(combos.values())):
        line = reader.locator.line_of("combo", clash.combo.number - 1, "slots")
        warning = Problem(f'combo "{clash.combo.code}"', "slots", describe(clash), line)
        reader.warnings.append(warning.describe(reader.path))
    return combos


def _read(
    reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context, code_pattern: Any
) -> Combo | None:
    before = len(reader.problems)
    reader.unknown_keys(entry, table, KEYS)
    code = reader.text(entry, table, "code", required=True)
    if code is not None and not code_pattern.fullmatch(code):
        reader.problem(entry, "code", f"expected 1 to 12 letters, digits, - or _, got {code!r}")
    name = reader.text(entry, table, "name", required=True)
    price = reader.money(entry, table, "price") if "price" in table else None
    if "price" not in table:
        reader.problem(entry, "price", "missing: the meal's price, with each slot's cheapest choice")
    slots = _slots(reader, entry, table, context)
    pitches = reader.pitches(entry, table, PLACEHOLDERS)
    window = reader.window(entry, table, context)
    reader.holdout(entry, table)
    if len(reader.problems) > before or None in (code, name, price, slots, pitches, window):
        return None
    assert code is not None and name is not None and price is not None
    assert slots is not None and pitches is not None and window is not None
    return Combo(entry.number, code, name, price, slots, pitches, window)


def _slots(
    reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context
) -> tuple[Slot, ...] | None:
    raw = table.get("slots")
    if not isinstance(raw, list) or not raw or not all(isinstance(slot, dict) for slot in raw):
        reader.problem(
            entry, "slots", 'expected a list of slots like [{ name = "side", choose = ["category:side"] }]'
        )
        return None
    slots: list[Slot] = []
    for number, slot_table in enumerate(raw, start=1):
        slot_entry = Entry(f"{entry.label}, slot #{number}", entry.table, entry.index)
        reader.unknown_keys(slot_entry, slot_table, SLOT_KEYS, field="slots")
        name = reader.text(slot_entry, slot_table, "name", required=True)
        if name is not None and any(slot.name.casefold() == name.casefold() for slot in slots):
            reader.problem(slot_entry, "name", f"duplicate slot {name!r}")
            return None
        if "choose" not in slot_table:
            reader.problem(slot_entry, "choose", 'missing: what fills the slot, like ["category:side"]')
            return None
        selector = reader.selector(slot_entry, slot_table, "choose", context)
        if name is None or selector is None:
            return None
        choices = _in_written_order(slot_table["choose"], context)
        if not choices:
            reader.problem(slot_entry, "choose", "no item of the menu fills this slot")
            return None
        size = _size(reader, slot_entry, slot_table, choices)
        if "size" in slot_table and size is None:
            return None
        slots.append(Slot(name, choices, size))
    return tuple(slots)


def _in_written_order(choose: list[str], context: Context) -> tuple[Item, ...]:
    """The slot's choices in the order `choose` lists them (menu format version 3), a category's
    items in menu order where it stands: the first is the default."""
    choices: dict[str, Item] = {}
    for part in choose:
        category = part.removeprefix("category:") if part.startswith("category:") else None
        named = [context.items[code_key(part)]] if category is None else context.items.values()
        for item in named:
            if category is None or item.category == category:
                choices.setdefault(item.key, item)
    return tuple(choices.values())


def _size(reader: RuleReader, entry: Entry, table: dict[str, Any], choices: tuple[Item, ...]) -> str | None:
    """The slot's size as the menu writes it; every choice must come in it."""
    if "size" not in table:
        return None
    size = reader.text(entry, table, "size", required=True)
    if size is None:
        return None
    for item in choices:
        index = item.size_index(size)
        if not item.has_sizes or index is None:
            known = names([s.name for s in item.sizes if s.name]) if item.has_sizes else "one size only"
            reader.problem(entry, "size", f'item "{item.code}" has no size {size!r} ({known})')
            return None
    first = choices[0]
    return first.sizes[first.size_index(size) or 0].name
