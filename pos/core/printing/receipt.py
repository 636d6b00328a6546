"""What a paid order's receipt says, as plain values: no printer, no layout. Amounts in minor units."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ReceiptLine:
    qty: int
    name: str
    amount: int
    parts: tuple[str, ...] = ()
    """Under the line: a meal's components."""
    number: int = 0
    """Its number in the order's record (from 1), as a void after the receipt names it; 0: none."""
    voided: bool = False
    """Voided after the receipt: a reprint shows it so."""


@dataclass(frozen=True)
class Tender:
    kind: str
    """How it was paid, as the receipt names it (`cash`)."""
    amount: int


@dataclass(frozen=True)
class NextVisit:
    """The after-sale offer: its pitch, and the code the customer keys or shows next time."""

    pitch: str
    code: str


@dataclass(frozen=True)
class Receipt:
    store: str
    terminal: str
    cashier: str
    order: str
    paid_at: datetime
    currency: str
    lines: tuple[ReceiptLine, ...]
    """The order's lines and meals, then its rewards."""
    subtotal: int
    tax: int
    total: int
    taxed: bool
    """A menu with no tax prints no subtotal and no tax, only the total (as the screen shows it)."""
    tenders: tuple[Tender, ...]
    change: int
    next_visit: NextVisit | None = None
    training: bool = False
    """Printed by a training session: it says so, so it is never taken for a customer's receipt."""
    copy: bool = False
    """Printed again (F4): it says so, so a reprint is never taken for a second sale."""
    refunded: bool = False
    """Refunded since it was paid: a reprint says so and carries no offer (its code redeems no more)."""
    terminal_name: str | None = None
    """The terminal's name in the store's settings (`[terminals]`), printed beside its ID."""


def terminal_title(terminal: str, name: str | None) -> str:
    """`Terminal T1 (Front till)`, or `Terminal T1` for a terminal the store's settings do not name."""
    return f"Terminal {terminal} ({name})" if name else f"Terminal {terminal}"
