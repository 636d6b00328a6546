"""The after-sale offer: backend selling, an offer for the next visit printed on the receipt.

Never asked at the counter: a paid live order that meets the first active rule
gets its offer and a code on the receipt (logged `issued`); the code keyed on the
entry line of a later order, at any terminal of the store, adds the offer at its
price (logged `redeemed`). The codes: `pos.core.codes.codes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pos.core.base.money import format_money
from pos.core.base.toml_fields import Entry
from pos.core.selling.menu import Menu, Offered, Window
from pos.core.selling.menu_rules import OFFER_KEYS, Context, RuleReader
from pos.core.selling.order import MealLine, OrderLine
from pos.core.selling.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling
from pos.core.selling.rule_ids import rule_id

MAX_VALID_DAYS = 366
"""A code's validity, at most (menu format version 3): a year, whatever the calendar."""
KEYS = {"offer", "size", "valid_days", "min_total"} | OFFER_KEYS - {"holdout"}
"""A receipt's offer is printed, never asked: nothing to hold out."""
PLACEHOLDERS = ("days", "code")


@dataclass(frozen=True, slots=True)
class AfterSaleRule:
    """Backend selling: an offer for the next visit, printed with a code on a paid receipt."""

    number: int
    offer: str
    size: str | None
    price: int | None
    valid_days: int
    """Redeemable for this many days, the day of the sale counted."""
    min_total: int
    pitches: tuple[str, ...]
    window: Window


def propose(sale: Selling, line: OrderLine | MealLine | None) -> Proposal | None:
    return None  # printed, not asked: `rule_for` at payment


def rule_for(menu: Menu, subtotal: int, now: datetime) -> AfterSaleRule | None:
    """The first active rule whose minimum the order reaches."""
    daypart = menu.daypart_at(now)
    for rule in KIND.rules(menu):
        if rule.window.active(now, daypart) and subtotal >= rule.min_total:
            return rule
    return None


def read_rule(
    reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context
) -> AfterSaleRule | None:
    before = len(reader.problems)
    reader.unknown_keys(entry, table, KEYS)
    offer = reader.item_code(entry, table, "offer", context)
    size = reader.offered_size(entry, table, offer, context)
    if "valid_days" not in table:
        reader.problem(entry, "valid_days", "missing: how many days the code may be redeemed, like 7")
        valid_days = None
    else:
        valid_days = reader.integer(entry, table, "valid_days")
        if valid_days is not None and not 1 <= valid_days <= MAX_VALID_DAYS:
            reader.problem(
                entry,
                "valid_days",
                f"1 to {MAX_VALID_DAYS} days (the day of the sale counts), got {valid_days}",
            )
            valid_days = None
    min_total = reader.money(entry, table, "min_total") if "min_total" in table else 0
    fields = reader.offer_fields(entry, table, context, PLACEHOLDERS)
    if len(reader.problems) > before or None in (offer, valid_days, min_total, fields):
        reader.name_rule(entry, table, None)
        return None
    assert offer is not None and valid_days is not None and min_total is not None and fields is not None
    reader.name_rule(entry, table, rule_id(KIND.name, [], context.items[offer].code, size))
    price, pitches, window = fields
    return AfterSaleRule(entry.number, offer, size, price, valid_days, min_total, pitches, window)


def describe(menu: Menu, item: Offered | None) -> list[str]:
    if item is not None:
        return []
    lines = []
    for rule in KIND.rules(menu):
        offered = menu.items[rule.offer]
        size, price = offered.offered_at(rule.size, rule.price)
        minimum = (
            f"; paid orders from {format_money(rule.min_total, menu.currency)}" if rule.min_total else ""
        )
        lines.append(
            f"{offered.label(size.name)} {format_money(price, menu.currency)} next visit, code valid "
            f"{rule.valid_days} day(s){minimum} [after_sale #{rule.number}]{rule.window.described()}"
        )
    return lines


KIND = PromptKind(
    name="after_sale",
    title="ON THE RECEIPT",
    mark="✉ came back",
    default_pitch="Come back within {days} days: {offer} for {price} with code {code}",
    plural="after-sale offers",
    drill_yes=0.0,
    simulated_yes=0.25,
    yes_words=("I'll be back for the {offer}!",),
    moment=Moment.RECEIPT,
    upgrades_line=False,
    propose=propose,
    read_rule=read_rule,
    describe=describe,
    chosen="on the receipt of a paid order: the first that applies",
)
