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
    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[tuple[str, str, str, str, str]] = []
        self.selected: int | None = None

    def render(self) -> Table:
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
        table.add_column("Qty", justify="right", width=4)
        table.add_column("Item", ratio=1, no_wrap=True)
        table.add_column("Each", justify="right", width=9)
        table.add_column("Price", justify="right", width=9)
        table.add_column("", width=13, style="bold")
        visible = max(1, self.size.height - 3)
        first = 0 if self.selected is None else max(0, self.selected - visible + 1)
        for index, cells in enumerate(self.lines[first:first + visible], start=first):
            table.add_row(*cells, style="reverse" if index == self.selected else None)
        return table


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

    @property
    def selected(self) -> int | None:
        """The selected line's index, or None when the order is empty."""
        return self.query_one(OrderLines).selected

    def select(self, step: int) -> None:
        lines = self.query_one(OrderLines)
        if lines.selected is not None:
            lines.selected = max(0, min(len(lines.lines) - 1, lines.selected + step))
            lines.refresh()

    def show(self, order: Order, currency: str, select_last: bool = True) -> None:
        lines = self.query_one(OrderLines)
        lines.lines = [_cells(line, currency) for line in order.lines]
        if not lines.lines:
            lines.selected = None
        elif select_last or lines.selected is None:
            lines.selected = len(lines.lines) - 1
        else:
            lines.selected = min(lines.selected, len(lines.lines) - 1)
        lines.refresh()
        totals = self.query_one(Totals)
        totals.text = Text.assemble(
            f"Subtotal {format_money(order.subtotal, currency):>10}\n",
            f"Tax {format_money(order.tax, currency):>10}\n",
            (f"Total {format_money(order.total, currency):>10}", "bold"),
            justify="right",
        )
        totals.refresh()


def _cells(line: OrderLine, currency: str) -> tuple[str, str, str, str, str]:
    name = f"{line.size} {line.item.name}" if line.size else line.item.name
    return (
        str(line.qty), name, format_money(line.unit_price, currency),
        format_money(line.total, currency), MARKS[line.source],
    )
