"""An order's number as a manager types it at F3: its number alone (`3`, `0003`), or the whole
number its receipt prints (`T1-20261205-0003`), which may be another terminal's or another day's.
F3 takes this terminal's paid orders of today: the whole number of any other says whose it is."""

from __future__ import annotations

from datetime import date

from pos.core.base.digits import is_digits
from pos.core.base.ids import valid_id


def order_number(typed: str, terminal: str, day: date, elsewhere: str) -> int | str:
    """The number of `terminal`'s order of `day` that `typed` names, or why it names none of them;
    `elsewhere` says what to do at the terminal whose order it is ("refund it")."""
    if is_digits(typed):
        return int(typed)
    parts = typed.rsplit("-", 2)
    if len(parts) != 3 or not valid_id(parts[0]) or len(parts[1]) != 8 or not all(map(is_digits, parts[1:])):
        example = f"{terminal}-{day:%Y%m%d}-0003"
        return f"{typed!r} is not an order's number: 3, or {example} as its receipt prints it"
    owner, on, number = parts
    if owner.casefold() != terminal.casefold():
        return f"{typed} is {owner}'s order: {elsewhere} at {owner}"
    if on != f"{day:%Y%m%d}":
        return f"{typed} is not today's: F3 takes the paid orders of today"
    return int(number)
