"""A data folder with a crew: a cashier and a manager, each with a PIN (the tests' only PINs)."""

from __future__ import annotations

from pathlib import Path

from pos.core.store.crew import add_member, set_pin
from pos.core.store.pins import hash_pin

CASHIER_PIN = "975318"
MANAGER_PIN = "531097"
WRONG_PIN = "864202"


def with_crew(data_dir: Path) -> Path:
    add_member(data_dir, "C7", "Ana", "cashier")
    add_member(data_dir, "M1", "Bo", "manager")
    set_pin(data_dir, "C7", hash_pin(CASHIER_PIN))
    set_pin(data_dir, "M1", hash_pin(MANAGER_PIN))
    return data_dir
