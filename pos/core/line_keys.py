"""What + - < > and F8 do to the selected line: the order changes, and what the cashier is told."""

from __future__ import annotations

from pos.core import counter_keys as keys
from pos.core.engine import Sale
from pos.core.errors import SaleError
from pos.core.order import MealLine, OrderLine


def change_line(sale: Sale, entry: OrderLine | MealLine | None, key: str) -> str:
    """Change the line's quantity (+ -) or size (< >); what is said. SaleError when it cannot be."""
    if entry is None:
        raise SaleError("No line to change: key an item first")
    if isinstance(entry, MealLine):
        raise SaleError("A meal changes as a whole: F8 voids it, then key its items again")
    if key in keys.LINE_KEYS:
        sale.change_qty(entry, entry.qty + keys.LINE_KEYS[key])
        return f"{entry.item.label(entry.size)}: {entry.qty}"
    sale.change_size(entry, keys.SIZE_KEYS[key])
    return f"Now {entry.qty} × {entry.item.label(entry.size)}"


def voided(entry: OrderLine | MealLine) -> str:
    if isinstance(entry, MealLine):
        return f"Voided 1 × {entry.combo.name}"
    return f"Voided {entry.qty} × {entry.item.label(entry.size)}"
