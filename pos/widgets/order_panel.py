"""The order: its lines (with a mark for what selling added), the selected line, and the totals.

One widget in fixed text columns (not a DataTable, not a Rich Table, not a
container of widgets) drawn a row at a time with Textual's line API, and only
the rows that changed are drawn again: a new line costs its own row and the
three totals, which keeps the prompt that follows an entry within a frame of a
keypress echo.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from pos.core.base.money import format_money
from pos.core.selling.order import MealLine, Order, OrderLine
from pos.core.selling.prompt_kinds import by_name
from pos.core.selling.rewards import HAND_LABEL
from pos.widgets.rows import RowsWidget

QTY, MONEY, MARK = 4, 11, 13
"""Column widths; the item's name takes the rest."""
HEADER_ROWS, TOTAL_ROWS = 2, 3
Cells = tuple[str, str, str, str, str]


class OrderPanel(RowsWidget):
    """The lines that fit, keeping the selected one in view (a row above and below says what is hidden), then the totals."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[Cells] = []
        """A row each: the order's lines, and each meal with its components under it."""
        self.selected: int | None = None
        """The row of the selected line or meal."""
        self.totals: tuple[str, str, str] = ("", "", "")
        self.taxed = True
        """A menu with no tax shows no subtotal and no "Tax 0.00", only the total."""

    def show(
        self,
        order: Order,
        currency: str,
        selected: int | None,
        again: Callable[[OrderLine | MealLine], bool],
    ) -> None:
        """`again` tells the lines whose offer F6 may bring back."""
        self.lines, self.selected, self.taxed = [], None, bool(order.tax_rate)
        for index, entry in enumerate(order.entries):
            if index == selected:
                self.selected = len(self.lines)
            if isinstance(entry, MealLine):
                meal = _meal_cells(entry, currency)
                if again(entry):
                    meal[0] = (*meal[0][:4], (meal[0][4] + " ↺").strip())
                self.lines += meal
            else:
                cells = _cells(entry, currency)
                if again(entry):
                    cells = (*cells[:4], (cells[4] + " ↺").strip())
                self.lines.append(cells)
        for reward in order.rewards:
            amount = format_money(reward.amount, currency)
            self.lines.append(("1", reward.label, amount, amount, "◆ reward"))
        if order.hand_discount:
            amount = format_money(-order.hand_discount, currency)
            self.lines.append(("1", HAND_LABEL, amount, amount, "◆ approved"))
        self.totals = tuple(
            format_money(amount, currency) for amount in (order.subtotal, order.tax, order.total)
        )  # type: ignore[assignment]
        self.changed()

    def rows(self) -> list[Text]:
        width = max(QTY + 2 * MONEY + MARK + 8, self.size.width)
        name_width = width - QTY - 2 * MONEY - MARK - 3
        rows = [
            Text(_row(("Qty", "Item", "Each", "Price", ""), name_width), style="bold"),
            Text("─" * (width - MARK), style="dim"),
        ]
        room = max(1, self.size.height - HEADER_ROWS - TOTAL_ROWS)
        first, last = self.window(room)
        if first > 0:
            rows.append(Text(" " * (QTY + 1) + f"▲ {first} more line(s) above", style="italic"))
        for index in range(first, last):
            qty, name, each, price, mark = self.lines[index]
            row = Text(
                _row((qty, name, each, price, mark), name_width),
                style="reverse" if index == self.selected else "",
            )
            row.stylize("bold", len(row) - MARK, len(row))  # the mark: what selling added
            rows.append(row)
        if last < len(self.lines):
            rows.append(
                Text(" " * (QTY + 1) + f"▼ {len(self.lines) - last} more line(s) below", style="italic")
            )
        rows += [Text("")] * (HEADER_ROWS + room - len(rows))
        subtotal, tax, total = self.totals
        right = width - MARK
        if self.taxed:
            rows.append(Text(f"{'Subtotal':>{right - MONEY - 1}} {subtotal:>{MONEY}}"))
            rows.append(Text(f"{'Tax':>{right - MONEY - 1}} {tax:>{MONEY}}"))
        else:
            rows += [Text(""), Text("")]
        rows.append(Text(f"{'Total':>{right - MONEY - 1}} {total:>{MONEY}}", style="bold"))
        return rows

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


def _cells(line: OrderLine, currency: str) -> Cells:
    return (
        str(line.qty),
        line.item.label(line.size),
        format_money(line.unit_price, currency),
        format_money(line.total, currency),
        _mark(line),
    )


def _meal_cells(meal: MealLine, currency: str) -> list[Cells]:
    """The meal on a row of its own, what it saves beside it, and its components under it."""
    price = format_money(meal.price, currency)
    saving = f"saves {format_money(meal.saving, currency)}"
    rows: list[Cells] = [("1", meal.combo.label(meal.size), price, price, saving)]
    for line in meal.components:
        rows.append(("", f"  {line.item.label(line.size)}", "", "", _mark(line)))
    return rows


def _mark(line: OrderLine) -> str:
    """What made the line (`▲ upsold`, `★ meal`); an upsold line whose size was changed by hand since
    is the customer's, at the menu's price, and no prompt's any more (`OrderLine.choose_size`)."""
    undone = line.source == "upsell" and line.prompt is None
    kind = by_name(line.source)
    return kind.mark if kind is not None and not undone else ""


def _row(cells: Cells, name_width: int) -> str:
    """One line in fixed columns; a name too long for its column ends in "…"."""
    qty, name, each, price, mark = cells
    if len(name) > name_width:
        name = name[: name_width - 1] + "…"
    return f"{qty:>{QTY}} {name:<{name_width}} {each:>{MONEY}} {price:>{MONEY}} {mark:<{MARK}}"
