"""The after-sale offer at the till: a code printed on a paid receipt, and a code redeemed.

A paid live order that meets the first active `[[after_sale]]` rule gets the
offer's pitch and a new code on its receipt (an `issued` event). A code keyed on
the entry line of a later order adds the offer at its price as a line (a
`redeemed` event naming the issuing order), or says why not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pos.core.base.events import AuditEvent, IssuedCode, Outcome, PromptEvent, timestamp
from pos.core.base.money import format_money
from pos.core.codes.code_format import grouped, plain
from pos.core.codes.codes import Codes, Refusal
from pos.core.codes.past_wrong_codes import ACTION
from pos.core.selling.engine import Sale
from pos.core.selling.menu import Menu
from pos.core.selling.order import OrderLine
from pos.core.selling.pitch import render
from pos.core.selling.prompt_kinds import after_sale
from pos.core.selling.rule_ids import event_rule_id


@dataclass(frozen=True)
class Printed:
    """What the receipt says of the next visit."""

    pitch: str
    code: str
    event: PromptEvent


@dataclass(frozen=True)
class Refused:
    """A code keyed that adds nothing: what the cashier is told, and the audit event of a wrong one."""

    message: str
    audit: AuditEvent | None


def print_offer(sale: Sale, codes: Codes) -> Printed | None:
    """After payment: the rule's offer and a new code, when the order meets a rule."""
    menu, now = sale.menu, sale.now()
    rule = after_sale.rule_for(menu, sale.order.spent, now)  # the menu's time; the code's days are real
    if rule is None:
        return None
    item = menu.items[rule.offer]
    size, price = item.offered_at(rule.size, rule.price)
    rule_id = menu.rule_ids[(after_sale.KIND.name, rule.number)]
    issued = codes.issue(
        sale.order.id, item.code, size.name, price, sale.real_now().date(), rule.valid_days, rule_id
    )
    variant = sale.draw(len(rule.pitches))
    template = rule.pitches[variant] if rule.pitches else after_sale.KIND.default_pitch
    money = format_money(price, menu.currency)
    values = {
        "item": "",
        "offer": item.label(size.name),
        "size": size.name or "",
        "delta": money,
        "price": money,
    }
    code = grouped(issued.code)
    pitch = render(template, values | {"saving": "", "days": str(rule.valid_days), "code": code})
    event = _event(sale, item.code, size.name, pitch, variant, template, price, Outcome.ISSUED, rule_id)
    event.code = issued.code
    return Printed(pitch, code, event)


def redeem(sale: Sale, codes: Codes, text: str) -> PromptEvent | Refused:
    """The code's offer added to the order, and the event to log; or what is wrong with the code."""
    menu = sale.menu
    result = codes.redeem(text, sale.order.id, sale.real_now().date(), lambda issued: _sold(menu, issued))
    if isinstance(result, Refusal):
        keyed = plain(text)
        message = f"Code {keyed} {result}: nothing added"
        if result is Refusal.PAUSED:  # the wait first: a narrow message line cuts the end
            wait = math.ceil(codes.wrong.paused_for())
            message = f"Codes paused here for {wait} s after too many wrong ones: {keyed} not checked"
        wrong = result.is_wrong or result is Refusal.PAUSED
        return Refused(message, _audit(sale, keyed, result) if wrong else None)
    item = menu.item(result.offer)
    assert item is not None
    sale.prompts += 1
    line = OrderLine(
        item, result.size, 1, result.price, after_sale.KIND.name, entered=item, prompt=sale.prompts
    )
    sale.add_line(line)
    words = f"code {result.code} redeemed"
    rule = result.rule or event_rule_id(after_sale.KIND.name, None, item.code, result.size)
    event = _event(sale, item.code, result.size, words, 0, words, result.price, Outcome.REDEEMED, rule)
    event.code, event.issued_order = result.code, result.order
    return event


def _sold(menu: Menu, issued: IssuedCode) -> bool:
    item = menu.item(issued.offer)
    return item is not None and item.size_index(issued.size) is not None


def _audit(sale: Sale, keyed: str, refusal: Refusal) -> AuditEvent:
    station = sale.station
    return AuditEvent(
        ts=timestamp(sale.real_now()),
        store_id=station.store_id,
        terminal=station.terminal,
        cashier=station.cashier,
        mode=station.mode,
        action=ACTION,
        approved_by=None,
        order=sale.order.id,
        amount=None,
        detail=f"{keyed}: {refusal.name.lower()}",
    )


def _event(
    sale: Sale,
    offer: str,
    size: str | None,
    pitch: str,
    variant: int,
    template: str,
    delta: int,
    outcome: Outcome,
    rule: str,
) -> PromptEvent:
    now = sale.real_now()
    return PromptEvent(
        **sale.stamp(now),
        kind=after_sale.KIND.name,
        trigger=None,
        offer=offer,
        size=size,
        pitch=pitch,
        variant=variant,
        delta=delta,
        outcome=outcome,
        response_ms=0,
        daypart=sale.menu.daypart_at(sale.now()),
        seq=sale.prompts + (1 if outcome is Outcome.ISSUED else 0),
        template=template,
        rule=rule,
        heard=0,  # printed, or keyed by the cashier: no prompt the customer hears
    )
