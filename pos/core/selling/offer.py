"""An offer: a kind's proposal made, its wording drawn from the rule's pitches and filled in."""

from __future__ import annotations

import random
from dataclasses import dataclass, fields

from pos.core.base.money import format_money
from pos.core.selling.pitch import render
from pos.core.selling.prompt_kinds import Proposal


@dataclass(frozen=True, slots=True, kw_only=True)
class Offer(Proposal):
    """A proposal made: its wording drawn and filled in."""

    pitch: str
    variant: int
    template: str
    """The wording before it was filled in."""
    seq: int
    """Its number in the order, from 1."""
    revisit: bool = False
    """Brought back by the cashier after a no or a skip (`Sale.revisit`)."""
    held_out: bool = False
    """A chance held out at random (the rule's `holdout`): not shown, logged `held_out`."""


@dataclass(frozen=True, slots=True)
class Wording:
    pitch: str
    variant: int
    template: str

    def offer(self, proposal: Proposal, seq: int, held_out: bool) -> Offer:
        return Offer(
            **{field.name: getattr(proposal, field.name) for field in fields(proposal)},
            pitch=self.pitch,
            variant=self.variant,
            template=self.template,
            seq=seq,
            held_out=held_out,
        )


def drawn(proposal: Proposal, currency: str, rng: random.Random) -> Wording:
    """One of the proposal's pitches (its kind's default when it has none), filled in."""
    pitches = proposal.pitches
    variant = rng.randrange(len(pitches)) if len(pitches) > 1 else 0
    template = pitches[variant] if pitches else proposal.default_pitch
    line, item, size = proposal.line, proposal.item, proposal.size
    # For one of the line's units, so a line of 2 hears the same sentence as a line of 1.
    values = {
        "item": line.item.name if line else "",
        "offer": item.label(size),
        "size": size or "",
        "delta": format_money(proposal.unit_delta, currency),
        "price": format_money(proposal.price, currency),
        "saving": format_money(proposal.saving, currency),
        **dict(proposal.words),
    }
    return Wording(render(template, values), variant, template)
