"""Money as integer minor units (cents), parsed from exact decimal text.

Floats never hold money: menu prices arrive as `Decimal` (the loader reads TOML
floats with `parse_float=Decimal`) or strings, and leave this module as `int`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from pos.core.base.digits import decimal_number

MINOR_DIGITS: dict[str, int] = {
    # ISO 4217 currencies whose minor unit is not the usual two digits.
    **dict.fromkeys(
        [
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
            "XPF",
        ],
        0,
    ),
    **dict.fromkeys(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], 3),
}
SYMBOLS: dict[str, str] = {
    "USD": "$",
    "CAD": "$",
    "AUD": "$",
    "NZD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "INR": "₹",
    "KRW": "₩",
    "CHF": "CHF ",
    "MXN": "$",
}


MAX_MAJOR = 1_000_000
"""Every amount (a price, a tender) is below a million of the currency's major unit."""


def minor_digits(currency: str) -> int:
    return MINOR_DIGITS.get(currency, 2)


def parse_money(value: object, currency: str) -> int:
    """Read a price a file writes in the currency's major unit into minor units: text (`"3.49"`) or a
    TOML number, with at most the currency's decimals written: `"1.000"` is refused, never read as
    one dollar (or one yen) where a thousand was meant. Money a person types is read by
    `pos.core.base.typed_money`.

    Raises ValueError with a sentence that says what was expected.
    """
    digits = minor_digits(currency)
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise ValueError(f'expected a price like "3.49", got {value!r}')
    amount = decimal_number(value) if isinstance(value, str) else Decimal(value)
    if amount is None or not amount.is_finite():
        raise ValueError(f'expected a price like "3.49", got {value!r}')
    if amount < 0:
        raise ValueError(f"a price cannot be negative, got {value!r}")
    if amount >= MAX_MAJOR:
        raise ValueError(f"an amount is below {MAX_MAJOR:,} {currency}, got {_shown(value)}")
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent > digits:
        raise ValueError(f"{currency} prices have at most {digits} decimals, got {value!r}")
    return int(amount.scaleb(digits))


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 24 else text[:20] + "…"


def round_half_up(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_money(minor: int, currency: str) -> str:
    digits = minor_digits(currency)
    sign = "-" if minor < 0 else ""
    major, cents = divmod(abs(minor), 10**digits)
    text = f"{major:,}" + (f".{cents:0{digits}d}" if digits else "")
    symbol = SYMBOLS.get(currency)
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency}"


def shares(amount: int, weights: Sequence[int]) -> list[int]:
    """`amount` (0 and up) split in proportion to `weights` (0 and up; all 0: equal), in minor units
    that sum to `amount` exactly: each share rounded down, then the units left over one each to the
    largest remainders, the earlier first among equal ones."""
    weights = (
        [max(weight, 0) for weight in weights]
        if any(weight > 0 for weight in weights)
        else [1] * len(weights)
    )
    total = sum(weights)
    if not total:
        return []
    parts = [divmod(amount * weight, total) for weight in weights]
    left = amount - sum(share for share, _ in parts)
    ahead = set(sorted(range(len(parts)), key=lambda index: -parts[index][1])[:left])
    return [share + (index in ahead) for index, (share, _) in enumerate(parts)]
