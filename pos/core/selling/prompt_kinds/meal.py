"""The meal prompt: at payment, the meal that loose lines and the cheapest missing items would make.

Of every active meal not in the order yet nor offered in it (as an upsell, say), and
every loose line that fills its first slot (a main the customer ordered: the prompt
never adds one), the one that saves the customer most (of equal savings, the one that
costs them least more): the line fills its slot, other
loose lines fill the slots they can (a burger and fries need only a drink), and
each slot left is priced at its cheapest choice. A yes asks those slots
(`Sale.make_meal`). The best deal has already grouped every full set, so this is
always a meal that needs something more.
"""

from __future__ import annotations

from pos.core.base.money import format_money
from pos.core.selling.menu import Combo, Menu, Offered
from pos.core.selling.order import MealLine, OrderLine
from pos.core.selling.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling

DEFAULT_PITCH = "Make it a {offer}? Only {delta} more, you save {saving}."


def propose(sale: Selling, line: OrderLine | MealLine | None) -> Proposal | None:
    if line is not None:
        return None
    menu, order = sale.menu, sale.order
    now = sale.now()
    daypart = menu.daypart_at(now)
    best: Proposal | None = None
    for combo in menu.combos.values():
        if not combo.window.active(now, daypart) or order.has_meal(combo.key):
            continue
        for anchor in order.lines:
            proposal = _meal_from(combo, anchor, order.lines)
            if proposal is not None and (best is None or _better(proposal, best)):
                best = proposal
    return best


def _better(proposal: Proposal, best: Proposal) -> bool:
    """The larger saving; of equal savings, the one that asks less more of the customer."""
    return (proposal.saving, -proposal.delta) > (best.saving, -best.delta)


def _meal_from(combo: Combo, anchor: OrderLine, lines: list[OrderLine]) -> Proposal | None:
    """The meal around `anchor`, a main (an item of the meal's first slot) the customer ordered, with
    the other loose lines that fit it; None when it saves nothing. It never adds a main."""
    if not combo.slots[0].fits(anchor.item):
        return None
    fills: list[OrderLine | None] = [anchor, *(None for _ in combo.slots[1:])]
    for index, slot in enumerate(combo.slots):
        if fills[index] is None:
            fills[index] = next(
                (other for other in lines if other not in fills and slot.fits(other.item)), None
            )
    price = combo.price + sum(
        slot.premium(fill.item, fill.size) for slot, fill in zip(combo.slots, fills, strict=True) if fill
    )
    have = sum(fill.unit_price for fill in fills if fill is not None)
    missing = sum(slot.base for slot, fill in zip(combo.slots, fills, strict=True) if fill is None)
    saving, delta = have + missing - price, price - have
    if saving <= 0 or delta < 0 or None not in fills:
        return None
    return Proposal(
        KIND,
        anchor,
        combo,
        None,
        delta,
        delta,
        price,
        combo.pitches,
        DEFAULT_PITCH,
        saving=saving,
        fills=tuple(fills),
        rule=("combo", combo.number),
    )


def describe(menu: Menu, item: Offered | None) -> list[str]:
    """At payment: each meal that may be offered, and what a full set of its cheapest choices saves."""
    if item is not None:
        return []
    currency = menu.currency
    return [
        f"{combo.name} {format_money(combo.price, currency)}, saves up to "
        f"{format_money(combo.saving, currency)} [meal {combo.code}]{combo.window.described()}"
        for combo in menu.combos.values()
        if combo.saving > 0
    ]


KIND: PromptKind[None] = PromptKind(
    name="meal",
    title="MAKE IT A MEAL",
    mark="★ meal",
    default_pitch=DEFAULT_PITCH,
    plural="meal offers",
    drill_yes=0.35,
    simulated_yes=0.3,
    yes_words=("Sure, make it a {offer}!", "Yes, the {offer} please.", "OK, a meal then."),
    moment=Moment.PAYMENT,
    upgrades_line=False,
    propose=propose,
    describe=describe,
    chosen="the one that saves the customer most",
)
