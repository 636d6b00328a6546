"""A rule's candidate offers (menu format version 3): the one offer it names (`offer`, an upsell's
`to`), or several (`offers`), of which each prompt makes one: the first the guards allow, or the one
the counter learns sells best in the order's context (`choose = "learn"`,
`pos.core.selling.learned_choice`). Each candidate keeps its own size, price and wording."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pos.core.selling.menu import Menu


class Choose(StrEnum):
    FIRST = "first"
    """The first candidate the guards allow: the default."""
    LEARN = "learn"
    """The candidate the store's own answers say keeps the most money in the order's context."""


DEFAULT_EXPLORE = Decimal("0.05")
MAX_EXPLORE = Decimal("0.5")
EXPLORE_DECIMALS = 3
EXPLORE_STEP = Decimal(1).scaleb(-EXPLORE_DECIMALS)
"""`explore` is written in thousandths at most: the least floor, 0.001, is the least chance a record
may log (`pos.core.base.events.MIN_PROPENSITY`)."""
MIN_OFFERS, MAX_OFFERS = 2, 6
"""How many candidates `offers` names: one is `offer`; choosing among more than six would learn
slowly and cost more than a millisecond (`benchmarks/learned_choice.py`)."""


@dataclass(frozen=True, slots=True)
class Choice:
    """How a rule picks among its candidates."""

    how: Choose = Choose.FIRST
    explore: Decimal = DEFAULT_EXPLORE
    """When learned: each allowed candidate's floor chance (`explore`, 0 to 0.5), so every one keeps
    being asked and the reports can value each against the others."""
    categories: frozenset[str] = frozenset()
    """The categories of the items its candidates offer: those a learned choice's context says the
    order has (`pos.core.selling.choice_context`), whether or not the guards allow that candidate."""

    @property
    def learned(self) -> bool:
        return self.how is Choose.LEARN

    def told(self, count: int, before: int = 0) -> str:
        """How `pos menu check` says, after a rule's number, that it picks one of `count` candidates,
        for one the guards allow after `before` others they allow (a candidate they never allow is
        told none: it is never picked)."""
        if count < 2:
            return ""
        if self.learned:
            return ", learned"
        return ", first allowed" if not before else ", next allowed"

    def said(self) -> str:
        """How `pos menu check` says in full how a rule picks among its candidates."""
        if not self.learned:
            return "the first that the guards allow"
        return (
            "learned from the store's answers by daypart, the order's lines and which of the offers' "
            f"categories it has; each offer allowed keeps at least {percent(self.explore)} % of the chances"
        )


def percent(share: Decimal) -> str:
    """A share as `pos menu check` says it: "5", "12.5" (per cent), as few digits as it takes."""
    return f"{(share * 100).normalize():f}"


def several_offers(
    menu: Menu, table: str, number: int, choice: Choice, when: str, offers: list[str]
) -> list[str]:
    """`pos menu check`'s lines for a rule with several offers: the rule and its id, how it picks one,
    when it is active, its holdout, then each offer and when the guards allow it."""
    share = menu.holdout_for((table, number))
    return [
        f"{table} #{number} ({menu.rule_ids[(table, number)]}): {choice.said()}",
        f"  when: {when}",
        f"  holdout: {percent(share)} % of its chances held out" if share else "  holdout: none",
        *(f"  {offer}" for offer in offers),
    ]


FIRST = Choice()


@dataclass(frozen=True, slots=True)
class Candidate:
    code: str
    """The key of the item (or meal) offered; an upsell's may be "next" or "largest", a bigger size."""
    size: str | None = None
    """The size offered (an add-on's), as the menu names it; None: the item's first."""
    price: int | None = None
    """The rule's special price for it (an upsell's added price); None: the menu's."""
    pitches: tuple[str, ...] = ()
    """Its wordings; none: the kind's default."""
