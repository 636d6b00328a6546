"""The checkout offer: the last offer of the order, when payment starts."""

from __future__ import annotations

from pos.core.order import OrderLine
from pos.core.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling


def propose(sale: Selling, line: OrderLine | None) -> Proposal | None:
    """The first active rule whose minimum the subtotal reaches and whose `unless` the order does not hold."""
    menu, order = sale.menu, sale.order
    now = sale.now()
    daypart = menu.daypart_at(now)
    for rule in menu.checkouts:
        if not rule.window.active(now, daypart) or order.subtotal < rule.min_total:
            continue
        if any(rule.unless.matches(entered.item) for entered in order.lines):
            continue
        proposal = sale.add_on(KIND, None, menu.items[rule.offer], rule.size, rule.price, rule.pitches)
        if proposal is not None:
            return proposal
    return None


KIND = PromptKind(
    name="checkout",
    title="BEFORE PAYMENT",
    mark="+ last offer",
    default_pitch="Would you like {offer} to finish, for {price}?",
    plural="checkout offers",
    drill_yes=0.25,
    simulated_yes=0.18,
    yes_words=("Sure, I'll take a {offer}.", "Yes, go on.", "Why not!"),
    moment=Moment.PAYMENT,
    propose=propose,
)
