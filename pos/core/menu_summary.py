"""What `pos menu check` tells a manager: which item triggers which prompts."""

from __future__ import annotations

from dataclasses import dataclass

from pos.core.menu import Item, Menu, UpsellRule, Window
from pos.core.money import format_money
from pos.core.prompt_kinds import checkout, upsell
from pos.core.prompt_kinds import cross_sell as cross_sell_kind
from pos.core.prompt_kinds.upsell import upsell_target


@dataclass(frozen=True)
class ItemPrompts:
    item: Item
    upsells: list[str]
    """Possible upsells, the one preferred first, each with when it applies."""
    cross_sells: list[str]


def window_text(window: Window) -> str:
    parts = []
    if window.dayparts is not None:
        parts.append(", ".join(sorted(window.dayparts)))
    if window.start or window.until:
        parts.append(f"{window.start or '…'} to {window.until or '…'}")
    return "; ".join(parts)


def _when(window: Window) -> str:
    text = window_text(window)
    return f" ({text})" if text else ""


def item_prompts(menu: Menu) -> list[ItemPrompts]:
    summaries = []
    for item in menu.items.values():
        default = item.sizes[0]
        upsells = []
        matching = sorted(
            (
                r
                for r in upsell.rules(menu)
                if r.item == item.key or (r.item is None and r.category == item.category)
            ),
            key=lambda r: (-r.priority, r.item is None, r.number),
        )
        rules: list[UpsellRule | None] = list(matching)
        if all(rule.window != Window() for rule in rules if rule):
            rules.append(None)  # the next size, when no rule applies
        for rule in rules:
            upgrade = upsell_target(menu, rule, item, default.name, default.price)
            if upgrade:
                target, size, delta = upgrade
                label = target.label(size.name) if target is not item else f"{size.name}"
                origin = f"upsell #{rule.number}" if rule else "next size"
                upsells.append(
                    f"{label} +{format_money(delta, menu.currency)} [{origin}]{_when(rule.window) if rule else ''}"
                )
        cross_sells = []
        for cross_sell in sorted(cross_sell_kind.rules(menu), key=lambda r: (-r.priority, r.number)):
            if cross_sell.when.matches(item):
                offered = menu.items[cross_sell.offer]
                size = offered.sizes[offered.size_index(cross_sell.size) or 0]
                price = size.price if cross_sell.price is None else cross_sell.price
                cross_sells.append(
                    f"{offered.label(size.name)} {format_money(price, menu.currency)} "
                    f"[cross_sell #{cross_sell.number}]{_when(cross_sell.window)}"
                )
        summaries.append(ItemPrompts(item, upsells, cross_sells))
    return summaries


def checkout_offers(menu: Menu) -> list[str]:
    offers = []
    for rule in checkout.rules(menu):
        offered = menu.items[rule.offer]
        size = offered.sizes[offered.size_index(rule.size) or 0]
        price = size.price if rule.price is None else rule.price
        conditions = []
        if rule.min_total:
            conditions.append(f"subtotal from {format_money(rule.min_total, menu.currency)}")
        if rule.unless.codes or rule.unless.categories:
            names = sorted(rule.unless.codes) + [f"category:{c}" for c in sorted(rule.unless.categories)]
            conditions.append("unless the order has " + ", ".join(names))
        if window_text(rule.window):
            conditions.append(window_text(rule.window))
        offers.append(
            f"{offered.label(size.name)} {format_money(price, menu.currency)} [checkout #{rule.number}]"
            + (f" ({'; '.join(conditions)})" if conditions else "")
        )
    return offers
