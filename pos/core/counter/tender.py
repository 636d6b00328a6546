"""The amount the customer hands over, as typed on the payment line."""

from __future__ import annotations

from pos.core.base.errors import PosError
from pos.core.base.events import MAX_TENDERS, TenderKind
from pos.core.base.money import format_money, minor_digits
from pos.core.base.typed_money import typed_money

MAX_TENDER_FACTOR = 100
"""A tender above this many times the total, and over 100 major units more than it, is a typing slip."""
MAX_TENDER_OVER_MAJOR = 100


class TenderError(PosError):
    pass


def max_tender(total: int, currency: str) -> int:
    """The largest tender taken: a hundred times the total, and at least 100 major units over it."""
    over: int = MAX_TENDER_OVER_MAJOR * 10 ** minor_digits(currency)
    return max(total * MAX_TENDER_FACTOR, total + over)


def parse_tender(text: str, total: int, currency: str, of: str = "the total") -> int:
    """Minor units tendered in cash for `total` (`of` names it); "" is the exact amount. Raises
    TenderError saying what is wrong."""
    tendered = _amount(text, currency)
    if tendered is None:
        return total
    if tendered < total:
        short = format_money(total - tendered, currency)
        raise TenderError(f"{format_money(tendered, currency)} is {short} short of {of}")
    ceiling = max_tender(total, currency)
    if tendered > ceiling:
        raise TenderError(
            f"{format_money(tendered, currency)} is more than this counter takes for this order (at most {format_money(ceiling, currency)})"
        )
    return tendered


def parse_part(text: str, due: int, kind: TenderKind, currency: str, taken: int) -> int:
    """Minor units taken by card or other of the `due` left, with `taken` tenders taken before; ""
    is all that is due. Never above it: change comes only from cash. Raises TenderError."""
    if due < 1:
        raise TenderError(f"Nothing is due: Enter takes the payment, with no {kind} tender")
    amount = _amount(text, currency)
    if amount is None:
        return due
    if amount < 1:
        raise TenderError(
            f"A {kind} tender of {format_money(0, currency)} takes nothing: Enter alone takes all that is due"
        )
    if amount > due:
        raise TenderError(
            f"A {kind} tender takes at most the {format_money(due, currency)} due: change comes only from cash"
        )
    if amount < due and taken + 1 >= MAX_TENDERS:
        raise TenderError(f"An order takes at most {MAX_TENDERS} tenders: this one pays all that is due")
    return amount


def _amount(text: str, currency: str) -> int | None:
    """Minor units as typed; None when nothing was."""
    if not text.strip():
        return None
    try:
        return typed_money(text, currency)
    except ValueError as error:
        raise TenderError(f"Tendered {text.strip()!r}: {error}") from None
