"""How a receipt code is written: 12 characters, keyed as printed in three groups (`7KQM-3XWP-9D2F`)
or run together, from an alphabet without 0, O, 1 or I.

The first 11 characters carry 55 bits: the code's serial number in the store (31 bits: two
billion codes, so a code is never made twice while the store exists), a tag of the store (4
bits, from its store id) and a keyed check (20 bits of an HMAC-SHA256 with the store's secret:
a guess passes it once in 1,048,576 tries). The last is a check character anyone can work out
(a weighted sum mod 31), so any one character wrong, or two next to each other swapped, is told
as a typo. Codes of version 2 (8 characters) still redeem while their ledger lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""32 symbols: no 0, O, 1 or I to misread."""
LENGTH = 12
LEGACY_LENGTH = 8
SERIAL_BITS, TAG_BITS, CHECK_BITS = 31, 4, 20
GROUP = 4
"""Printed in groups of this many, joined by "-"."""


@dataclass(frozen=True)
class Parts:
    serial: int
    tag: int
    check: int

    @property
    def body(self) -> int:
        """What the keyed check is made over: the serial and the tag."""
        return self.serial << TAG_BITS | self.tag


def plain(text: str) -> str:
    """The code as keyed, without spaces or dashes, in capitals."""
    return "".join(text.split()).replace("-", "").upper()


def looks_like_code(text: str) -> bool:
    """Keyed like a code, of this version or the last (an item's code is tried first)."""
    code = plain(text)
    return len(code) in (LENGTH, LEGACY_LENGTH) and all(c in ALPHABET for c in code)


def typed_right(code: str) -> bool:
    """Its check character agrees with the rest: no typo that the check character catches."""
    if not code or any(c not in ALPHABET for c in code):
        return False
    symbols = [ALPHABET.index(c) for c in code]
    return _check_symbol(symbols[:-1]) == symbols[-1]


def encode(parts: Parts) -> str:
    value = (parts.body << CHECK_BITS) | parts.check
    symbols = [(value >> (5 * (LENGTH - 2 - i))) & 31 for i in range(LENGTH - 1)]
    return "".join(ALPHABET[v] for v in [*symbols, _check_symbol(symbols)])


def decode(code: str) -> Parts | None:
    """What a 12-character code carries; None when it is mistyped."""
    if len(code) != LENGTH or not typed_right(code):
        return None
    value = 0
    for c in code[:-1]:
        value = value << 5 | ALPHABET.index(c)
    check = value & ((1 << CHECK_BITS) - 1)
    body = value >> CHECK_BITS
    return Parts(body >> TAG_BITS, body & ((1 << TAG_BITS) - 1), check)


def grouped(code: str) -> str:
    """`7KQM-3XWP-9D2F`: as the receipt prints it."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def _check_symbol(symbols: list[int]) -> int:
    return sum((index + 1) * value for index, value in enumerate(symbols)) % 31
