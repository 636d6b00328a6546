"""Choosing among a rule's candidates (menu format version 3): the first the guards allow, or, for
`choose = "learn"`, the one the store's own answers say keeps the most money in the order's context.

Learning is Thompson sampling on the money a chance keeps, with a floor chance for each candidate:

- each allowed candidate's acceptance in this rule and context is a Beta(1 + yes, 1 + no) of the
  answers it got (`Answers`: asked only; a skip or a chance held out tells nothing of the customer);
- a draw of it, in millionths, times what the candidate adds to this order in cents, is what the
  chance would keep (whole numbers: money never in floats); `DRAWS` draws of every candidate's, from
  the sale's seeded random source, give each the share of draws it wins;
- the offer is then drawn with chance `explore + (1 - n x explore) x share` (n candidates allowed).

That chance is the `propensity` logged: computed exactly, given those draws, not estimated (which
is what an off-policy estimate needs: the chance the choice really had), and always above 0 (a
candidate that wins no draw keeps its floor; with no floor, the one drawn won a draw). Taken over
the draws, a candidate's chance is its floor plus the rest times its true Thompson chance.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Protocol

from pos.core.base.events import ChoiceContext
from pos.core.selling.candidates import Choice
from pos.core.selling.choice_context import choice_context
from pos.core.selling.menu import code_key
from pos.core.selling.prompt_kinds.kind import Learned, Proposal, Selling

DRAWS = 32
"""Posterior draws per choice. However many, a candidate's chance over the draws is its Thompson
chance; more only keep the propensity logged nearer to it. 32 choose among six candidates in well
under a millisecond (`benchmarks/learned_choice.py`)."""
CHANCE_UNITS = 1_000_000
"""A drawn acceptance is taken in millionths, so what a chance keeps is a whole number."""

Tallied = tuple[str, ChoiceContext, str]
"""A rule's id, a context, and an offer's code."""


class Answers:
    """What the store's answers to learned choices taught: yes and no, per rule, context and offer."""

    def __init__(self) -> None:
        self._tallies: dict[Tallied, list[int]] = {}

    def add(self, rule: str, context: ChoiceContext, offer: str, accepted: bool, count: int = 1) -> None:
        """`count` answers more (fewer, when below 0: a file read again takes its own back)."""
        tally = self._tallies.setdefault((rule, context, code_key(offer)), [0, 0])
        tally[0 if accepted else 1] += count

    def tally(self, rule: str, context: ChoiceContext, offer: str) -> tuple[int, int]:
        """The yes and the no the offer got in the rule and context."""
        yes, no = self._tallies.get((rule, context, code_key(offer)), (0, 0))
        return yes, no


class Choosing(Protocol):
    """How a sale picks among a learned rule's allowed candidates (`Sale.choose`)."""

    def choose(
        self, sale: Selling, rule: str, choice: Choice, allowed: Sequence[Proposal], rng: random.Random
    ) -> Proposal: ...


@dataclass(frozen=True)
class FirstAllowed:
    """Every rule's first allowed candidate, or the first of them that `shown` names (a drill's
    script): the same offer every time, for drills, a training session and the simulator."""

    shown: tuple[str, ...] = ()
    """Codes to show first, where a rule has them among its allowed candidates."""

    def choose(
        self, sale: Selling, rule: str, choice: Choice, allowed: Sequence[Proposal], rng: random.Random
    ) -> Proposal:
        keys = {code_key(code) for code in self.shown}
        return next((offer for offer in allowed if offer.item.key in keys), allowed[0])


FIRST_ALLOWED = FirstAllowed()


class AnswersSource(Protocol):
    def answers(self) -> Answers:
        """The answers as they stand now: those of every terminal of the store (`pos.core.log.learned_answers`)."""
        ...


@dataclass(frozen=True)
class Learning:
    """The store's answers, choosing for each learned rule."""

    source: AnswersSource

    def choose(
        self, sale: Selling, rule: str, choice: Choice, allowed: Sequence[Proposal], rng: random.Random
    ) -> Proposal:
        context = choice_context(sale, choice.categories)
        answers = self.source.answers()
        tallies = [answers.tally(rule, context, offer.item.code) for offer in allowed]
        chances = policy(tallies, [offer.delta for offer in allowed], choice.explore, rng)
        chosen = drawn(chances, rng)
        candidates = tuple(offer.item.code for offer in allowed)
        return replace(allowed[chosen], learned=Learned(candidates, chances[chosen], context))


def policy(
    tallies: Sequence[tuple[int, int]], deltas: Sequence[int], explore: Decimal, rng: random.Random
) -> list[float]:
    """Each candidate's chance of being offered: its floor, and the rest by its share of `DRAWS`
    posterior draws of what a chance keeps (ties to the first). Worked out in decimals, which hold
    it exactly (a share is in 32nds), so the chances sum to 1 and each reads as it is."""
    wins = [0] * len(deltas)
    betavariate = rng.betavariate
    for _ in range(DRAWS):
        best, most = 0, -1
        for index, ((yes, no), delta) in enumerate(zip(tallies, deltas, strict=True)):
            kept = int(betavariate(1 + yes, 1 + no) * CHANCE_UNITS) * delta
            if kept > most:
                best, most = index, kept
        wins[best] += 1
    rest = 1 - len(deltas) * explore
    return [float(explore + rest * won / DRAWS) for won in wins]


def drawn(chances: Sequence[float], rng: random.Random) -> int:
    """A candidate drawn with its chance; the last with a chance above 0 when rounding leaves some over."""
    point = rng.random()
    for index, chance in enumerate(chances):
        if point < chance:
            return index
        point -= chance
    return max(index for index, chance in enumerate(chances) if chance > 0)
