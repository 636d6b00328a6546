"""After-sale codes: short to key, impossible to make up, redeemed once in the whole store.

A code is 8 characters from an alphabet without 0/O and 1/I (5 bits each): the
sale's day (11 bits), its number that day in the store (11), a tag of the store
(4), a keyed check (9 bits of an HMAC-SHA256 over those, with a secret made at
first use in the data folder and never logged), then a check character anyone can
work out (a weighted sum mod 31: any one character wrong, or two next to each other
swapped, is caught). So a mistyped code is told apart from one of another store
(right check character, another tag) and from a made-up one (wrong keyed check);
and a code must also be in the store's list of codes printed.

The store's codes are kept in the data folder (`codes/issued.jsonl`,
`codes/redeemed.jsonl`), each change made under one lock (`codes/codes.lock`), so
two terminals keying the same code at the same moment: one redeems it, the other
is told it is used.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path

from pos.core.code_ledger import CodeLedger
from pos.core.files import FILE_MODE, O_BINARY, replace_whole, wait_lock

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""32 symbols: no 0, O, 1 or I to misread."""
LENGTH = 8
EPOCH = date(2026, 1, 1)
DAY_BITS, SERIAL_BITS, TAG_BITS, CHECK_BITS = 11, 11, 4, 9


class Refusal(StrEnum):
    """Why a code keyed adds nothing, as the cashier is told."""

    MISTYPED = "is mistyped: check each character (codes have no 0, O, 1 or I)"
    WRONG = "is not a code of ours"
    OTHER_STORE = "is from another store: it is redeemed there"
    NOT_ISSUED = "was never printed here"
    EXPIRED = "has expired"
    USED = "was already redeemed"


@dataclass(frozen=True)
class Issued:
    code: str
    order: str
    offer: str
    size: str | None
    price: int
    day: date
    until: date
    """The last day it may be redeemed."""


def looks_like_code(text: str) -> bool:
    """Keyed like a code: 8 characters of the alphabet (an item's code is tried first)."""
    text = text.strip().upper()
    return len(text) == LENGTH and all(c in ALPHABET for c in text)


class Codes:
    """The store's after-sale codes, in its data folder."""

    def __init__(self, data_dir: Path, store: str, new_secret: Callable[[], bytes] | None = None) -> None:
        """`new_secret` makes the secret of a folder that has none (a simulation's, from its seed)."""
        self.folder = data_dir / "codes"
        self.store = store
        self._new_secret = new_secret or (lambda: secrets.token_bytes(32))
        self._tag = hashlib.sha256(store.encode()).digest()[0] >> (8 - TAG_BITS)
        self._key: bytes | None = None
        self._issued_file = CodeLedger(self.folder / "issued.jsonl")
        self._redeemed_file = CodeLedger(self.folder / "redeemed.jsonl")
        self._issued: dict[str, dict[str, object]] = {}
        """Each code printed, by its code (the first record of it)."""
        self._per_day: Counter[object] = Counter()
        """Codes printed, by day."""
        self._redeemed: set[str] = set()

    def issue(
        self, order: str, offer: str, size: str | None, price: int, day: date, valid_days: int
    ) -> Issued:
        """A new code for a paid order, kept as issued."""
        self._secret()  # made, if need be, before the lock is taken: making it takes the lock too
        with self._locked():
            self._catch_up()
            serial = self._per_day[day.isoformat()]
            if serial >= 1 << SERIAL_BITS:
                raise ValueError(f"more than {1 << SERIAL_BITS} codes in one day")
            number = ((day - EPOCH).days % (1 << DAY_BITS)) << SERIAL_BITS | serial
            code = self._code(number << TAG_BITS | self._tag)
            until = day + timedelta(days=valid_days - 1)
            entry = Issued(code, order, offer, size, price, day, until)
            self._append("issued.jsonl", _issued_record(entry))
            return entry

    def redeem(self, text: str, order: str, today: date) -> Issued | Refusal:
        """The code's offer, now redeemed by `order`; or why not."""
        code = text.strip().upper()
        value = _value(code)
        if value is None:
            return Refusal.MISTYPED
        body = value >> CHECK_BITS
        if body & ((1 << TAG_BITS) - 1) != self._tag:
            return Refusal.OTHER_STORE
        if not hmac.compare_digest(_bytes(value & ((1 << CHECK_BITS) - 1)), _bytes(self._check(body))):
            return Refusal.WRONG
        with self._locked():
            self._catch_up()
            found = self._issued.get(code)
            if found is None:
                return Refusal.NOT_ISSUED
            try:
                issued = _issued_of(found)
            except (KeyError, ValueError, TypeError):
                return Refusal.NOT_ISSUED  # its record damaged by hand
            if today > issued.until:
                return Refusal.EXPIRED
            if code in self._redeemed:
                return Refusal.USED
            self._append("redeemed.jsonl", {"code": code, "order": order, "day": today.isoformat()})
            return issued

    # -- the code ------------------------------------------------------------

    def _code(self, body: int) -> str:
        value = body << CHECK_BITS | self._check(body)
        symbols = [(value >> (5 * (LENGTH - 2 - i))) & 31 for i in range(LENGTH - 1)]
        return "".join(ALPHABET[v] for v in [*symbols, _check_symbol(symbols)])

    def _check(self, body: int) -> int:
        digest = hmac.new(self._secret(), body.to_bytes(4, "big"), hashlib.sha256).digest()
        return int.from_bytes(digest[:2], "big") >> (16 - CHECK_BITS)

    def _secret(self) -> bytes:
        if self._key is None:
            path = self.folder / "secret"
            if not path.exists():
                with self._locked():
                    if not path.exists():
                        replace_whole(path, self._new_secret())
            self._key = path.read_bytes()
        return self._key

    # -- the files -------------------------------------------------------------

    def _locked(self) -> _Lock:
        return _Lock(self.folder / "codes.lock")

    def _catch_up(self) -> None:
        """What other terminals (or this one) wrote since the last look; under the lock."""
        again, records = self._issued_file.new_records()
        if again:
            self._issued.clear()
            self._per_day.clear()
        for record in records:
            self._issued.setdefault(str(record["code"]), record)
            self._per_day[record.get("day")] += 1
        again, records = self._redeemed_file.new_records()
        if again:
            self._redeemed.clear()
        self._redeemed.update(str(record["code"]) for record in records)

    def _append(self, name: str, record: dict[str, object]) -> None:
        """The record on a line of its own: after a torn one (a crash mid-write), on the next line."""
        fd = os.open(self.folder / name, os.O_RDWR | os.O_APPEND | os.O_CREAT | O_BINARY, FILE_MODE)
        with os.fdopen(fd, "a+b") as handle:
            size = handle.seek(0, os.SEEK_END)
            torn = size > 0 and handle.seek(size - 1) >= 0 and handle.read(1) != b"\n"
            handle.write(b"\n" * torn + (json.dumps(record, ensure_ascii=False) + "\n").encode())
            handle.flush()
            os.fsync(handle.fileno())


class _Lock:
    """The store's codes lock, held while a code is issued or redeemed."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def __enter__(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = open(self._path, "ab")
        wait_lock(self._handle)

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def _check_symbol(symbols: list[int]) -> int:
    return sum((index + 1) * value for index, value in enumerate(symbols)) % 31


def _value(code: str) -> int | None:
    """What the code carries before its check character, when that character is right."""
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    symbols = [ALPHABET.index(c) for c in code]
    if _check_symbol(symbols[:-1]) != symbols[-1]:
        return None
    value = 0
    for symbol in symbols[:-1]:
        value = value << 5 | symbol
    return value


def _bytes(number: int) -> bytes:
    return number.to_bytes(2, "big")


def _issued_record(entry: Issued) -> dict[str, object]:
    return {
        "code": entry.code,
        "order": entry.order,
        "offer": entry.offer,
        "size": entry.size,
        "price": entry.price,
        "day": entry.day.isoformat(),
        "until": entry.until.isoformat(),
    }


def _issued_of(record: dict[str, object]) -> Issued:
    return Issued(
        str(record["code"]),
        str(record["order"]),
        str(record["offer"]),
        record["size"] if isinstance(record["size"], str) else None,
        int(str(record["price"])),
        date.fromisoformat(str(record["day"])),
        date.fromisoformat(str(record["until"])),
    )
