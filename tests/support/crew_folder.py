"""A data folder with a crew: a cashier and a manager, each with a PIN (the tests' only PINs).

Their hashes are scrypt at the least cost `crew.json` allows (n = 2**10), so each PIN check in the
screens' tests takes milliseconds; `tests/unit/test_crew.py` checks the cost `pos crew pin` writes."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from pos.core.store.crew import add_member, set_pin
from pos.core.store.pins import HASH_BYTES, SALT_BYTES, PinHash

CASHIER_PIN = "975318"
MANAGER_PIN = "531097"
WRONG_PIN = "864202"
QUICK = 2**10


def quick_hash(pin: str) -> PinHash:
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=QUICK, r=8, p=1, dklen=HASH_BYTES)
    return PinHash(n=QUICK, salt=salt.hex(), hash=digest.hex())


def with_crew(data_dir: Path) -> Path:
    add_member(data_dir, "C7", "Ana", "cashier")
    add_member(data_dir, "M1", "Bo", "manager")
    set_pin(data_dir, "C7", quick_hash(CASHIER_PIN))
    set_pin(data_dir, "M1", quick_hash(MANAGER_PIN))
    return data_dir
