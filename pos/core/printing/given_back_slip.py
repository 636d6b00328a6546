"""The slip printed as money goes back out of the drawer (a refund, a line voided after the receipt,
given back partly in cash): kept in the drawer, it says at the count where the cash went. A `Sheet`,
laid out on paper as the day's sheets are (`escpos_sheet`): the store, the terminal and the order,
what was given back and how, who asked, who approved, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pos.core.base.money import format_money
from pos.core.printing.receipt import terminal_title
from pos.core.printing.sheet import Section, Sheet

HOW = {"cash": "In cash", "card": "To the card", "other": "As the other tender"}


@dataclass(frozen=True)
class GivenBack:
    title: str
    """`REFUND`, `LINE VOIDED`."""
    what: str
    """What went back: `the whole order`, `line 2: 1 x Fries`."""
    store: str
    terminal: str
    terminal_name: str | None
    order: str
    at: datetime
    back: tuple[tuple[str, int], ...]
    """How much went back by each tender kind (`cash`, `card`, `other`), minor units."""
    currency: str
    cashier: str
    approved_by: str


def given_back_slip(slip: GivenBack) -> Sheet:
    given = tuple((HOW.get(kind, kind), format_money(amount, slip.currency)) for kind, amount in slip.back)
    lines = (
        slip.store,
        terminal_title(slip.terminal, slip.terminal_name),
        f"Order {slip.order}  {slip.at:%Y-%m-%d %H:%M}",
        f"Given back: {slip.what}",
    )
    people = (("Cashier", slip.cashier), ("Approved by", slip.approved_by))
    return Sheet(slip.title, lines, (Section("Given back", given), Section("Who", people)))
