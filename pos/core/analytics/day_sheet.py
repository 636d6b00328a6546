"""A day's close or X reading as a sheet (`pos.core.printing.sheet`): what the screen, the terminal,
the HTML page and the receipt printer all show, its money written in the day's currency."""

from __future__ import annotations

import functools
from collections.abc import Callable

from pos.core.analytics.day_close import DayClose, SinceClose
from pos.core.analytics.day_figures import Figures
from pos.core.base.money import format_money
from pos.core.base.money_back import TENDER_KINDS
from pos.core.printing.receipt import terminal_title
from pos.core.printing.sheet import Section, Sheet

Money = Callable[[int], str]


def day_sheet(close: DayClose) -> Sheet:
    figures = close.figures
    money: Money = functools.partial(format_money, currency=figures.currency)
    if close.kind == "x":
        title, said = "X reading", "a reading: nothing is closed"
    else:
        title = "Day close" if close.number == 1 else f"Day close ({close.number})"
        said = f"closed by {close.closed_by}" if close.closed_by else "closed (no crew)"
    drawer = _drawer(figures.store.expected_cash, close.counted, close.difference, money)
    if close.uncounted:
        drawer += [("Not counted", ", ".join(close.uncounted))]
    lines = [f"{figures.day}  {said}", f"at {close.taken_at[:19].replace('T', ' ')}"]
    if close.store_name:
        lines.insert(0, close.store_name)
    store = _section("Store", figures.store, money, _drawer(figures.store.expected_cash, None, None, money))
    sections = [Section("Drawers (all terminals)", tuple(drawer))]
    if close.since_close is not None:  # sold after the close: apart, the close's own figures as recorded
        said_since, since = _since(close.since_close, money)
        lines.append(said_since)
        sections.append(since)
    sections.append(store)
    sections += [
        _section(
            terminal_title(name, figures.names.get(name)),
            each,
            money,
            _drawer(each.expected_cash, close.counted_by.get(name), close.drawer_difference(name), money),
        )
        for name, each in figures.terminals.items()
    ]
    return Sheet(title, tuple(lines), tuple(sections))


def _since(since: SinceClose, money: Money) -> tuple[str, Section]:
    """The line saying what was sold after the day's last close, and its figures' section."""
    at = since.closed_at[11:16]
    closed = "closed" if since.number == 1 else f"closed again ({since.number})"
    by = f" by {since.closed_by}" if since.closed_by else ""
    sold = f"{since.figures.orders} order(s), {money(since.figures.sales)} sold since"
    drawer = _drawer(since.figures.expected_cash, None, None, money)
    return f"the day was {closed} at {at}{by}: {sold}", _section(
        f"Since the close at {at} (all terminals)", since.figures, money, drawer
    )


def _drawer(
    expected: int, counted: int | None, difference: int | None, money: Money
) -> list[tuple[str, str]]:
    """Expected cash, then the cash counted and the difference when there are."""
    rows = [("Expected cash", money(expected))]
    if counted is not None:
        rows += [("Counted cash", money(counted))]
    if difference is not None:
        rows += [("Difference", _difference(difference, money))]
    return rows


def _section(title: str, figures: Figures, money: Money, drawer: list[tuple[str, str]]) -> Section:
    rows = [
        ("Orders", str(figures.orders)),
        ("Sales (tax included)", money(figures.sales)),
        ("Tax", money(figures.tax)),
        *((f"Tendered {kind}", money(figures.tenders[kind])) for kind in TENDER_KINDS),
        ("Change given", money(figures.change)),
        (f"Refunds ({figures.refunds})", money(figures.refunded)),
        (f"Voids after the receipt ({figures.voids})", money(figures.voided)),
        ("Given back in cash", money(figures.cash_back)),
        ("Net sales (less refunds and voids)", money(figures.net_sales)),
        ("No-sales", str(figures.no_sales)),
        (f"Discounts by hand ({figures.discounts})", money(figures.discounted)),
        ("Prompts asked", str(figures.asked)),
        ("Prompts accepted", str(figures.accepted)),
        ("Kept by prompts", money(figures.kept)),
        ("Codes issued", str(figures.codes_issued)),
        ("Codes redeemed", str(figures.codes_redeemed)),
        *drawer,
    ]
    return Section(title, tuple(rows))


def _difference(difference: int, money: Money) -> str:
    if difference == 0:
        return money(0)
    return f"{money(difference)} ({'over' if difference > 0 else 'short'})"
