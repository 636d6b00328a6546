"""Which wording works and who to coach, as tables: the insights of `pos.core.analytics.insights` and
`pos.core.analytics.coaching` beside the store."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pos.core.analytics.coaching import CashierCoaching, StoreCoaching
from pos.core.analytics.insights import WordingTest
from pos.core.analytics.metrics import Row
from pos.core.base.text import printable
from pos.reports.figures import percent
from pos.reports.report_columns import column
from pos.reports.row_labels import row_currency


def no_wording_tests(variants_shown: bool) -> str:
    if variants_shown:
        return "pitch variants were shown on these days, but the filters leave no rule with two of them to compare."
    return "no rule with pitch variants was shown on these days."


def wording_table(tests: list[WordingTest], names: dict[str, str], variants_shown: bool) -> RenderableType:
    """`variants_shown`: some rule's variants were shown, though not to the rows asked for."""
    if not tests:
        return Text(f"Which wording works: {no_wording_tests(variants_shown)}")
    table = Table(title="Which wording works", title_justify="left", show_lines=True, box=box.SIMPLE_HEAD)
    table.add_column("Prompt")
    table.add_column("Variant: wording", overflow="fold")
    table.add_column("Asked", justify="right")
    table.add_column("Acceptance (anytime 95 %)", justify="right")
    for test in tests:
        variants = Text("\n".join(printable(f"{v['variant']}: {v['pitch']}") for v in test.variants))
        label = Text(printable(test.title(names)) + "\n")
        label.append(printable(test.verdict), style="italic")
        table.add_row(
            label,
            variants,
            "\n".join(f"{v['asked']:,}" for v in test.variants),
            "\n".join(sequence_text(v) for v in test.variants),
        )
    return table


def sequence_text(row: Row) -> str:
    """A variant's rate with its confidence-sequence interval (`pos.core.analytics.sequential`)."""
    if row["acceptance_rate"] is None:
        return "–"
    return f"{row['acceptance_rate'] * 100:.1f} % ({row['cs_low'] * 100:.1f}-{row['cs_high'] * 100:.1f})"


NOTE_BESIDE = 110
"""Columns from which each cashier's note sits in the table's last column; narrower, a note would wrap
a word to a line there, so the notes follow the table, each after its cashier's name."""


def coaching_table(
    stores: list[StoreCoaching],
    cashiers: list[CashierCoaching],
    currency: str | None,
    store_currencies: Mapping[str, str] | None = None,
) -> RenderableType:
    """Each cashier, then the store (each store, over several) beside which they are coached; a
    store's and its cashiers' money in the store's currency (`store_currencies`, by its id)."""
    return _Coaching(stores, cashiers, currency, store_currencies or {})


@dataclass(frozen=True)
class _Coaching:
    stores: list[StoreCoaching]
    cashiers: list[CashierCoaching]
    currency: str | None
    store_currencies: Mapping[str, str]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RenderableType]:
        beside = options.max_width >= NOTE_BESIDE
        yield self._table(beside)
        notes = [(coach.label, coach.flag) for coach in self.cashiers if coach.flag]
        if not beside and notes:
            yield Group(
                *(Text.assemble(f"{printable(label)}: ", (flag, "bold red")) for label, flag in notes)
            )

    def _table(self, beside: bool) -> Table:
        table = Table(
            title="Coaching: each cashier beside the store", title_justify="left", box=box.SIMPLE_HEAD
        )
        labels = COACHING_LABELS if beside else COACHING_LABELS[:-1]
        for label in labels:
            table.add_column(
                label,
                justify="left" if label in ("Cashier", "Note") else "right",
                min_width=12 if label == "Cashier" else None,  # a store's id in parentheses is never cut
            )
        for coach in self.cashiers:
            own = row_currency(coach.row, self.currency, self.store_currencies)
            cells = [Text(cell) for cell in coaching_cells(coach.row, own, coach.label)[:-1]]
            note = [Text(coach.flag or "", style="bold red")] if beside else []
            table.add_row(*cells, *note)
        table.add_section()
        for store in self.stores:
            own = row_currency(store.row, self.currency, self.store_currencies)
            figures = coaching_cells(store.row, own, store.label, cashier=False)
            table.add_row(*(Text(cell) for cell in figures[: len(labels)]), style="bold")
        return table


COACHING_LABELS = ("Cashier", "Rank", "Shown", "Ask rate (95 % CI)", "Acceptance", "Kept", "Note")


def coaching_cells(row: Row, currency: str | None, label: str, cashier: bool = True) -> list[str]:
    """A cashier's (or not `cashier`, a store's) coaching row, in COACHING_LABELS order, its note empty."""
    asked = percent(row["ask_rate"])
    low, high = row.get("ask_low"), row.get("ask_high")
    if cashier and low is not None and high is not None:
        asked += f" ({low * 100:.0f}-{high * 100:.0f})"
    rank = row.get("rank")
    return [
        printable(label),
        (f"{rank}" if rank else "–") if cashier else "",
        column("shown").draw(row, currency),
        asked,
        *(column(key).draw(row, currency) for key in ("acceptance_rate", "added_revenue")),
        "",
    ]
