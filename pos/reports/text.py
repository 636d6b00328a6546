"""A report as a Rich table, as CSV and as JSON: the same rows in each."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any, cast

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from pos.core.coaching import CashierCoaching, StoreCoaching
from pos.core.dashboard import Dashboard
from pos.core.insights import WordingTest
from pos.core.lift import LIFT_METRICS
from pos.core.metrics import Metrics, Row, acceptance, value_of
from pos.core.money import format_money
from pos.core.report import ORDER_METRICS, PROMPT_METRICS, Report
from pos.core.report_fields import ITEM_FIELDS, key_fields
from pos.core.rule_ids import rule_label, rule_parts
from pos.core.store_scope import cashier_label, in_store, store_names
from pos.core.text import json_safe, printable
from pos.reports.spreadsheet import text_cell

RATES = {
    "ask_rate",
    "acceptance_rate",
    "conversion",
    "ci_low",
    "ci_high",
    "attach_prompted",
    "attach_held_out",
    "lift",
    "lift_low",
    "lift_high",
}


def money(minor: int | None, currency: str | None) -> str:
    """Money in the report's currency; a dash where the stores reported sell in several (None), as
    money is never added up across currencies."""
    return "–" if currency is None or minor is None else format_money(minor, currency)


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def interval(row: Metrics, decimals: int = 1) -> str:
    """ "34.9 % (32.4-37.4)": the acceptance rate and its interval, to `decimals` places."""
    shown = acceptance(row)
    if shown is None:
        return "–"
    rate, low, high = shown
    return f"{rate * 100:.1f} % ({low * 100:.{decimals}f}-{high * 100:.{decimals}f})"


def key_text(value: Any, field: str = "", names: dict[str, str] | None = None) -> str:
    """A group's label, printable (logs are outside text); shown as `Text`, never as markup."""
    if value is None:
        return "(none)"
    if field == "rule":
        return printable(rule_label(str(value), names or {}))
    if names and field in ITEM_FIELDS and value in names:
        return printable(f"{value} {names[value]}")
    return printable(str(value))


def key_labels(report: Report, names: dict[str, str]) -> list[list[str]]:
    """Each row's key as labels: a store by its name, and where another store shares the name, by
    its id too."""
    stores = store_names(report.rows)

    def label(row: Row, name: str) -> str:
        return key_text(stores[row["store_id"]] if name == "store" else value_of(row, name), name, names)

    return [[label(row, name) for name in report.by] for row in report.rows]


def row_currency(row: Row, currency: str | None, store_currencies: Mapping[str, str]) -> str | None:
    """A store's row (`--by store`) is in the store's own currency; any other in the report's."""
    store = row.get("store_id")
    return currency if store is None else store_currencies.get(store, currency)


NOT_ADDED = (
    "Money (–) is not added up across currencies: pos report --by store shows each store's in its own."
)


METRIC_LABELS = (
    "Shown",
    "Asked",
    "Ask rate",
    "Acceptance",
    "95 % CI",
    "Conversion",
    "Kept",
    "Agreed",
    "s/prompt",
    "Median ms",
)
WIDE_ONLY = ("Asked", "Conversion", "s/prompt", "Median ms")
MORE_THAN_AGREED = "*"
"""Marks a Kept cell above its row's Agreed: customers took more than the price they said yes to."""
LEGEND = (
    "Kept: what prompts added to paid orders (a voided order or line keeps nothing). "
    "Agreed: the value of every yes at the price quoted, kept or not. "
    f"{MORE_THAN_AGREED} Kept more than agreed: a dearer side or drink chosen after a yes to a meal is kept, "
    "never agreed."
)


def kept_of_agreed(row: Row, currency: str | None) -> str:
    """ "kept $X of $Y agreed", unless customers took more than they agreed to (`MORE_THAN_AGREED`)."""
    kept, agreed = (money(row[name], currency) for name in ("added_revenue", "accepted_value"))
    if row["added_revenue"] > row["accepted_value"]:
        return f"kept {kept}, more than the {agreed} agreed (dearer choices after a yes)"
    return f"kept {kept} of {agreed} agreed"


def seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s"


def metric_cells(row: Row, currency: str | None) -> list[str]:
    """A row's metrics as shown in the table and the HTML page, in METRIC_LABELS order."""
    shown = acceptance(row)
    ci = "–" if shown is None else f"{shown[1] * 100:.1f}-{shown[2] * 100:.1f}"
    return [
        f"{row['shown']:,}",
        f"{row['asked']:,}",
        percent(row["ask_rate"]),
        percent(row["acceptance_rate"]),
        ci,
        percent(row["conversion"]),
        money(row["added_revenue"], currency)
        + (MORE_THAN_AGREED if row["added_revenue"] > row["accepted_value"] else ""),
        money(row["accepted_value"], currency),
        seconds(row["seconds_per_prompt"]),
        "–" if row["median_response_ms"] is None else f"{row['median_response_ms']:,}",
    ]


ORDER_LABELS = ("Orders", "Avg ticket")


def order_cells(row: Row, currency: str | None) -> list[str]:
    """A row's paid orders and their average ticket, in ORDER_LABELS order."""
    orders = row.get("orders")
    return ["–" if orders is None else f"{orders:,}", money(row.get("avg_ticket"), currency)]


def per_second(row: Row, currency: str | None) -> str:
    """What a second of prompting kept: a rate in minor units, shown to the cent."""
    value = row["added_per_prompt_second"]
    return "–" if value is None or currency is None else money(round(value), currency) + "/s"


NARROW = 110
"""Below this many columns the table leaves out WIDE_ONLY."""


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
    wide = width >= NARROW
    shown = [wide or label not in WIDE_ONLY for label in METRIC_LABELS]
    # a row's own orders, where every field it is grouped by is an order's (`pos.core.group_orders`),
    # as many of their columns as the width holds
    with_orders = any(row.get("orders") is not None for row in report.rows)
    for extra in ([True, True], [True, False], [False, False]) if with_orders else ([False, False],):
        keep = shown + extra
        labels = [label for label, kept in zip(METRIC_LABELS + ORDER_LABELS, keep, strict=True) if kept]

        def cells(row: Row, money_in: str | None, keep: list[bool] = keep) -> list[str]:
            every = metric_cells(row, money_in) + order_cells(row, money_in)
            return [value for value, kept in zip(every, keep, strict=True) if kept]

        keys = key_labels(report, names)
        rows = [cells(row, row_currency(row, currency, store_currencies or {})) for row in report.rows]
        total = cells(report.totals, currency)
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
    for key, cells in zip(keys, rows, strict=True):
        table.add_row(Text(" · ".join(key), style="bold"))
        table.add_row(figures(cells))
    if rows:
        table.add_section()
    table.add_row(Text("Total", style="bold"))
    table.add_row(figures(total, "bold"))
    return table


def after_sale_line(report: Report, currency: str | None) -> Text:
    """The receipts' codes: printed, redeemed, the rate and its interval, days to come back."""
    summary = report.after_sale
    if summary is None:
        return Text("")
    line = f"Codes on receipts: {summary['issued']:,} printed, {summary['redeemed']:,} redeemed"
    low, high = summary["redemption_low"], summary["redemption_high"]
    if summary["redemption_rate"] is not None and low is not None and high is not None:
        line += f" ({percent(summary['redemption_rate'])}, 95 % CI {low * 100:.1f}-{high * 100:.1f})"
    if summary["median_days_to_redeem"] is not None:
        line += f", back after {summary['median_days_to_redeem']:g} day(s) (median)"
    line += f"; redeeming orders paid {money(summary['redeeming_revenue'], currency)}"
    return Text(line)


def lift_sentences(
    dashboard: Dashboard,
    names: dict[str, str],
    currency: str | None,
    store_currencies: Mapping[str, str] | None = None,
) -> list[str]:
    """For each rule whose chances were held out (each store's, over several stores, in its
    currency): does asking change what customers take?"""
    proven: list[str] = []
    unproven: list[str] = []
    for row in dashboard.by_rule.rows:
        lift, low, high = row.get("lift"), row.get("lift_low"), row.get("lift_high")
        if lift is None or low is None or high is None:
            continue
        kind, what = rule_parts(row["rule"], names)
        offer = printable(f"{what} ({kind})" if kind else what)
        points = f"{abs(lift) * 100:.0f} points ({low * 100:.0f} to {high * 100:.0f})"
        caused, own = row.get("caused_per_100"), row_currency(row, currency, store_currencies or {})
        worth = f", {money(caused, own)} per 100 chances" if caused is not None and own else ""
        store = row.get("store_id")
        where = "" if store is None else f"At {printable(dashboard.store_names.get(store, store))}, "
        if low > 0:
            proven.append(f"{where}prompting for {offer} adds {points}{worth}: worth asking.")
        elif high < 0:
            proven.append(
                f"{where}prompting for {offer} lowers what customers take by {points}: ask differently."
            )
        else:
            more = row.get("more_chances")
            need = f", about {more:,} more chances needed" if more else ", no difference seen yet"
            unproven.append(f"{where}no proof yet that asking for {offer} changes what customers take{need}.")
    return [sentence[:1].upper() + sentence[1:] for sentence in proven + unproven]


def lift_text(
    dashboard: Dashboard,
    names: dict[str, str],
    currency: str | None,
    store_currencies: Mapping[str, str] | None = None,
) -> Text:
    """The holdout's verdicts, under a heading; nothing where no chance was held out."""
    sentences = lift_sentences(dashboard, names, currency, store_currencies)
    if not sentences:
        return Text("")
    text = Text("Does prompting pay? (chances held out at random)\n", style="bold")
    text.append("\n".join(sentences) + "\n")
    return text


def orders_line(report: Report, currency: str | None) -> Text:
    totals = report.totals
    ticket, kept = totals.get("avg_ticket"), totals.get("added_per_order")
    if ticket is None or kept is None:
        return Text("Orders paid: 0")
    return Text(
        f"Orders paid: {totals.get('orders', 0):,}   average ticket {money(ticket, currency)}"
        f"   kept from selling per order {money(kept, currency)}"
    )


def cashier_labels(dashboard: Dashboard, width: int | None = None) -> list[str]:
    """The rows by cashier as a manager reads them: "C1", or over several stores "C1 (North)";
    with `width`, each cashier's id cut to it, never the store's name."""
    return [
        printable(cashier_label({**row, "cashier": row["cashier"][:width]}, dashboard.store_names))
        for row in dashboard.by_cashier.rows
    ]


def rule_labels(dashboard: Dashboard, names: dict[str, str]) -> list[str]:
    """The rows by rule as a manager reads them, over several stores after the store's name."""
    return [
        printable(in_store(rule_label(row["rule"], names), row, dashboard.store_names))
        for row in dashboard.by_rule.rows
    ]


COST_LABELS = ("", "Shown", "s/prompt", "Kept", "Kept per second")


def cost_rows(
    dashboard: Dashboard, names: dict[str, str], currency: str | None, rules: bool
) -> list[list[str]]:
    """What a prompt costs in counter time and what a second of it keeps: by kind, by cashier,
    and with `rules` by rule; each group after a row naming it."""
    groups = [
        ("By kind", dashboard.by_kind.rows, [key_text(row["kind"]) for row in dashboard.by_kind.rows]),
        ("By cashier", dashboard.by_cashier.rows, cashier_labels(dashboard)),
    ]
    if rules:
        groups.append(("By rule", dashboard.by_rule.rows, rule_labels(dashboard, names)))
    rows: list[list[str]] = []
    for title, group, labels in groups:
        rows.append([title, "", "", "", ""])
        for row, label in zip(group, labels, strict=True):
            rows.append(
                [
                    "  " + label,
                    f"{row['shown']:,}",
                    seconds(row["seconds_per_prompt"]),
                    money(row["added_revenue"], currency),
                    per_second(row, currency),
                ]
            )
    totals = dashboard.report.totals
    rows.append(
        [
            "All prompts",
            f"{totals['shown']:,}",
            seconds(totals["seconds_per_prompt"]),
            money(totals["added_revenue"], currency),
            per_second(totals, currency),
        ]
    )
    return rows


def cost_table(dashboard: Dashboard, currency: str | None) -> Table:
    table = Table(title="The cost of a prompt", title_justify="left", box=box.SIMPLE_HEAD)
    for label in COST_LABELS:
        table.add_column(label, justify="right" if label else "left")
    for cells in cost_rows(dashboard, {}, currency, rules=False):
        table.add_row(*(Text(cell) for cell in cells), style="bold" if not cells[1] else "")
    return table


FATIGUE_ROWS = 8
"""Places in an order shown; later ones are rare."""


def fatigue_table(by_place: Report, by_declined: Report) -> Table:
    """Acceptance by the prompt's number among those the customer heard, and by the noes before it."""
    table = Table(
        title="Prompt fatigue: acceptance by the prompt's number among those the customer heard, and by the customer's noes before it",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    for label in ("Prompt no.", "Asked", "Accepted", "Noes before", "Asked ", "Accepted "):
        table.add_column(label, justify="right")
    places, declined = by_place.rows[:FATIGUE_ROWS], by_declined.rows[:FATIGUE_ROWS]
    for index in range(max(len(places), len(declined))):
        cells: list[str] = []
        for rows, name in ((places, "heard"), (declined, "declined_before")):
            if index < len(rows):
                row = rows[index]
                cells += [f"{value_of(row, name)}", f"{row['asked']:,}", interval(row, decimals=0)]
            else:
                cells += ["", "", ""]
        table.add_row(*cells)
    return table


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
    """A variant's rate with its confidence-sequence interval (`pos.core.sequential`)."""
    if row["acceptance_rate"] is None:
        return "–"
    return f"{row['acceptance_rate'] * 100:.1f} % ({row['cs_low'] * 100:.1f}-{row['cs_high'] * 100:.1f})"


def coaching_table(
    stores: list[StoreCoaching],
    cashiers: list[CashierCoaching],
    currency: str | None,
    store_currencies: Mapping[str, str] | None = None,
) -> Table:
    """Each cashier, then the store (each store, over several) beside which they are coached; a
    store's and its cashiers' money in the store's currency (`store_currencies`, by its id)."""
    table = Table(title="Coaching: each cashier beside the store", title_justify="left", box=box.SIMPLE_HEAD)
    for label in COACHING_LABELS:
        table.add_column(
            label,
            justify="left" if label in ("Cashier", "Note") else "right",
            min_width=12 if label == "Cashier" else None,  # a store's id in parentheses is never cut
        )
    for coach in cashiers:
        own = row_currency(coach.row, currency, store_currencies or {})
        cells = [Text(cell) for cell in coaching_cells(coach.row, own, coach.label)[:-1]]
        table.add_row(*cells, Text(coach.flag or "", style="bold red"))
    table.add_section()
    for store in stores:
        own = row_currency(store.row, currency, store_currencies or {})
        figures = coaching_cells(store.row, own, store.label, cashier=False)
        table.add_row(*(Text(cell) for cell in figures), style="bold")
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
        f"{row['shown']:,}",
        asked,
        percent(row["acceptance_rate"]),
        money(row["added_revenue"], currency),
        "",
    ]


def full_text(
    dashboard: Dashboard,
    names: dict[str, str],
    currency: str | None,
    width: int,
    store_currencies: Mapping[str, str] | None = None,
) -> Group:
    """`currency` None: the stores sell in several, and `store_currencies` says each one's."""
    return Group(
        metrics_table(dashboard.report, names, currency, width, store_currencies),
        Text(LEGEND + ("" if currency else "\n" + NOT_ADDED), style="dim"),
        orders_line(dashboard.report, currency),
        after_sale_line(dashboard.report, currency),
        lift_text(dashboard, names, currency, store_currencies),
        cost_table(dashboard, currency),
        fatigue_table(dashboard.by_place, dashboard.by_declined),
        wording_table(dashboard.wording, names, dashboard.variants_shown),
        Text(""),
        coaching_table(dashboard.stores, dashboard.cashiers, currency, store_currencies),
    )


def csv_text(report: Report) -> str:
    out = io.StringIO()
    lift = LIFT_METRICS if "lift" in report.totals else ()  # the JSON's rows have them then too
    fields = [*key_fields(report.by), *PROMPT_METRICS, *lift, *ORDER_METRICS, "currency"]
    rows = report.rows if report.by else [report.totals]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_csv_cell(name, cast(Mapping[str, object], row).get(name)) for name in fields])
    return out.getvalue()


def _csv_cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name in RATES:
        return f"{value:.6f}"
    if isinstance(value, str):
        return text_cell(value)
    return str(value)


def json_text(report: Report) -> str:
    return json_safe(json.dumps(report.as_dict(), ensure_ascii=False, indent=2)) + "\n"
