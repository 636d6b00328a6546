"""A sale on a test menu at a fixed time, and helpers to play it through."""

from __future__ import annotations

import random
from datetime import datetime

from pos.core.base.clock import FixedClock
from pos.core.base.events import Outcome, PromptEvent
from pos.core.selling.engine import Sale, Station
from pos.core.selling.learned_choice import FIRST_ALLOWED, Choosing
from pos.core.selling.menu import Menu
from pos.core.selling.offer import Offer

LUNCH = datetime(2026, 11, 23, 12, 15)
TEST_STORE_ID = "TESTSTQRE3"
"""A store id for sales logged nowhere (a data folder's is made by `pos.core.base.store_id`)."""


def make_sale(
    menu: Menu, now: datetime = LUNCH, seed: int = 1, choosing: Choosing = FIRST_ALLOWED, order: int = 1
) -> Sale:
    return Sale(
        menu,
        f"T1-20261123-{order:04d}",
        Station("Test Counter", TEST_STORE_ID, "T1", "C1"),
        FixedClock(now),
        random.Random(seed),
        choosing=choosing,
    )


def offers_for(
    sale: Sale, code: str, answers: list[Outcome] | None = None, size: str | None = None, qty: int = 1
) -> list[Offer]:
    """Enter an item and answer its prompts in turn (declined unless told)."""
    line = sale.add(code, size, qty)
    seen = []
    replies = list(answers or [])
    for offer in sale.prompts_for(line):
        seen.append(offer)
        sale.answer(offer, replies.pop(0) if replies else Outcome.DECLINED, 1000)
    return seen


def events_for(sale: Sale, code: str, answers: list[Outcome]) -> list[PromptEvent]:
    line = sale.add(code)
    replies = list(answers)
    return [sale.answer(offer, replies.pop(0), 1234) for offer in sale.prompts_for(line)]
