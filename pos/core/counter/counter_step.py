"""What a key means for one part of the sale, for the counter to carry out.

The prompts (`PromptFlow`), the till (`Till`) and the meal being keyed
(`MealKeying`) each work out what a key does in their part and return a `Step`;
none of them holds the counter. The counter (`pos.core.counter.counter.Counter`) alone
changes its state from the step (its stage, entry line, message, selected line
and last write), then does what the step says comes next, which may return a
step in turn. So the counter's state has one owner, and each part is tested by
what it returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from enum import Enum, auto

from pos.core.counter.counter_keys import Stage
from pos.core.counter.meal_entry import MealDraft
from pos.core.selling.offer import Offer


class Select(Enum):
    LAST = auto()
    """A line was added: the last line is selected."""
    SAME = auto()
    """A line's mark changed (F6 may bring its offer back): the selected line stays selected."""


class Then(Enum):
    NOTHING = auto()
    NEXT_PROMPT = auto()
    """The next offer of the prompts under way, or what follows the last of them."""
    KEYED_AHEAD = auto()
    """The items keyed during the prompts are added (`Counter.add_keyed_ahead`)."""
    TENDER = auto()
    """The amount tendered is asked."""


@dataclass(frozen=True)
class Step:
    """What a key did to the counter's state, and what comes next. None: that part stays as it was."""

    stage: Stage | None = None
    entry: str | None = None
    """The entry line as it now reads."""
    message: str | None = None
    error: bool = False
    """Whether the message is an error (ignored without a message)."""
    select: int | Select | None = None
    """The order changed: the line then selected (its index, the last, the same)."""
    wrote: Future[None] | None = None
    """The last record handed to the writer: the next prompt is drawn once it is on disk."""
    then: Then | Ask | KeyMeal = Then.NOTHING
    """What follows once the counter has taken the step: it may bring a step in turn."""


@dataclass(frozen=True)
class Ask:
    """These offers are prompted, one at a time."""

    offers: Iterator[Offer]


@dataclass(frozen=True)
class KeyMeal:
    """A yes to a meal: its other slots are asked, then that prompt's others follow."""

    draft: MealDraft
    offer: Offer
