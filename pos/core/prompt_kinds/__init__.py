"""Every kind of prompt: a module each, and the one line below that lists them.

A kind's module holds all that differs by kind: when it is offered and what
(its `propose`), its title on the screen, the mark on the order line, the
default pitch, what the drills and the simulator make of it. The screen, the engine, the drills, the simulator and the reports
look a kind up here; none of them lists the kinds. To add a kind, write its
module beside these and add it to `KINDS`.
"""

from __future__ import annotations

from pos.core.prompt_kinds import after_sale, checkout, cross_sell, meal, nudge, upsell
from pos.core.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling

KINDS: tuple[PromptKind, ...] = (
    upsell.KIND,
    cross_sell.KIND,
    meal.KIND,
    nudge.KIND,
    checkout.KIND,
    after_sale.KIND,
)
BY_NAME = {kind.name: kind for kind in KINDS}
NAMES = tuple(BY_NAME)
UPSELL, CROSS_SELL, CHECKOUT = upsell.KIND, cross_sell.KIND, checkout.KIND

__all__ = [
    "BY_NAME",
    "CHECKOUT",
    "CROSS_SELL",
    "KINDS",
    "NAMES",
    "UPSELL",
    "Moment",
    "PromptKind",
    "Proposal",
    "Selling",
]
