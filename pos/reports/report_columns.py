"""The report's columns, in one table: each figure's key, its heading, how it is drawn for people
and where it shows. The terminal table, the HTML page, CSV and JSON walk `COLUMNS`, and the
cost of a prompt (on the report screen too) and the coaching draw their figures with its cells; a
figure the core adds to a row shows where its column says."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Flag, auto
from typing import Any, cast

from pos.core.analytics.metrics import Row, acceptance
from pos.core.analytics.report import Report
from pos.core.analytics.report_fields import key_fields
from pos.reports.figures import count, money, per_second, percent, seconds

Cell = Callable[[Row, str | None], str]
"""A row's figure as people read it, in the row's currency (None: its stores sell in several)."""


class Where(Flag):
    DATA = auto()
    """CSV and JSON (`pos report --format csv|json`), under the column's key."""
    TABLE = auto()
    """The terminal's table, at any width."""
    WIDE = auto()
    """The terminal's table from `pos.reports.metrics_table.NARROW` columns on."""
    PAGE = auto()
    """The table of the HTML page."""
    ORDERS = auto()
    """In a table only where its rows have paid orders of their own (`pos.core.analytics.group_orders`)."""
    HELD_OUT = auto()
    """In the data only where some chance was held out (`pos.core.analytics.lift`)."""
    SCREEN = auto()
    """The report screen's summary line (`pos.screens.report`), as the column's `said`."""


@dataclass(frozen=True)
class Column:
    key: str
    """The row's field it draws: CSV's heading and JSON's name. A column drawn only (not `DATA`)
    may combine fields; its key then only names it."""
    label: str = ""
    """Its heading in a table."""
    cell: Cell | None = None
    """How a table draws it; a column in the data alone has none."""
    where: Where = Where.DATA
    rate: bool = False
    """A fraction from 0 to 1: CSV writes it to six places."""
    mark: Callable[[Row], str] | None = None
    """What the terminal and HTML tables add to the cell (the legend says why)."""
    said: Cell | None = None
    """How the report screen's summary line says it (`Where.SCREEN`)."""

    def draw(self, row: Row, currency: str | None) -> str:
        assert self.cell is not None, f"the {self.key} column is not drawn"
        return self.cell(row, currency)


def _figure(row: Row, key: str) -> Any:
    return cast(Mapping[str, Any], row).get(key)


def counted(key: str) -> Cell:
    return lambda row, currency: count(_figure(row, key))


def share(key: str) -> Cell:
    return lambda row, currency: percent(_figure(row, key))


def priced(key: str) -> Cell:
    return lambda row, currency: money(_figure(row, key), currency)


def _interval(row: Row, currency: str | None) -> str:
    shown = acceptance(row)
    return "–" if shown is None else f"{shown[1] * 100:.1f}-{shown[2] * 100:.1f}"


MORE_THAN_AGREED = "*"
"""Marks a Kept cell above its row's Agreed: customers took more than the price they said yes to."""


def kept_of_agreed(row: Row, currency: str | None) -> str:
    """ "kept $X of $Y agreed", unless customers took more than they agreed to (`MORE_THAN_AGREED`)."""
    kept, agreed = (money(row[name], currency) for name in ("added_revenue", "accepted_value"))
    if row["added_revenue"] > row["accepted_value"]:
        return f"kept {kept}, more than the {agreed} agreed (dearer choices after a yes)"
    return f"kept {kept} of {agreed} agreed"


def _more_than_agreed(row: Row) -> str:
    return MORE_THAN_AGREED if row["added_revenue"] > row["accepted_value"] else ""


DRAWN = Where.DATA | Where.TABLE | Where.PAGE
WIDE = Where.DATA | Where.WIDE | Where.PAGE
OWN_ORDERS = DRAWN | Where.ORDERS
LIFT = Where.DATA | Where.HELD_OUT

COLUMNS = (
    Column(
        "shown", "Shown", counted("shown"), DRAWN | Where.SCREEN, said=lambda r, _: f"shown {r['shown']:,}"
    ),
    Column("asked", "Asked", counted("asked"), WIDE),
    Column("accepted"),
    Column("declined"),
    Column("skipped"),
    Column(
        "ask_rate",
        "Ask rate",
        share("ask_rate"),
        DRAWN | Where.SCREEN,
        rate=True,
        said=lambda row, _: f"asked {percent(row['ask_rate'])}",
    ),
    Column(
        "acceptance_rate",
        "Acceptance",
        share("acceptance_rate"),
        DRAWN | Where.SCREEN,
        rate=True,
        said=lambda row, _: f"accepted {percent(row['acceptance_rate'])}",
    ),
    Column("ci", "95 % CI", _interval, Where.TABLE | Where.PAGE),
    Column("conversion", "Conversion", share("conversion"), WIDE, rate=True),
    Column("ci_low", rate=True),
    Column("ci_high", rate=True),
    Column(
        "added_revenue",
        "Kept",
        priced("added_revenue"),
        DRAWN | Where.SCREEN,
        mark=_more_than_agreed,
        said=kept_of_agreed,
    ),
    Column("accepted_value", "Agreed", priced("accepted_value"), DRAWN),
    Column("seconds_per_prompt", "s/prompt", lambda row, _: seconds(row["seconds_per_prompt"]), WIDE),
    Column(
        "added_per_prompt_second",
        "Kept per second",
        lambda row, currency: per_second(row["added_per_prompt_second"], currency),
        Where.DATA,  # drawn in the cost of a prompt (`pos.reports.prompt_cost`)
    ),
    Column("median_response_ms", "Median ms", counted("median_response_ms"), WIDE),
    Column("attach_prompted", where=LIFT, rate=True),
    Column("attach_held_out", where=LIFT, rate=True),
    Column("lift", where=LIFT, rate=True),
    Column("lift_low", where=LIFT, rate=True),
    Column("lift_high", where=LIFT, rate=True),
    Column("caused_per_100", where=LIFT),
    Column("more_chances", where=LIFT),
    Column(
        "orders",
        "Orders",
        counted("orders"),
        OWN_ORDERS | Where.SCREEN,
        said=lambda row, _: f"{row['orders']:,} orders",
    ),
    Column("avg_ticket", "Avg ticket", priced("avg_ticket"), OWN_ORDERS),
    Column(
        "added_per_order", "Kept per order", priced("added_per_order"), Where.DATA | Where.PAGE | Where.ORDERS
    ),
    Column("currency"),
)
"""Every column, in the order each place shows them."""


def column(key: str) -> Column:
    """The column of `key`."""
    return next(found for found in COLUMNS if found.key == key)


def shown_in(place: Where, orders: bool = False) -> list[Column]:
    """The columns `place` shows, those of a row's own orders only with `orders`."""
    return [c for c in COLUMNS if c.where & place and (orders or not c.where & Where.ORDERS)]


def said(row: Row, currency: str | None) -> str:
    """The report screen's summary of a row: each `Where.SCREEN` column's `said`, in order."""
    return " · ".join(c.said(row, currency) for c in COLUMNS if c.where & Where.SCREEN and c.said)


def cells(columns: Sequence[Column], row: Row, currency: str | None) -> list[str]:
    """A row's cells in a table of `columns`, each with its mark."""
    return [c.draw(row, currency) + (c.mark(row) if c.mark else "") for c in columns]


def rates() -> set[str]:
    """The keys of the columns that are fractions."""
    return {c.key for c in COLUMNS if c.rate}


def data_fields(report: Report) -> list[str]:
    """The fields of CSV and JSON: the rows' keys, then each `DATA` column; the lift's where some
    chance was held out."""
    held_out = "lift" in report.totals  # every row has the lift's fields then
    data = [c.key for c in COLUMNS if c.where & Where.DATA and (held_out or not c.where & Where.HELD_OUT)]
    return [*key_fields(report.by), *data]
