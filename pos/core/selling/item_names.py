"""An item found by what the cashier typed of its name.

The name itself (`cheeseburger`); else, from three characters, the one name that
starts with it (`cheese`: Cheeseburger, though Double Cheeseburger holds it too) or
the one name that holds it (`rings`: Onion Rings). Text that several names hold
(`pie`: Apple Pie and Pumpkin Pie; `burger`: four of them) adds nothing: the message
names them with their codes, for the cashier to key one (the first few, then how many
more). Names are shown as the menu writes them (escaped where it is read).
"""

from __future__ import annotations

from pos.core.selling.menu import Item, Menu

SHORTEST = 3
"""Characters typed before names that start with them or hold them are looked for."""
LISTED = 4
"""Items a message names at most when the text fits more (then: "or 2 more")."""
WIDTH = 78
"""Characters the message line shows at 80 columns: fewer items are named rather than cut off."""


def named(text: str, menu: Menu) -> list[Item]:
    """One item: the one `text` names; several: those it could be (names that start with it
    first); none: no name holds it."""
    folded = text.casefold()
    items = list(menu.items.values())
    exact = [item for item in items if item.name.casefold() == folded]
    if exact or len(folded) < SHORTEST:
        return exact[:1]
    starts = [item for item in items if item.name.casefold().startswith(folded)]
    holds = [item for item in items if folded in item.name.casefold() and item not in starts]
    return starts if len(starts) == 1 else starts + holds


def several(text: str, items: list[Item]) -> str:
    """What to say when `text` fits several items: the first few, each with its code."""
    said = [_listing(text, items, count) for count in range(min(LISTED, len(items)), 0, -1)]
    return next((message for message in said if len(message) <= WIDTH), said[-1])


def _listing(text: str, items: list[Item], count: int) -> str:
    listed = ", ".join(f"{item.name} ({item.code})" for item in items[:count])
    more = f" or {len(items) - count} more" if len(items) > count else ""
    return f"{text!r} could be {listed}{more}: key its code"
