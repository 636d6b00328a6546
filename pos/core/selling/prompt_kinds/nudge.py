"""The nudge: at payment, an order a little short of a threshold deal hears what would get it there.

"Just $0.60 more gets a free Apple Pie: add a Small Cola for $1.29?" When the
subtotal is short of an active `[[nudge]]` threshold by at most `within`, the
cheapest `suggest` item not in the order whose price covers the gap is offered
(each item at its smallest size that covers it). Reaching the threshold, by this
yes or any other line, adds the reward by itself (`pos.core.selling.rewards`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from pos.core.base.money import format_money, minor_digits
from pos.core.base.toml_fields import Entry
from pos.core.selling.menu import Item, Menu, Offered, Selector, Size, Window
from pos.core.selling.menu_rules import WINDOW_KEYS, Context, RuleReader
from pos.core.selling.order import MealLine, OrderLine
from pos.core.selling.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling
from pos.core.selling.rewards import Reward
from pos.core.selling.rule_ids import rule_id, words

KEYS = {"id", "threshold", "reward", "discount", "within", "suggest", "pitch", "holdout"} | WINDOW_KEYS
"""The fields of a [[nudge]] table."""
PLACEHOLDERS = ("short", "reward")


@dataclass(frozen=True, slots=True)
class NudgeRule:
    """Spend `threshold`, get the reward (an item free, or a discount); short by at most `within`, a nudge."""

    number: int
    threshold: int
    reward: str | None
    """The key of the item given free; None when the reward is `discount`."""
    discount: int | None
    within: int
    suggest: Selector
    pitches: tuple[str, ...]
    window: Window


def propose(sale: Selling, line: OrderLine | MealLine | None) -> Proposal | None:
    if line is not None:
        return None
    menu, order = sale.menu, sale.order
    for rule in active_rules(menu, sale.now()):
        short = rule.threshold - order.spent
        if not 0 < short <= rule.within:
            continue
        for item, size in _covering(menu, rule, short, order.has_item):
            proposal = sale.add_on(KIND, None, item, size.name, None, rule.pitches)
            if proposal is not None:  # else offered already in this order: the next cheapest
                words = (("short", format_money(short, menu.currency)), ("reward", reward_words(menu, rule)))
                return replace(proposal, words=words, rule=(KIND.name, rule.number))
    return None


def active_rules(menu: Menu, now: datetime) -> list[NudgeRule]:
    rules = KIND.rules(menu)
    if not rules:  # settled after every change to an order: nothing to work out on most menus
        return []
    daypart = menu.daypart_at(now)
    return [rule for rule in rules if rule.window.active(now, daypart)]


def earned(menu: Menu, subtotal: int, now: datetime) -> list[Reward]:
    """The threshold deals' rewards (`pos.core.selling.rewards`), settled by the sale after every change: those of every active rule whose threshold `subtotal` reaches. Discounts together never
    take the order below zero: one that would says on its line how much of it is given."""
    rewards = []
    left = subtotal
    for rule in active_rules(menu, now):
        if subtotal >= rule.threshold:
            reward = _reward_of(menu, rule, left)
            left += reward.amount
            rewards.append(reward)
    return rewards


def _reward_of(menu: Menu, rule: NudgeRule, most: int) -> Reward:
    if rule.reward is not None:
        item = menu.items[rule.reward]
        return Reward(rule.number, rule.threshold, item, 0, f"{item.label(item.sizes[0].name)} free")
    discount = rule.discount or 0
    given = min(discount, most)
    label = f"{format_money(given, menu.currency)} off"
    if given < discount:
        label += f" (of {format_money(discount, menu.currency)}: an order never goes below zero)"
    return Reward(rule.number, rule.threshold, None, -given, label)


def reward_words(menu: Menu, rule: NudgeRule) -> str:
    """`{reward}` in a pitch: "Apple Pie", or "$1.00 off"."""
    if rule.reward is not None:
        item = menu.items[rule.reward]
        return item.label(item.sizes[0].name)
    return f"{format_money(rule.discount or 0, menu.currency)} off"


def _covering(
    menu: Menu, rule: NudgeRule, short: int, in_order: Callable[[str], bool]
) -> list[tuple[Item, Size]]:
    """The items the rule may suggest, not in the order and not its reward, each at its smallest
    size that covers `short`, cheapest first."""
    fitting = []
    for item in menu.items.values():
        if not rule.suggest.matches(item) or in_order(item.key) or item.key == rule.reward:
            continue
        size = next((size for size in item.sizes if size.price >= short), None)
        if size is not None:
            fitting.append((item, size))
    return sorted(fitting, key=lambda fit: fit[1].price)


def read_rule(reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context) -> NudgeRule | None:
    before = len(reader.problems)
    reader.unknown_keys(entry, table, KEYS)
    threshold = reader.money(entry, table, "threshold") if "threshold" in table else None
    within = reader.money(entry, table, "within") if "within" in table else None
    for field in ("threshold", "within"):
        if field not in table:
            reader.problem(entry, field, 'missing: an amount of money, like "10.00"')
    if threshold is not None and within is not None and threshold <= within:
        reader.problem(entry, "threshold", "must be above `within`: the nudge starts that far below it")
    reward = discount = None
    if ("reward" in table) == ("discount" in table):
        reader.problem(
            entry, "reward", 'give one: reward = "ITEM CODE" (free) or discount = "1.00" (off the order)'
        )
    elif "reward" in table:
        reward = reader.item_code(entry, table, "reward", context)
    else:
        discount = reader.money(entry, table, "discount")
        if discount == 0:
            reader.problem(entry, "discount", "a discount above 0")
        elif discount is not None and threshold is not None and discount > threshold:
            reader.problem(
                entry,
                "discount",
                f"at most the threshold ({format_money(threshold, reader.currency)}): "
                "a discount never takes an order below zero",
            )
    if "suggest" not in table:
        reader.problem(entry, "suggest", 'missing: what may be suggested, like ["category:dessert", "50"]')
        suggest = None
    else:
        suggest = reader.selector(entry, table, "suggest", context)
    pitches = reader.pitches(entry, table, PLACEHOLDERS)
    window = reader.window(entry, table, context)
    reader.holdout(entry, table)
    if len(reader.problems) > before or None in (threshold, within, suggest, pitches, window):
        reader.name_rule(entry, table, None)
        return None
    assert threshold is not None and within is not None and suggest is not None
    assert pitches is not None and window is not None
    reader.name_rule(entry, table, _derived_id(reader.currency, threshold, reward, discount, context))
    return NudgeRule(entry.number, threshold, reward, discount, within, suggest, pitches, window)


def _derived_id(
    currency: str, threshold: int, reward: str | None, discount: int | None, context: Context
) -> str:
    """`nudge:~spend 10.00>40`, `nudge:~spend 10.00>~1.00 off`: its threshold and reward, whatever
    it suggests (`pos.core.selling.rule_ids`)."""
    offer = (
        context.items[reward].code if reward is not None else words(f"{_amount(discount or 0, currency)} off")
    )
    return rule_id(KIND.name, [words(f"spend {_amount(threshold, currency)}")], offer)


def _amount(minor: int, currency: str) -> str:
    """`10.00`: as a menu writes an amount."""
    return str(Decimal(minor).scaleb(-minor_digits(currency)))


def describe(menu: Menu, item: Offered | None) -> list[str]:
    """At payment: each threshold, its reward, and from how far below it the nudge is said."""
    if item is not None:
        return []
    rules = KIND.rules(menu)
    currency = menu.currency
    return [
        f"spend {format_money(rule.threshold, currency)}: {reward_words(menu, rule)}"
        f"{' free' if rule.reward else ''}; nudged from {format_money(rule.threshold - rule.within, currency)}"
        f" [nudge #{rule.number}]{rule.window.described()}"
        for rule in rules
    ]


KIND = PromptKind(
    name="nudge",
    title="NEARLY THERE",
    mark="◆ nudged",
    default_pitch="Just {short} more gets {reward}: add {offer} for {price}?",
    plural="nudges",
    drill_yes=0.4,
    simulated_yes=0.3,
    yes_words=("Oh, go on then, the {offer}.", "Sure, add the {offer}!", "Yes, I'll get the {offer}."),
    moment=Moment.PAYMENT,
    upgrades_line=False,
    propose=propose,
    read_rule=read_rule,
    describe=describe,
)
