"""The cash counted at the day's end. Each terminal has a drawer of its own, so each terminal that
took cash (or gave money back in cash) is counted on its own, `T1=123.45`, and set against its own
expected cash; the store's count is the drawers' added up. One count for the store (`412.50`) is
read as before when one terminal at most took cash: that terminal's, or the store's when none did;
with two or more, each must be counted, and the refusal names them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pos.core.analytics.day_figures import DayFigures
from pos.core.base.errors import PosError
from pos.core.base.typed_money import typed_money

OPTION = "--counted"


class CountError(PosError):
    """A count that is not money, names no terminal of the day, or leaves a drawer uncounted."""


@dataclass(frozen=True)
class Counts:
    total: int
    """The store's: the drawers' counts added up, or the one count given for all of them."""
    by_terminal: dict[str, int] = field(default_factory=dict)


def to_count(figures: DayFigures) -> list[str]:
    """The terminals whose drawers hold the day's cash: those that took cash or gave money back in it."""
    return [name for name, each in figures.terminals.items() if each.tenders["cash"] or each.cash_back]


def read_counts(typed: Sequence[str], figures: DayFigures) -> Counts:
    """`typed`: one count for the store (`412.50`), or one per terminal (`T1=123.45`), each money in
    the day's currency. Raises CountError naming the text and what is expected."""
    if any("=" not in text for text in typed):
        return _one(typed, figures)
    found: dict[str, int] = {}
    for text in typed:
        terminal, _, amount = text.partition("=")
        terminal = terminal.strip()
        if terminal not in figures.terminals:
            listed = ", ".join(figures.terminals) or "none"
            raise CountError(
                f"{OPTION} {text!r}: no terminal {terminal!r} recorded anything on {figures.day} (terminals: {listed})"
            )
        if terminal in found:
            raise CountError(f"{OPTION} {text!r}: {terminal}'s drawer is counted twice")
        found[terminal] = _money(text, amount, figures.currency)
    missing = [name for name in to_count(figures) if name not in found]
    if missing:
        raise CountError(f"{OPTION}: {_need(missing)} still to count")
    return Counts(sum(found.values()), found)


def _one(typed: Sequence[str], figures: DayFigures) -> Counts:
    if len(typed) != 1:
        raise CountError(
            f"{OPTION} given {len(typed)} times: once for the store, or once per terminal (T1=AMOUNT)"
        )
    amount = _money(typed[0], typed[0], figures.currency)
    drawers = to_count(figures)
    if len(drawers) > 1:
        raise CountError(
            f"{OPTION} {typed[0]!r}: each terminal has its own drawer: {_need(drawers)} to count"
        )
    return Counts(amount, {drawer: amount for drawer in drawers})


def _money(text: str, amount: str, currency: str) -> int:
    try:
        return typed_money(amount, currency)
    except ValueError as error:
        raise CountError(f"{OPTION} {text!r}: {error}") from None


def _need(terminals: list[str]) -> str:
    """`T1 and T2's drawers (--counted T1=AMOUNT --counted T2=AMOUNT)`."""
    named = " and ".join(filter(None, (", ".join(terminals[:-1]), terminals[-1])))
    options = " ".join(f"{OPTION} {name}=AMOUNT" for name in terminals)
    return f"{named}'s drawer{'s' if len(terminals) > 1 else ''} ({options})"
