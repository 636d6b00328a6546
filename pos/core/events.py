"""The logged record types, exactly as `events-and-reports.md` defines them.

They are plain dicts (TypedDicts) so they go to disk, to jq and to the reports
without conversion, and a million of them are cheap to build.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import NotRequired, TypedDict


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    """Asked, and the customer said no."""
    SKIPPED = "skipped"
    """The cashier moved on without asking."""
    ISSUED = "issued"
    """(v2, `after_sale`) Printed with its code on a paid receipt."""
    REDEEMED = "redeemed"
    """(v2, `after_sale`) Its code keyed in a later order."""
    HELD_OUT = "held_out"
    """(v2) A chance held out at random: not shown, so what customers take unprompted can be compared."""


ASKED_OUTCOMES = frozenset({Outcome.ACCEPTED, Outcome.DECLINED, Outcome.SKIPPED})
"""Outcomes of a prompt shown: what the ask and acceptance rates count; an after-sale offer's own
outcomes (`issued`, `redeemed`) and chances held out (`held_out`) have metrics of their own."""


SPEC_KINDS = frozenset({"upsell", "cross_sell", "checkout", "meal", "nudge", "after_sale"})
"""Every prompt kind the events spec (v2) names: a log may hold any, whatever this version sells."""


class Status(StrEnum):
    """How an order ended."""

    PAID = "paid"
    VOIDED = "voided"


class Mode(StrEnum):
    LIVE = "live"
    TRAINING = "training"


class Stamp(TypedDict):
    """Who, where and when: the fields every record starts with."""

    ts: str
    store: str
    """The store's display name (the menu's name by default)."""
    store_id: str
    """(v3) The data folder's store id (`pos.core.store_id`): what tells stores, and their orders, apart."""
    terminal: str
    cashier: str
    mode: str
    order: str


class PromptEvent(Stamp):
    kind: str
    trigger: str | None
    offer: str
    size: str | None
    pitch: str
    variant: int
    delta: int
    outcome: str
    response_ms: int
    daypart: str | None
    seq: int
    """(v2) The prompt's number within its order, from 1."""
    template: str
    """The rule's wording before it was filled in, so reports group one wording as one
    (an addition to the spec's fields)."""
    rule: str
    """(v3) The id of the menu rule that made it (`pos.core.rule_ids`): its kind, trigger, offer and size."""
    heard: int
    """(v3) Its number among the prompts the customer heard in the order (asked: accepted or
    declined), from 1; a prompt skipped carries the number it would have had, and is not counted
    for the next; 0 for a chance held out and for a receipt's code (never heard at the counter)."""
    revisit: NotRequired[bool]
    """(v2) True when the cashier brought a declined or skipped offer back; left out otherwise."""
    code: NotRequired[str]
    """(v2, `after_sale`) The receipt code."""
    issued_order: NotRequired[str]
    """(v2, `after_sale` redeemed) The order that issued the code."""


class LineRecord(TypedDict):
    code: str
    name: str
    size: str | None
    qty: int
    unit_price: int
    source: str
    prompt: int | None
    """(v2) The `seq` of the prompt that added or changed the line."""
    added: int
    """(v2) What that prompt added to the line: the delta of an upsell, the price of an add-on."""
    components: NotRequired[list[LineRecord]]
    """(v2) A meal's slot items, one unit each, as they would cost alone."""


class OrderRecord(Stamp):
    status: str
    lines: list[LineRecord]
    subtotal: int
    tax: int
    total: int
    tendered: int
    change: int
    prompts: int
    voided_lines: list[LineRecord]
    """(v2) Lines removed before payment."""


class AuditEvent(TypedDict):
    """(v3) An action a store audits, in a table of its own: a wrong code keyed (`wrong_code`), and
    the approvals to come. `detail` says what was keyed and why it was refused."""

    ts: str
    store_id: str
    terminal: str
    cashier: str
    mode: str
    """`live`, or `training` (a drill, a set clock): a wrong code pauses only its own mode's codes."""
    action: str
    approved_by: str | None
    order: str | None
    amount: int | None
    detail: str


def timestamp(moment: datetime) -> str:
    """ISO 8601 local time with its UTC offset, to the millisecond."""
    return moment.isoformat(timespec="milliseconds")
