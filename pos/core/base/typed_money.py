"""Money a person types (a tender, the cash counted, a discount), read by one strict rule: ASCII 0-9,
at most one decimal mark (a point or a comma, as the keyboard has it) and at most the currency's
decimals after it, below a million. Anything else is refused with one sentence, whatever was wrong,
because each of them read another way would be money nobody meant: `1,000` (a thousands separator,
$1.00 with the comma as the mark), `1e2` ($100.00), a sign, `_`, a space inside, another script's
digits, nan or inf. Three digits after a comma are a thousands separator in every currency, so
`1,000` is refused even where three decimals are allowed (type `1.000`)."""

from __future__ import annotations

import re
from decimal import Decimal

from pos.core.base.money import MAX_MAJOR, minor_digits

MOST_CHARACTERS = 24
"""Longer is no amount below a million: refused before it is read."""
_TYPED = re.compile(r"([0-9]*)(?:([.,])([0-9]*))?")


def typed_decimal(text: str, places: int) -> Decimal | None:
    """The number `text` writes (spaces around it aside) with 0-9, at most one decimal mark and at
    most `places` digits after it; None for anything else."""
    typed = text.strip()
    found = _TYPED.fullmatch(typed) if len(typed) <= MOST_CHARACTERS else None
    if found is None:
        return None
    whole, mark, part = found.group(1), found.group(2), found.group(3) or ""
    if not (whole or part) or len(part) > places or (mark and not places) or (mark == "," and len(part) == 3):
        return None
    return Decimal(f"{whole or 0}.{part or 0}")


def money_rule(currency: str) -> str:
    """The one refusal of a typed amount: what it should look like in `currency`."""
    digits = minor_digits(currency)
    like = "12" + (f".{'5'.ljust(digits, '0')}" if digits else "")
    decimals = f"at most {digits} decimals" if digits else "no decimals"
    return f"not an amount like {like}: digits, {decimals}, below {MAX_MAJOR:,}"


def typed_money(text: str, currency: str) -> int:
    """Minor units of the amount `text` writes in `currency`'s major unit. Raises ValueError with
    `money_rule(currency)`."""
    digits = minor_digits(currency)
    amount = typed_decimal(text, digits)
    if amount is None or amount >= MAX_MAJOR:
        raise ValueError(money_rule(currency))
    return int(amount.scaleb(digits))
