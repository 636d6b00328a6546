"""A counter that keys a receipt code, says so, and waits to be killed.

`python -m tests.support.redeemer DATA CODE` puts the counter together as the app does (the
log opened, the redemptions it finds settled), keys CODE on the entry line of a new order and
prints `keyed` once the code is redeemed, which is when the cashier would see its line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.support.counter_kit import key_in, make_counter
from tests.support.small_menus import make_menu
from tests.unit.test_after_sale import PIE_NEXT_TIME


def main() -> None:
    data, code = Path(sys.argv[1]), sys.argv[2]
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data)
    key_in(counter, code)
    assert "redeemed" in counter.message, counter.message
    print("keyed", flush=True)
    sys.stdin.read()  # until killed


if __name__ == "__main__":
    main()
