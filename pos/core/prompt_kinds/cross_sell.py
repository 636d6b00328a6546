"""The cross-sell: an add-on that goes with the line just keyed ("Fries with that?")."""

from __future__ import annotations

from pos.core.order import OrderLine
from pos.core.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling


def propose(sale: Selling, line: OrderLine | None) -> Proposal | None:
    """The first rule that matches the line and is active, by priority, whose item is not in the order yet."""
    if line is None:
        return None
    menu = sale.menu
    now = sale.now()
    daypart = menu.daypart_at(now)
    rules = [
        rule for rule in menu.cross_sells if rule.when.matches(line.item) and rule.window.active(now, daypart)
    ]
    rules.sort(key=lambda rule: (-rule.priority, rule.number))
    for rule in rules:
        proposal = sale.add_on(KIND, line, menu.items[rule.offer], rule.size, rule.price, rule.pitches)
        if proposal is not None:
            return proposal
    return None


KIND = PromptKind(
    name="cross_sell",
    title="ADD-ON",
    mark="+ add-on",
    default_pitch="Would you like {offer} with that, for {price}?",
    plural="cross-sells",
    drill_yes=0.35,
    simulated_yes=0.28,
    yes_words=("Oh yes, add a {offer}.", "Sure, why not.", "Yes please!"),
    moment=Moment.ITEM,
    propose=propose,
)
