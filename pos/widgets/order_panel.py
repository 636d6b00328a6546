"""The order: its lines (with a mark for what selling added) and its totals."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from pos.core.money import format_money
from pos.core.order import Order, OrderLine, Source

MARKS = {
    Source.ENTERED: "",
    Source.UPSELL: "▲ upsold",
    Source.CROSS_SELL: "+ add-on",
    Source.CHECKOUT: "+ last offer",
}


class OrderPanel(Vertical):
    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: list[tuple[str | Text, ...]] = []
        """The rows as the table shows them."""

    def compose(self) -> ComposeResult:
        table: DataTable[str | Text] = DataTable(cursor_type="row", zebra_stripes=True, id="lines")
        table.can_focus = False
        table.add_column("Qty", key="qty", width=4)
        table.add_column("Item", key="item", width=30)
        table.add_column("Each", key="each", width=9)
        table.add_column("Price", key="price", width=9)
        table.add_column("", key="mark", width=13)
        yield table
        yield Static(id="totals")

    @property
    def table(self) -> DataTable[str | Text]:
        return self.query_one("#lines", DataTable)

    @property
    def selected(self) -> int | None:
        """The selected line's index, or None when the order is empty."""
        table = self.table
        return table.cursor_row if table.row_count else None

    def show(self, order: Order, currency: str, select_last: bool = True) -> None:
        """Bring the table up to the order, touching only the rows that changed."""
        table = self.table
        keep = table.cursor_row
        rows = [_cells(line, currency) for line in order.lines]
        shown = self._shown
        if len(rows) < len(shown):  # a voided line: rebuild
            table.clear()
            shown = []
        for index, cells in enumerate(rows):
            if index >= len(shown):
                table.add_row(*cells, key=str(index))
            elif cells != shown[index]:
                for column, (old, new) in enumerate(zip(shown[index], cells, strict=True)):
                    if old != new:
                        table.update_cell_at(Coordinate(index, column), new)
        self._shown = rows
        if rows:
            table.move_cursor(row=len(rows) - 1 if select_last else min(keep, len(rows) - 1))
        totals = (
            f"Subtotal {format_money(order.subtotal, currency):>10}\n"
            f"Tax {format_money(order.tax, currency):>10}\n"
            f"[b]Total {format_money(order.total, currency):>10}[/]"
        )
        self.query_one("#totals", Static).update(totals)


def _cells(line: OrderLine, currency: str) -> tuple[str | Text, ...]:
    name = f"{line.size} {line.item.name}" if line.size else line.item.name
    return (
        Text(str(line.qty), justify="right"),
        name,
        Text(format_money(line.unit_price, currency), justify="right"),
        Text(format_money(line.total, currency), justify="right"),
        Text(MARKS[line.source], style="bold"),
    )
