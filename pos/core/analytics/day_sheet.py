"""A day's close or X reading as a sheet (`pos.core.printing.sheet`): what the screen, the terminal,
the HTML page and the receipt printer all show, its money written in the day's currency.

What came after the day's last close is the figures then less the close's: money given back since on
an order sold before the close takes net sales, kept money and the expected cash below what they
were, so those show as "$7.03 less" (or "more") than at the close, never as a bare negative amount."""

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
        title, said = "X reading", "a reading: this closes nothing"
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
    """The line saying what happened after the day's last close, and its figures' section."""
    at = since.closed_at[11:16]
    closed = "closed" if since.number == 1 else f"closed again ({since.number})"
    by = f" by {since.closed_by}" if since.closed_by else ""
    figures = since.figures
    happened = f"{_counted(figures.orders, 'order')}, {money(figures.sales)} sold since"
    back = [
        f"{_counted(count, kind)}{after}"
        for count, kind, after in (
            (figures.refunds, "refund", ""),
            (figures.voids, "void", " after the receipt"),
        )
        if count
    ]
    if back:
        happened += f"; {' and '.join(back)}, {money(figures.refunded + figures.voided)} given back"
    than_at_close = _more_or_less(money)
    drawer = _drawer(figures.expected_cash, None, None, than_at_close)
    return f"the day was {closed} at {at}{by}: {happened}", _section(
        f"Since the close at {at} (all terminals)", figures, money, drawer, than_at_close
    )


def _counted(count: int, thing: str) -> str:
    return f"{count} {thing}{'' if count == 1 else 's'}"


def _more_or_less(money: Money) -> Money:
    """A figure since the close, as more or less than it was at the close."""
    return lambda amount: money(abs(amount)) + ("" if not amount else " more" if amount > 0 else " less")


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


def _section(
    title: str, figures: Figures, money: Money, drawer: list[tuple[str, str]], flow: Money | None = None
) -> Section:
    """`flow` writes the figures money given back takes down (net sales, kept money): `money` unless
    said."""
    flow = flow or money
    rows = [
        ("Orders", str(figures.orders)),
        ("Sales (tax included)", money(figures.sales)),
        ("Tax", money(figures.tax)),
        *((f"Tendered {kind}", money(figures.tenders[kind])) for kind in TENDER_KINDS),
        ("Change given", money(figures.change)),
        (f"Refunds ({figures.refunds})", money(figures.refunded)),
        (f"Voids after the receipt ({figures.voids})", money(figures.voided)),
        ("Given back in cash", money(figures.cash_back)),
        ("Net sales (less refunds and voids)", flow(figures.net_sales)),
        ("No-sales", str(figures.no_sales)),
        (f"Discounts by hand ({figures.discounts})", money(figures.discounted)),
        ("Prompts asked", str(figures.asked)),
        ("Prompts accepted", str(figures.accepted)),
        ("Kept by prompts", flow(figures.kept)),
        ("Codes issued", str(figures.codes_issued)),
        ("Codes redeemed", str(figures.codes_redeemed)),
        *drawer,
    ]
    return Section(title, tuple(rows))


def _difference(difference: int, money: Money) -> str:
    if difference == 0:
        return money(0)
    return f"{money(difference)} ({'over' if difference > 0 else 'short'})"
