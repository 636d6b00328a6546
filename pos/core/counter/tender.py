"""The amount the customer hands over, as typed on the payment line."""

from __future__ import annotations

from pos.core.base.errors import PosError
from pos.core.base.money import format_money, minor_digits, parse_money

MAX_TENDER_FACTOR = 100
"""A tender above this many times the total, and over 100 major units more than it, is a typing slip."""
MAX_TENDER_OVER_MAJOR = 100


class TenderError(PosError):
    pass


def max_tender(total: int, currency: str) -> int:
    """The largest tender taken: a hundred times the total, and at least 100 major units over it."""
    over: int = MAX_TENDER_OVER_MAJOR * 10 ** minor_digits(currency)
    return max(total * MAX_TENDER_FACTOR, total + over)


def parse_tender(text: str, total: int, currency: str) -> int:
    """Minor units tendered; "" is the exact amount. Raises TenderError saying what is wrong."""
    text = text.strip().replace(",", ".")
    if not text:
        return total
    if len(text) > 16:
        raise TenderError(f"That is not an amount: {len(text)} characters")
    try:
        tendered = parse_money(text, currency)
    except ValueError as error:
        raise TenderError(f"That is not an amount: {error}") from None
    if tendered < total:
        short = format_money(total - tendered, currency)
        raise TenderError(f"{format_money(tendered, currency)} is {short} short of the total")
    ceiling = max_tender(total, currency)
    if tendered > ceiling:
        raise TenderError(
            f"{format_money(tendered, currency)} is more than this counter takes for this order (at most {format_money(ceiling, currency)})"
        )
    return tendered
