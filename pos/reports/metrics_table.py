"""The report's table of metrics in the terminal: a row per group, its figures as many of the
columns (`pos.reports.report_columns`) as the width holds, each label whole."""

from __future__ import annotations

from collections.abc import Mapping

from rich import box
from rich.table import Table
from rich.text import Text

from pos.core.analytics.metrics import Row
from pos.core.analytics.report import Report
from pos.core.base.text import printable
from pos.reports.report_columns import MORE_THAN_AGREED, Column, Where, cells, shown_in
from pos.reports.row_labels import key_labels, row_currency

NARROW = 110
"""Below this many columns the table leaves out the columns shown only `Where.WIDE`."""
LEGEND = (
    "Kept: what prompts added to paid orders (a voided order or line keeps nothing). "
    "Agreed: the value of every yes at the price quoted, kept or not. "
    f"{MORE_THAN_AGREED} Kept more than agreed: a dearer side or drink chosen after a yes to a meal is kept, "
    "never agreed."
)
NOT_ADDED = (
    "Money (–) is not added up across currencies: pos report --by store shows each store's in its own."
)


def metric_columns() -> list[Column]:
    """The prompts' columns of a wide terminal's table."""
    return shown_in(Where.TABLE | Where.WIDE)


def order_columns() -> list[Column]:
    """The columns of a row's own orders, the first kept longest as the width shrinks."""
    return [c for c in shown_in(Where.TABLE, orders=True) if c.where & Where.ORDERS]


def metric_cells(row: Row, currency: str | None) -> list[str]:
    """A row's cells in `metric_columns`."""
    return cells(metric_columns(), row, currency)


def order_cells(row: Row, currency: str | None) -> list[str]:
    """A row's cells in `order_columns`."""
    return cells(order_columns(), row, currency)


def metrics_table(
    report: Report,
    names: dict[str, str],
    currency: str | None,
    width: int = NARROW,
    store_currencies: Mapping[str, str] | None = None,
) -> Table:
    """`store_currencies`: each store's currency by its id, for the rows of one store."""
    filters = ", ".join(f"{k} {v}" for k, v in report.filters.as_dict().items() if v)
    title = f"Prompts by {', '.join(report.by)}" if report.by else "Prompts"
    table = Table(
        title=Text(printable(f"{title} ({filters})")),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    metrics, orders = metric_columns(), order_columns()
    shown = [width >= NARROW or bool(c.where & Where.TABLE) for c in metrics]
    # a row's own orders, where every field it is grouped by is an order's (`pos.core.analytics.group_orders`),
    # as many of their columns as the width holds
    with_orders = any(row.get("orders") is not None for row in report.rows)
    for fit in range(len(orders), -1, -1) if with_orders else (0,):
        keep = shown + [place < fit for place in range(len(orders))]
        labels = [c.label for c, kept in zip(metrics + orders, keep, strict=True) if kept]

        def kept_cells(row: Row, money_in: str | None, keep: list[bool] = keep) -> list[str]:
            every = metric_cells(row, money_in) + order_cells(row, money_in)
            return [value for value, kept in zip(every, keep, strict=True) if kept]

        keys = key_labels(report, names)
        rows = [kept_cells(row, row_currency(row, currency, store_currencies or {})) for row in report.rows]
        total = kept_cells(report.totals, currency)
        widths = [max(len(cell) for cell in column) for column in zip(labels, *rows, total, strict=True)]
        if sum(widths) + 2 * len(widths) + 2 <= width:  # the figures fit, stacked under their labels
            break
    room = width - sum(widths) - 3 * len(widths) - 2  # what Rich's padding leaves the labels
    heading = " · ".join(name.capitalize() for name in report.by)
    if report.by and max([len(heading), *(len(" · ".join(key)) for key in keys)]) > room:
        return _stacked(table, heading, labels, widths, keys, rows, total)  # each label on a line of its own
    for name in report.by:
        table.add_column(name.capitalize(), overflow="fold", max_width=28)
    for label in labels:
        table.add_column(label, justify="right", no_wrap=True)
    for key, row_cells in zip(keys, rows, strict=True):
        table.add_row(*map(Text, key), *row_cells)
    if report.rows:
        table.add_section()
    table.add_row(*(["Total"] + [""] * (len(report.by) - 1) if report.by else []), *total, style="bold")
    return table


def _stacked(
    table: Table,
    heading: str,
    labels: list[str],
    widths: list[int],
    keys: list[list[str]],
    rows: list[list[str]],
    total: list[str],
) -> Table:
    """A narrow terminal's table: each group's label on a line of its own, its figures under the
    headings on the next, so no label is cut to fit beside seven columns of figures."""

    def figures(cells: list[str], style: str = "") -> Table:
        line = Table.grid(padding=(0, 0, 0, 2))
        for size in widths:
            line.add_column(justify="right", width=size + 2, no_wrap=True)  # a width holds its padding
        line.add_row(*cells, style=style)
        return line

    table.add_column(figures(labels, "bold"), width=sum(widths) + 2 * len(widths))
    table.add_row(Text(heading, style="dim"))
    for key, row_cells in zip(keys, rows, strict=True):
        table.add_row(Text(" · ".join(key), style="bold"))
        table.add_row(figures(row_cells))
    if rows:
        table.add_section()
    table.add_row(Text("Total", style="bold"))
    table.add_row(figures(total, "bold"))
    return table
