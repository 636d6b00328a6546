"""F2: the cashier signs out, with no order open and no prompt up; the next cashier signs in."""

from __future__ import annotations

from pos.core.counter.coach import Coach
from pos.core.counter.counter_keys import Stage
from pos.core.counter.counter_step import Step
from pos.core.counter.shop import Shop
from pos.core.selling.engine import Sale


def sign_out(sale: Sale, shop: Shop, coach: Coach, busy: bool) -> Step:
    """`busy`: an order is open or a prompt is up, and sign-out waits for it."""
    if not coach.may_sign_out:
        return Step(message="A drill ends when its last customer is served (Ctrl+Q stops it)", error=True)
    if busy:
        return Step(
            message="Finish or void the order first (F10 pay, F9 void), then F2 signs out", error=True
        )
    if sale.started:  # lines keyed and voided, or prompts: the order is kept as voided
        return Step(stage=Stage.SIGNED_OUT, wrote=shop.recorder.order(sale.void()))
    shop.numbers.release_order_id(sale.order.id)  # the next cashier's first order takes it
    return Step(stage=Stage.SIGNED_OUT)
