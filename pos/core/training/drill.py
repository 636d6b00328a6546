"""A drill: customers served by a trainee, and how well.

The screen reports what happens (a prompt shown, asked, an answer recorded, an
order paid); this module keeps the customer's side and the score:

- ask rate: prompts asked / prompts shown (the chances);
- answers right: recorded answers that match what the customer said;
- order right: what was keyed equals what the customer said plus what they
  accepted;
- seconds per customer: from the customer's arrival to payment;
- score = 40 x ask rate + 30 x answers right + 20 x orders right + 10 x speed,
  where speed is 1 up to the target time and falls to 0 at three times it.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from pos.core.base.events import Outcome
from pos.core.counter.entry import Entry
from pos.core.counter.meal_entry import MealOrder
from pos.core.selling.menu import Combo, Item
from pos.core.selling.offer import Offer
from pos.core.selling.order import MealLine, Order, OrderLine
from pos.core.selling.prompt_kinds import Moment, kinds
from pos.core.training.customers import Customer, MealPicks

TARGET_SECONDS = 30
"""Seconds per customer that earn the full speed points (normal and rush)."""
RUSH_ARRIVALS_SECONDS = 20
"""In a rush, a new customer joins the queue this often."""
WEIGHTS = {"ask rate": 40, "answers right": 30, "orders right": 20, "speed": 10}

Key = tuple[str, str | None]
"""An order line's item code and size."""


class Level(StrEnum):
    EASY = "easy"
    NORMAL = "normal"
    RUSH = "rush"


@dataclass
class PromptTurn:
    offer: Offer
    line_before: Key | None
    """The upsold line as it stood when the prompt was shown."""
    asked: bool = False
    customer_yes: bool | None = None
    words: str = ""
    recorded: Outcome | None = None
    picks: MealPicks | None = None
    """For a yes to a meal: what the customer picked for the slots to be asked."""
    changes_mind: bool = False
    """The customer says no, then wants it after all: the trainee brings it back (F6)."""

    @property
    def right(self) -> bool | None:
        """Whether the recorded answer matches the customer's; None when not asked."""
        if not self.asked or self.recorded is Outcome.SKIPPED or self.recorded is None:
            return None
        return (self.recorded is Outcome.ACCEPTED) == self.customer_yes


@dataclass
class CustomerResult:
    number: int
    customer: Customer
    says: str = ""
    """What the customer says at the counter (a returning customer adds their code)."""
    turns: list[PromptTurn] = field(default_factory=list)
    arrived: float = 0.0
    seconds: float = 0.0
    expected: Counter[Key] = field(default_factory=Counter)
    keyed: Counter[Key] = field(default_factory=Counter)
    in_meals: set[int] = field(default_factory=set)
    """Entries of the customer's order (by index) that went into a meal a prompt sold them: they
    are in the meal now, not keyed on their own."""

    @property
    def chances(self) -> int:
        return len(self.turns)

    @property
    def asked(self) -> int:
        return sum(turn.asked and turn.recorded is not Outcome.SKIPPED for turn in self.turns)

    @property
    def answers_right(self) -> int:
        return sum(turn.right is True for turn in self.turns)

    @property
    def order_right(self) -> bool:
        return +self.keyed == +self.expected

    @property
    def added_revenue(self) -> int:
        return sum(turn.offer.delta for turn in self.turns if turn.recorded is Outcome.ACCEPTED)


@dataclass(frozen=True)
class DrillSummary:
    name: str
    level: Level
    results: list[CustomerResult]
    parts: dict[str, float]
    """Each part of the score, from 0 to 1, by the names in WEIGHTS."""
    score: int
    formula: str
    tips: list[str]
    seconds_per_customer: float
    added_revenue: int

    def record(self, cashier: str, ts: str) -> dict[str, object]:
        """What the score book keeps."""
        return {
            "ts": ts,
            "cashier": cashier,
            "drill": self.name,
            "level": str(self.level),
            "customers": len(self.results),
            "score": self.score,
            "ask_rate": round(self.parts["ask rate"], 4),
            "answers_right": round(self.parts["answers right"], 4),
            "orders_right": round(self.parts["orders right"], 4),
            "seconds_per_customer": round(self.seconds_per_customer, 1),
            "added_revenue": self.added_revenue,
        }


class DrillRun:
    def __init__(
        self,
        name: str,
        customers: list[Customer],
        level: Level,
        rng: random.Random,
        timer: Callable[[], float],
        names: Mapping[str, str] | None = None,
        shown: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.customers = customers
        self.names: Mapping[str, str] = names or {}
        """Item names by code, for the tips (the menu's; codes where empty)."""
        self.level = level
        self.shown = shown
        """Of a rule's several offers, those the drill shows first where allowed (the script's
        `offers`); else the first allowed: a drill never learns, every trainee hears the same."""
        self.rng = rng
        self.timer = timer
        self.results: list[CustomerResult] = []
        self.codes: list[tuple[str, str, str | None]] = []
        """Codes printed on this drill's receipts, not yet brought back: code, item, size."""
        self._started = timer()

    @property
    def current(self) -> CustomerResult | None:
        return self.results[-1] if self.results and len(self.results) <= len(self.customers) else None

    @property
    def done(self) -> bool:
        return len(self.results) == len(self.customers) and self.results[-1].seconds > 0

    def arrival(self, index: int) -> float:
        """When customer `index` joins the queue (a rush) or reaches the counter."""
        if self.level is Level.RUSH:
            return self._started + index * RUSH_ARRIVALS_SECONDS
        return self.timer()

    def waiting(self) -> int:
        """Customers in the queue behind the one being served (a rush only)."""
        if self.level is not Level.RUSH:
            return 0
        now = self.timer()
        arrived = sum(self.arrival(index) <= now for index in range(len(self.customers)))
        return max(0, arrived - len(self.results))

    def next_customer(self) -> CustomerResult:
        index = len(self.results)
        customer = self.customers[index]
        result = CustomerResult(
            index + 1, customer, customer.says, arrived=min(self.arrival(index), self.timer())
        )
        if customer.returns and self.codes:
            code, offer, offer_size = self.codes.pop(0)
            result.says = f"{customer.words.coming_back(code, self.rng)} {customer.says}"
            result.expected[(offer, offer_size)] += 1
        for entry in customer.order:
            if isinstance(entry, MealOrder):
                for item, size in entry.components():
                    result.expected[(item.code, size)] += entry.qty
            else:
                result.expected[(entry.item.code, entry.size or entry.item.sizes[0].name)] += entry.qty
        self.results.append(result)
        return result

    def printed(self, code: str, item: str, size: str | None) -> None:
        """A receipt's code for the next visit: a returning customer brings it."""
        self.codes.append((code, item, size))

    def prompt_shown(self, offer: Offer) -> PromptTurn:
        assert self.current is not None
        line = offer.line
        turn = PromptTurn(offer, (line.item.code, line.size) if line is not None else None)
        self.current.turns.append(turn)
        return turn

    def ask(self, turn: PromptTurn) -> str:
        """The trainee says the pitch; the customer's answer in words."""
        if not turn.asked:
            assert self.current is not None
            turn.asked = True
            customer, offer = self.current.customer, turn.offer
            turn.customer_yes = customer.answers_yes(offer, self.rng)
            minds = customer.changes_mind and not customer.has(offer)
            if minds and offer.kind.moment is Moment.ITEM and isinstance(offer.item, Item):
                minded = [t for t in self.current.turns if t.changes_mind]
                if offer.revisit and minded and minded[0].offer.key == offer.key:
                    turn.customer_yes = True  # asked again: yes, as they said (already in their order)
                    turn.words = customer.answer_words(offer, True, self.rng)
                    return turn.words
                elif not minded and not offer.revisit:
                    turn.customer_yes, turn.changes_mind = False, True
            if turn.customer_yes and turn.offer.makes_meal:
                turn.picks = customer.meal_picks(turn.offer, self.rng, self._still_to_key(offer))
            turn.words = customer.answer_words(turn.offer, turn.customer_yes, self.rng, turn.picks)
            if turn.customer_yes:
                self._apply(turn)
        return turn.words

    def _still_to_key(self, offer: Offer) -> list[int]:
        """At item entry: the entries of the customer's order after the one whose line the offer is
        for, as a trainee keys them in the order said (at payment every entry is keyed)."""
        current = self.current
        assert current is not None
        if offer.kind.moment is not Moment.ITEM or not isinstance(offer.line, OrderLine):
            return []
        order, key = current.customer.order, offer.line.item.key
        at = next(
            (
                index
                for index, entry in enumerate(order)
                if isinstance(entry, Entry) and entry.item.key == key
            ),
            len(order),
        )
        return [index for index in range(at + 1, len(order)) if index not in current.in_meals]

    def record(self, turn: PromptTurn, outcome: Outcome) -> str:
        """The trainee's answer; what the customer says next (a change of mind), if anything."""
        turn.recorded = outcome
        if turn.changes_mind and outcome is Outcome.DECLINED:
            self._apply(turn)  # it belongs in their order now: brought back or not
            assert self.current is not None
            again = self.current.customer.words.changing_mind(
                turn.offer.item.label(turn.offer.size), self.rng
            )
            return f"The customer: “{again}”  Select its line (↑ ↓) and press F6."
        return ""

    def order_finished(self, order: Order) -> CustomerResult:
        result = self.current
        assert result is not None
        result.keyed = Counter()
        # a meal made of loose lines at payment serves them at its sizes: they count as keyed
        meals = [line for meal in order.meals for line in meal.loose or meal.components]
        for line in [*order.lines, *meals]:
            result.keyed[(line.item.code, line.size)] += line.qty
        result.seconds = max(0.01, self.timer() - result.arrived)
        return result

    def _apply(self, turn: PromptTurn) -> None:
        """What the customer accepted belongs in their order."""
        assert self.current is not None
        offer, expected = turn.offer, self.current.expected
        if offer.makes_meal and isinstance(offer.item, Combo) and turn.picks is not None:
            meals = offer.line.qty if offer.kind.upgrades_line and offer.line is not None else 1
            missing = [slot for slot, fill in zip(offer.item.slots, offer.fills, strict=True) if fill is None]
            for slot, item, moved in zip(missing, turn.picks.items, turn.picks.moved, strict=True):
                expected[(item.code, slot.size_of(item).name)] += meals
                if moved is not None:  # their own, in the meal now
                    entry = self.current.customer.order[moved]
                    assert isinstance(entry, Entry)
                    expected[(entry.item.code, entry.size or entry.item.sizes[0].name)] -= entry.qty
                    self.current.in_meals.add(moved)
            for slot, fill in zip(offer.item.slots, offer.fills, strict=True):
                served = slot.served(fill.item, fill.size).name if fill is not None else None
                if fill is not None and served != fill.size:  # a Small Cola of theirs is the meal's Medium
                    expected[(fill.item.code, fill.size)] -= meals
                    expected[(fill.item.code, served)] += meals
        elif offer.kind.upgrades_line and isinstance(offer.line, MealLine):  # the meal one size up
            meals = offer.delta // offer.unit_delta if offer.unit_delta else 1
            for line, size in offer.line.one_size_up():
                expected[(line.item.code, line.size)] -= meals
                expected[(line.item.code, size.name)] += meals
        elif offer.kind.upgrades_line and turn.line_before is not None and offer.line is not None:
            qty = offer.line.qty
            expected[turn.line_before] -= qty
            expected[(offer.item.code, offer.size)] += qty
        else:
            expected[(offer.item.code, offer.size)] += 1

    def summary(self) -> DrillSummary:
        results = self.results
        chances = sum(r.chances for r in results)
        asked = sum(r.asked for r in results)
        seconds = sum(r.seconds for r in results) / len(results) if results else 0.0
        parts = {
            "ask rate": asked / chances if chances else 1.0,
            "answers right": sum(r.answers_right for r in results) / asked if asked else 1.0,
            "orders right": sum(r.order_right for r in results) / len(results) if results else 1.0,
            "speed": 1.0 if self.level is Level.EASY else _speed(seconds),
        }
        # half up, as money rounds: 82.5 is 83 (round() would give 82); float noise cut first
        total = Decimal(str(round(sum(WEIGHTS[name] * value for name, value in parts.items()), 9)))
        score = int(total.quantize(Decimal(1), ROUND_HALF_UP))
        formula = (
            "score = "
            + " + ".join(f"{WEIGHTS[name]} × {name} {value:.2f}" for name, value in parts.items())
            + f" = {score}"
        )
        return DrillSummary(
            self.name,
            self.level,
            results,
            parts,
            score,
            formula,
            self._tips(parts, seconds),
            seconds,
            sum(r.added_revenue for r in results),
        )

    def _tips(self, parts: dict[str, float], seconds: float) -> list[str]:
        tips = []
        turns = [turn for result in self.results for turn in result.turns]
        for kind in kinds():
            of_kind = [turn for turn in turns if turn.offer.kind is kind]
            skipped = [turn for turn in of_kind if not turn.asked or turn.recorded is Outcome.SKIPPED]
            if skipped:
                tips.append(
                    f"You skipped {len(skipped)} of {len(of_kind)} {kind.plural}: ask every one, it is what sells."
                )
        for turn in turns:
            if turn.right is False:
                said = "yes" if turn.customer_yes else "no"
                tips.append(
                    f"The customer said {said} to {turn.offer.item.label(turn.offer.size)}, but you recorded {turn.recorded}."
                )
        for result in self.results:
            minded = [
                turn for turn in result.turns if turn.changes_mind and turn.recorded is Outcome.DECLINED
            ]
            brought_back = any(
                turn.offer.revisit and turn.recorded is Outcome.ACCEPTED for turn in result.turns
            )
            if minded and not brought_back:
                tips.append(
                    f"Customer {result.number} changed their mind about "
                    f"{minded[0].offer.item.label(minded[0].offer.size)}: select its line and press F6 to ask again."
                )
            if not result.order_right:
                tips.append(
                    f"Customer {result.number}'s order was keyed wrong: expected {_lines(result.expected, self.names)}, keyed {_lines(result.keyed, self.names)}."
                )
        if self.level is not Level.EASY and seconds > TARGET_SECONDS:
            tips.append(f"You took {seconds:.0f} s per customer; aim for {TARGET_SECONDS} s.")
        if not tips:
            tips.append("Perfect: every chance asked, every answer and every order right.")
        return tips


def _speed(seconds: float) -> float:
    if seconds <= TARGET_SECONDS:
        return 1.0
    return max(0.0, 1 - (seconds - TARGET_SECONDS) / (2 * TARGET_SECONDS))


def _lines(lines: Counter[Key], names: Mapping[str, str]) -> str:
    """`1 x Grande Cappuccino, 2 x Croissant` (with the sign): what the trainee reads, names not codes."""
    return (
        ", ".join(
            f"{qty} × {size + ' ' if size else ''}{names.get(code, code)}"
            for (code, size), qty in sorted((+lines).items(), key=str)
        )
        or "nothing"
    )
