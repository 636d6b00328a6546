"""What an answer to an offer does: a yes changes the order, and every answer is a prompt event."""

from __future__ import annotations

from typing import Any

from msgspec import UNSET

from pos.core.base.errors import SaleError
from pos.core.base.events import Outcome, PromptEvent
from pos.core.selling.menu import Item, Menu
from pos.core.selling.offer import Offer
from pos.core.selling.order import Order, OrderLine
from pos.core.selling.prompt_kinds import Proposal
from pos.core.selling.prompt_kinds.kind import Learned
from pos.core.selling.rule_ids import event_rule_id


def accept(order: Order, offer: Offer) -> None:
    """A yes to an offer on a loose line or the order: the line upgraded, or the offer's line added; a
    meal is made once its slots are chosen (`Sale.make_meal`), a meal sized up by `Sale.size_up_meal`."""
    line = offer.line
    if offer.makes_meal:
        return
    if not isinstance(offer.item, Item):
        raise SaleError(f"{offer.item.name} is a meal: only a meal offer or an upsell on a meal sells it")
    if offer.kind.upgrades_line:
        assert isinstance(line, OrderLine)
        line.item = offer.item
        line.size = offer.size
        line.unit_price += offer.unit_delta
        line.source = offer.kind.name
        line.prompt, line.upgrade_delta, line.offer_units = offer.seq, offer.unit_delta, line.qty
        return
    order.lines.append(
        OrderLine(
            offer.item, offer.size, 1, offer.unit_delta, offer.kind.name, entered=offer.item, prompt=offer.seq
        )
    )


def prompt_event(
    stamp: dict[str, Any],
    menu: Menu,
    daypart: str | None,
    offer: Offer,
    outcome: Outcome,
    response_ms: int,
    heard: int,
) -> PromptEvent:
    """The event of an answer, after the record's first fields (`Sale.stamp`), in `daypart` of the
    menu's time."""
    return PromptEvent(
        **stamp,
        kind=offer.kind.name,
        trigger=offer.line.entered.code if offer.line else None,
        offer=offer.item.code,
        size=offer.size,
        pitch=offer.pitch,
        variant=offer.variant,
        delta=offer.delta,
        outcome=outcome,
        response_ms=response_ms,
        daypart=daypart,
        seq=offer.seq,
        template=offer.template,
        rule=rule_of(menu, offer),
        heard=heard,
        revisit=True if offer.revisit else UNSET,
        **_learned(offer.learned),
    )


def _learned(learned: Learned | None) -> dict[str, Any]:
    """A learned choice's fields (events spec v3); none for another prompt."""
    if learned is None:
        return {}
    return {"candidates": learned.candidates, "propensity": learned.propensity, "context": learned.context}


def rule_of(menu: Menu, offer: Proposal) -> str:
    """The id of the menu rule that made the offer (`pos.core.selling.rule_ids`); for an upsell no rule made
    (the next size), derived from the line's item."""
    if offer.rule:
        return menu.rule_ids[offer.rule]
    trigger = offer.line.entered.code if offer.line else None
    return event_rule_id(offer.kind.name, trigger, offer.item.code, offer.size)
