"""A PIN kept only as a salted, slow hash: the standard library's scrypt (n=2**14, r=8, p=1) with
a random 16-byte salt per member, so two members with one PIN store different hashes and a copy
of the crew file does not give the PINs back. Compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Annotated, Literal

from msgspec import Meta, Struct

from pos.core.base.errors import PosError

MOST_DIGITS = 12
PIN_RULE = f"4 to {MOST_DIGITS} digits"
_PIN = re.compile(f"[0-9]{{4,{MOST_DIGITS}}}")
N, R, P = 2**14, 8, 1
SALT_BYTES = 16
HASH_BYTES = 32
Hex = Annotated[str, Meta(pattern="^[0-9a-f]+$", max_length=128)]


class PinHash(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """As `crew.json` keeps it. The cost is the file's, bounded so a hostile file can neither stall a
    sign-in nor ask scrypt for more than its memory limit (128 * n * r bytes: at most 32 MiB). The salt
    is whole bytes and the hash scrypt's 32: either one otherwise would match no PIN ever typed."""

    scheme: Literal["scrypt"] = "scrypt"
    n: Annotated[int, Meta(ge=2**10, le=2**15)] = N
    r: Annotated[int, Meta(ge=1, le=R)] = R
    p: Annotated[int, Meta(ge=1, le=2)] = P
    salt: Hex
    hash: Hex

    def __post_init__(self) -> None:
        if self.n & (self.n - 1):
            raise ValueError(f"Expected a power of 2, got {self.n}")  # scrypt takes no other cost
        if len(self.salt) % 2:
            raise ValueError(
                f"the salt is {len(self.salt)} hex digits: expected whole bytes (an even number)"
            )
        if len(self.hash) != 2 * HASH_BYTES:
            raise ValueError(f"the hash is {len(self.hash)} hex digits: expected {2 * HASH_BYTES}")

    def __repr__(self) -> str:
        return "PinHash(scrypt)"  # never the salt or the hash, in a traceback or a log


def valid_pin(pin: str) -> bool:
    """ASCII digits only: another script's digits would not be typed the same at every terminal."""
    return _PIN.fullmatch(pin) is not None


def hash_pin(pin: str) -> PinHash:
    salt = secrets.token_bytes(SALT_BYTES)
    return PinHash(salt=salt.hex(), hash=_scrypt(pin, salt, N, R, P).hex())


def pin_matches(stored: PinHash, pin: str) -> bool:
    try:
        salt, expected = bytes.fromhex(stored.salt), bytes.fromhex(stored.hash)
    except ValueError:
        return False
    try:
        digest = _scrypt(pin, salt, stored.n, stored.r, stored.p)
    except (ValueError, MemoryError) as error:  # said without the frames that hold the PIN
        raise PosError(f"crew.json: a PIN hash that scrypt cannot check ({error})") from None
    return hmac.compare_digest(digest, expected)


_DECOY = PinHash(salt="00" * SALT_BYTES, hash="00" * HASH_BYTES)
"""Checked against when the ID has no PIN to check, so a refusal takes as long whichever it was."""


def spend_as_long(pin: str) -> None:
    pin_matches(_DECOY, pin)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=HASH_BYTES
    )
