"""The PIN just accepted, typed again by habit: a PIN right, then the same digits at once, landed in
the next field (F3's order number, the sale screen's item) where they showed and were read as a
figure. The one entry after a PIN is checked against it: the PIN again is dropped unread and never
quoted. The PIN itself is not kept: only a hash of it, fast (it is compared once, at once) and
salted with this session's own random bytes, forgotten after that entry."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from pos.core.base.digits import is_digits
from pos.core.store.pins import MOST_DIGITS

DOT = "•"
PIN_AGAIN = "That was the PIN again: nothing taken"
SALT_BYTES = 16


class PinEcho:
    """One per counter session (a sign-in), shared by its sale screen and its manager's approvals."""

    def __init__(self) -> None:
        self._salt = secrets.token_bytes(SALT_BYTES)
        self._digest: bytes | None = None

    def arm(self, pin: str) -> None:
        """`pin` was just accepted: the next entry is checked against it."""
        self._digest = self._hash(pin)

    @property
    def armed(self) -> bool:
        return self._digest is not None

    def masked(self, typed: str) -> str:
        """The entry as shown: as dots while it may be the PIN, or its first digits, typed again."""
        text = typed.strip()
        return DOT * len(typed) if self.armed and is_digits(text) and len(text) <= MOST_DIGITS else typed

    def is_pin(self, entry: str) -> bool:
        """The entry after the PIN: whether it is that PIN again. Forgotten after this one entry."""
        digest, self._digest = self._digest, None
        return digest is not None and hmac.compare_digest(digest, self._hash(entry.strip()))

    def _hash(self, pin: str) -> bytes:
        return hashlib.blake2b(pin.encode("utf-8"), key=self._salt, digest_size=32).digest()
