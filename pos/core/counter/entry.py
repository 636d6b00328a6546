"""What the cashier types on the entry line: `20`, `3*20`, `20 large`, `2*50 l`, or a name.

Sizes may be shortened to any unambiguous start (`l` for Large); an item may be
named instead of keyed (`cheeseburger`, `apple`, `rings`: `pos.core.selling.item_names`), and a
name that fits several items (`pie`) lists them with their codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pos.core.base.digits import foreign_digit
from pos.core.base.errors import PosError
from pos.core.selling.item_names import named, several
from pos.core.selling.menu import Item, Menu
from pos.core.selling.order import MAX_QTY

_ENTRY = re.compile(r"\s*(?:([0-9]+)\s*[*x×]\s*)?(.+?)\s*", re.IGNORECASE)


class EntryError(PosError):
    pass


@dataclass(frozen=True)
class Entry:
    item: Item
    size: str | None
    """The size the customer named, or None for the default."""
    qty: int


def parse_entry(text: str, menu: Menu) -> Entry:
    keyed = menu.item(text.strip())
    if keyed is not None:  # a code that reads like a quantity ("2X4") is the code
        return Entry(keyed, None, 1)
    match = _ENTRY.fullmatch(text)
    if not text.strip() or not match:
        raise EntryError("type an item code, e.g. 20, 3*20 or 20 large")
    digits = match.group(1) or "1"
    qty = int(digits) if len(digits) <= 3 else 0
    if not 1 <= qty <= MAX_QTY:
        raise EntryError(
            f"a quantity is 1 to {MAX_QTY}, got {digits if len(digits) <= 12 else digits[:9] + '…'}"
        )
    rest = match.group(2)
    whole = _found(rest, menu)
    if len(whole) == 1:
        return Entry(whole[0], None, qty)
    if " " in rest:  # the last word may be a size: `fries large`, `pie l`
        head, size = rest.rsplit(" ", 1)
        found = _found(head, menu)
        if len(found) == 1:
            return Entry(found[0], _size(found[0], size), qty)
        if found and not whole:
            raise EntryError(several(head, found))
    if whole:
        raise EntryError(several(rest, whole))
    foreign = foreign_digit(text)
    if foreign is not None:
        raise EntryError(
            f"no item {rest!r}: quantities and codes are typed with 0-9 ({foreign!r} is not one)"
        )
    raise EntryError(f"no item {rest!r}: type its code, or find it by name with Ctrl+P")


def _found(text: str, menu: Menu) -> list[Item]:
    """The item keyed by its code, or the items its name could be."""
    item = menu.item(text)
    return [item] if item is not None else named(text, menu)


def _size(item: Item, text: str) -> str:
    names = [size.name for size in item.sizes if size.name]
    if not names:
        raise EntryError(f"{item.name} comes in one size")
    folded = text.casefold()
    exact = [name for name in names if name.casefold() == folded]
    starts = exact or [name for name in names if name.casefold().startswith(folded)]
    if len(starts) != 1:
        raise EntryError(f"{item.name} comes in {', '.join(names)}; {text!r} is not one of them")
    return starts[0]
