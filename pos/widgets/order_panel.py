"""The order: its lines (with a mark for what selling added), the selected line, and the totals.

The lines are one widget that renders a Rich table, not a DataTable: adding a
line then repaints only this region, which keeps the prompt that follows an
entry within a frame of a keypress echo.
"""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from pos.core.money import format_money
from pos.core.order import Order, OrderLine, Source

MARKS = {
    Source.ENTERED: "",
    Source.UPSELL: "▲ upsold",
    Source.CROSS_SELL: "+ add-on",
    Source.CHECKOUT: "+ last offer",
}


class OrderLines(Widget):
    """The lines that fit, keeping the selected one in view; a line above and below says what is hidden."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[tuple[Text, ...]] = []
        self.selected: int | None = None

    def render(self) -> Table:
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
        table.add_column("Qty", justify="right", width=4)
        table.add_column("Item", ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column("Each", justify="right", width=9)
        table.add_column("Price", justify="right", width=9)
        table.add_column("", width=13, style="bold")
        first, last = self.window(max(1, self.size.height - 3))
        if first > 0:
            table.add_row(Text(""), Text(f"▲ {first} more line(s) above", style="italic"))
        for index in range(first, last):
            table.add_row(*self.lines[index], style="reverse" if index == self.selected else None)
        if last < len(self.lines):
            table.add_row(Text(""), Text(f"▼ {len(self.lines) - last} more line(s) below", style="italic"))
        return table

    def window(self, rows: int) -> tuple[int, int]:
        """The lines shown in `rows` rows, marker rows included, the selected one among them."""
        count = len(self.lines)
        if count <= rows:
            return 0, count
        room = max(1, rows - 1)
        selected = count - 1 if self.selected is None else self.selected
        first = max(0, selected - room + 1)
        if first > 0:
            room = max(1, rows - (2 if first + room - 1 < count - 1 else 1))
            first = max(1, selected - room + 1)
        last = min(count, first + room)
        return first, last


class Totals(Widget):
    """Subtotal, tax and total; fixed in size, so a change repaints without a layout pass."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()

    def render(self) -> Text:
        return self.text


class OrderPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield OrderLines(id="lines")
        yield Totals(id="totals")

    def show(self, order: Order, currency: str, selected: int | None) -> None:
        lines = self.query_one(OrderLines)
        lines.lines = [_cells(line, currency) for line in order.lines]
        lines.selected = selected
        lines.refresh()
        totals = self.query_one(Totals)
        totals.text = Text.assemble(
            f"Subtotal {format_money(order.subtotal, currency):>10}\n",
            f"Tax {format_money(order.tax, currency):>10}\n",
            (f"Total {format_money(order.total, currency):>10}", "bold"),
            justify="right",
        )
        totals.refresh()


def _cells(line: OrderLine, currency: str) -> tuple[Text, ...]:
    """Text, never markup: names come from the menu file."""
    return (
        Text(str(line.qty)),
        Text(line.item.label(line.size)),
        Text(format_money(line.unit_price, currency)),
        Text(format_money(line.total, currency)),
        Text(MARKS[line.source]),
    )
