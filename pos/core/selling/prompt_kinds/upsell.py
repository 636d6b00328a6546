"""The upsell: a bigger size, or a better item (a meal), for the line just keyed."""

from __future__ import annotations

from datetime import datetime

from pos.core.base.money import format_money
from pos.core.selling.candidates import Candidate, several_offers
from pos.core.selling.menu import Combo, Item, Menu, Offered, Size, Slot, Window
from pos.core.selling.order import MealLine, OrderLine
from pos.core.selling.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling
from pos.core.selling.prompt_kinds.upsell_rule import NAME, SIZES, UpsellRule, read_rule

ITEM_PITCH = "Make it a {offer} for {delta} more?"
"""The default when the upsell is to another item, not a size."""
NEXT_SIZE = Candidate("next")
"""What an item with a bigger size is offered when no rule applies."""


def upsell_target(
    menu: Menu, candidate: Candidate, item: Item, size: str | None, unit_price: int
) -> tuple[Offered, str | None, int] | None:
    """What a candidate of an upsell rule (or, without one, the next size) offers: item or meal,
    size, added unit price."""
    to = candidate.code
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
    unit_delta = candidate.price if candidate.price is not None else price - unit_price
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
    """The rule's candidates that the guards allow (no bigger size of a size the customer named, no
    more than `max_upsell_ratio` adds), one of them chosen (`Selling.choose`); the next size without a rule."""
    if line is None:
        return None
    if isinstance(line, MealLine):
        return _bigger_meal(sale, line)
    rule = rule_for(sale.menu, line.item, sale.now())
    candidates = rule.candidates if rule else (NEXT_SIZE,)
    allowed = [
        proposal
        for candidate in candidates
        if not (line.size_chosen and candidate.code in SIZES)  # an upgrade to another item still is
        and (proposal := _proposal(sale.menu, line, candidate)) is not None
    ]
    if rule is None:
        return allowed[0] if allowed else None
    return sale.choose((KIND.name, rule.number), rule.choice, allowed)


def _proposal(menu: Menu, line: OrderLine, candidate: Candidate) -> Proposal | None:
    upgrade = upsell_target(menu, candidate, line.item, line.size, line.unit_price)
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
        pitches=candidate.pitches,
        default_pitch=ITEM_PITCH if target is not line.item else KIND.default_pitch,
        saving=max(0, saving),
        fills=fills,
    )


def _bigger_meal(sale: Selling, meal: MealLine) -> Proposal | None:
    """A rule on the meal moves every sized component one size up, for each meal keyed with it."""
    rule = rule_for(sale.menu, meal.combo, sale.now())
    moves = meal.one_size_up()
    if rule is None or not moves:
        return None
    (candidate,) = rule.candidates  # the loader allows a meal's rule no other
    unit_delta = _meal_delta(candidate, moves)
    meals = sale.order.keyed_together(meal)
    return Proposal(
        KIND,
        meal,
        meal.combo,
        moves[0][1].name,
        unit_delta,
        delta=unit_delta * len(meals),
        price=meal.price + unit_delta,
        pitches=candidate.pitches,
        default_pitch=KIND.default_pitch,
        rule=(KIND.name, rule.number),
    )


def _meal_delta(candidate: Candidate, moves: list[tuple[OrderLine, Size]]) -> int:
    """A meal one size up adds the rule's price, else what its items' bigger sizes add."""
    return (
        candidate.price
        if candidate.price is not None
        else sum(size.price - line.unit_price for line, size in moves)
    )


def describe(menu: Menu, item: Offered | None) -> list[str]:
    """The item's possible upsells from its default size, the one preferred first, each with when it
    applies; a rule's candidates a line each."""
    if item is None:
        return []
    matching = sorted(_rules_naming(menu, item), key=lambda r: (-r.priority, r.item is None, r.number))
    if isinstance(item, Combo):
        return [_describe_bigger_meal(menu, item, rule) for rule in matching]
    default = item.sizes[0]
    rules: list[UpsellRule | None] = list(matching)
    if all(rule.window != Window() for rule in matching):
        rules.append(None)  # the next size, when no rule applies
    lines = []
    for rule in rules:
        allowed = 0  # candidates the guards allow for the item, so far
        for candidate in rule.candidates if rule else (NEXT_SIZE,):
            upgrade = upsell_target(menu, candidate, item, default.name, default.price)
            if upgrade:
                target, size, delta = upgrade
                label = target.label(size) if target is not item else f"{size}"
                too_dear = _too_dear(menu, delta, default.price)
                told = "" if too_dear or rule is None else rule.choice.told(len(rule.candidates), allowed)
                allowed += not too_dear
                origin = f"upsell #{rule.number}{told}" if rule else "next size"
                when = rule.window.described() if rule else ""
                line = f"{label} +{format_money(delta, menu.currency)} [{origin}]{when}"
                if too_dear:
                    line += f": never offered, it adds more than {menu.max_upsell_ratio} x the price (max_upsell_ratio)"
                lines.append(line)
    return lines


def _describe_bigger_meal(menu: Menu, combo: Combo, rule: UpsellRule) -> str:
    """The meal of each slot's cheapest choice, one size up."""
    meal = MealLine(combo, [_cheapest(slot) for slot in combo.slots], combo.price)
    moves = meal.one_size_up()
    if not moves:
        return f"never offered: no item of the meal comes in a bigger size [upsell #{rule.number}]"
    (candidate,) = rule.candidates
    label = combo.label(moves[0][1].name)
    delta = format_money(_meal_delta(candidate, moves), menu.currency)
    return f"{label} +{delta} [upsell #{rule.number}]{rule.window.described()}"


def choices(menu: Menu) -> list[str]:
    """The rules with several offers, each offer a line saying which items the guards let it upsell
    from their first size, at what added price (`pos menu check`)."""
    lines = []
    for rule in KIND.rules(menu):
        if len(rule.candidates) < 2:
            continue
        upsold = [
            item for item in menu.items.values() if item.key == rule.item or item.category == rule.category
        ]
        when = rule.window.described().strip(" ()") or "at any time"
        offers = [
            f"{_target_named(menu, offer)}: {_allowed_for(menu, offer, upsold)}" for offer in rule.candidates
        ]
        lines += several_offers(menu, KIND.name, rule.number, rule.choice, when, offers)
    return lines


def _target_named(menu: Menu, offer: Candidate) -> str:
    offered = menu.offered(offer.code)
    return offered.name if offered else f"the {offer.code} size"


def _allowed_for(menu: Menu, offer: Candidate, upsold: list[Item]) -> str:
    """For which items the guards allow the offer, and why not for the others."""
    said = []
    for item in upsold:
        default = item.sizes[0]
        upgrade = upsell_target(menu, offer, item, default.name, default.price)
        if upgrade is None:
            said.append(f"never for {item.name} ({_why_not(menu, offer, item)})")
        elif _too_dear(menu, upgrade[2], default.price):
            said.append(f"never for {item.name} (adds more than {menu.max_upsell_ratio} x its price)")
        else:
            said.append(f"for {item.label(default.name)} +{format_money(upgrade[2], menu.currency)}")
    named = "; not when the customer names the size" if offer.code in SIZES else ""
    return "; ".join(said) + named


def _why_not(menu: Menu, offer: Candidate, item: Item) -> str:
    if offer.code in SIZES:
        return "no bigger size"
    return "it is that item" if offer.code == item.key else "it would cost less"


def _cheapest(slot: Slot) -> OrderLine:
    item = slot.cheapest()
    size = slot.size_of(item)
    return OrderLine(item, size.name, 1, size.price, "entered", entered=item)


def _too_dear(menu: Menu, unit_delta: int, unit_price: int) -> bool:
    """The guard `max_upsell_ratio`: an upsell adding more than that share of the line's price is not offered."""
    ratio = menu.max_upsell_ratio
    return ratio is not None and unit_delta > ratio * unit_price


KIND = PromptKind(
    name=NAME,
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
    choices=choices,
)
