"""F1: the keys, and how to key an item on the menu in use, on one 80x24 screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from pos.core.counter.counter_keys import REPRINT_KEY
from pos.core.counter.key_examples import key_examples
from pos.core.selling.menu import Menu
from pos.key_router import TakesKeys


def keys(menu: Menu, printing: bool = False) -> list[tuple[str, str]]:
    """The keys, with examples taken from `menu` (its first item; a sized one for sizes); the
    reprint key only with a receipt printer (`printing`)."""
    examples = key_examples(menu)
    first = examples.item
    rows = [
        (f"{first.code} Enter", f"add {first.name}"),
        (f"3*{first.code} Enter", f"three of {first.name}"),
    ]
    if examples.sized is not None and examples.size:
        size, sized = examples.size, examples.sized
        rows.append((f"{sized.code} {size.casefold()}", f"{size} {sized.name}: asked for, so no size upsell"))
    meal = next(iter(menu.combos.values()), None)
    if meal is not None:
        rows.append((f"{meal.code} Enter", f"{meal.name}: each choice asked, 1-9 or Enter"))
    rows += [
        ("a name, Ctrl+P", "find an item by name"),
        ("y  n  Esc", "at a prompt: said yes / said no / you did not ask"),
        ("F7", "customer wants nothing more: decline all prompts left"),
        ("↑ ↓  F8", "select a line, void it (the last unless you moved)"),
        ("F6", "ask the selected line's ↺ offer again (once)"),
        ("+ -  < >", "selected line: one more / one less, size up / down"),
        ("F9", "void the whole order (asks first)"),
        ("F10", "payment: meals, last offers, amount (Enter: exact)"),
        ("c  o", "at the payment: a card / other tender (recorded only)"),
        *([(REPRINT_KEY.upper(), "print the last receipt again")] if printing else []),
        ("F3", "manager: refund, void, no-sale, discount, day's end"),
        ("F5", "reports: who asks, what sells, which wording works"),
        ("F2", "sign out, for the next cashier (no order open)"),
        ("Ctrl+Q", "quit (asks first when an order is open)"),
    ]
    return rows


class HelpScreen(TakesKeys, ModalScreen[None]):
    """Esc or F1 closes it; any other key closes it and goes on to the screen under it."""

    def __init__(self, menu: Menu, printing: bool = False) -> None:
        super().__init__()
        self._menu = menu
        self._printing = printing

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold", no_wrap=True, max_width=22, overflow="ellipsis")
        table.add_column(overflow="ellipsis")
        for key, does in keys(self._menu, self._printing):
            table.add_row(Text(key), Text(does))
        with Vertical(id="help-card", classes="card"):
            yield Label("KEYS", classes="card-title")
            yield Static(table)
            yield Static(
                "At each prompt, say the sentence shown, then record what the customer "
                "answered: it is what the reports count.",
                classes="keys",
            )
            yield Static("[b]Esc[/] close", classes="keys")

    async def take_key(self, key: str, character: str | None) -> bool:
        self.dismiss()
        return key in ("escape", "f1")
