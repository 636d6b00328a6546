"""What + - < >, F6 and F8 do to the selected line: the order changes, and what the cashier is told."""

from __future__ import annotations

from pos.core.base.errors import SaleError
from pos.core.counter import counter_keys as keys
from pos.core.counter.counter_step import Ask, Step
from pos.core.selling.engine import Sale
from pos.core.selling.order import MealLine, OrderLine


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


def revisit(sale: Sale, entry: OrderLine | MealLine | None) -> Step:
    """F6: the line's declined or skipped offer asked again (the customer changed their mind), or why not."""
    offer = sale.revisit(entry) if entry is not None else None
    if offer is not None:
        return Step(message="", then=Ask(iter((offer,))))
    if sale.declining_all:
        return Step(message="The customer wants nothing more (F7): no offer is asked again", error=True)
    if sale.at_cap:
        cap = sale.menu.max_prompts_per_order
        return Step(
            message=f"This order has had its {cap} prompts (max_prompts_per_order): no more asking",
            error=True,
        )
    return Step(
        message="Nothing to bring back on this line: F6 asks again an offer it said no to, once", error=True
    )
