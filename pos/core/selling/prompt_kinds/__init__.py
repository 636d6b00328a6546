"""Every kind of prompt: a module each, and the one line below that lists them.

A kind's module holds all that differs by kind: its rules' type and how it reads
them from its menu table, when it is offered and what (its `propose`), its title
on the screen, the mark on the order line, the default pitch, what the drills and
the simulator make of it. The menu loader, the engine, the screen, the drills, the
simulator and the reports look a kind up here (`kinds`, `by_name`, `names`); none
of them lists the kinds. To add a kind, write its module beside these and add its
`KIND` to `BUILT_IN`; a kind from elsewhere (a test's) is sold while `registered`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pos.core.base import events
from pos.core.selling.prompt_kinds import after_sale, checkout, cross_sell, meal, nudge, upsell
from pos.core.selling.prompt_kinds.kind import Moment, PromptKind, Proposal, Selling

BUILT_IN: tuple[PromptKind[Any], ...] = (
    upsell.KIND,
    cross_sell.KIND,
    meal.KIND,
    nudge.KIND,
    checkout.KIND,
    after_sale.KIND,
)
"""In the order they are offered at one moment (`Moment`): an item's upsell before its cross-sell."""
for _built_in in BUILT_IN:  # logged and read back under its name, whether the events spec names it yet or not
    events.log_kind(_built_in.name)
_kinds: list[PromptKind[Any]] = list(BUILT_IN)
UPSELL, CROSS_SELL, CHECKOUT = upsell.KIND, cross_sell.KIND, checkout.KIND


def kinds() -> tuple[PromptKind[Any], ...]:
    """Every kind sold, in the order they are offered: those built in, then those `registered`."""
    return tuple(_kinds)


def by_name(name: str) -> PromptKind[Any] | None:
    return next((kind for kind in _kinds if kind.name == name), None)


def names() -> tuple[str, ...]:
    """As logged and reported, in the order of `kinds`."""
    return tuple(kind.name for kind in _kinds)


@contextmanager
def registered(kind: PromptKind[Any]) -> Iterator[PromptKind[Any]]:
    """A kind sold beside those built in while the block runs, after them: its menu table read, its
    prompts made, logged under its name and read back (`pos.core.base.events.log_kind`); taken back
    at the end, when a log holding it is refused again (unless the events spec names it)."""
    if by_name(kind.name) is not None:
        raise ValueError(f"a prompt kind named {kind.name!r} is sold already")
    _kinds.append(kind)
    events.log_kind(kind.name)
    try:
        yield kind
    finally:
        _kinds.remove(kind)
        events.forget_kind(kind.name)


__all__ = [
    "BUILT_IN",
    "CHECKOUT",
    "CROSS_SELL",
    "UPSELL",
    "Moment",
    "PromptKind",
    "Proposal",
    "Selling",
    "by_name",
    "kinds",
    "names",
    "registered",
]
