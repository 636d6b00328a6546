"""`pos report --format html`: one self-contained page (inline CSS and SVG) to mail on."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from html import escape

from pos.core.analytics.dashboard import Dashboard
from pos.core.analytics.metrics import wilson
from pos.core.analytics.report import Report, Row
from pos.core.base.text import printable
from pos.reports.coaching_tables import COACHING_LABELS, coaching_cells, no_wording_tests, sequence_text
from pos.reports.figures import interval, money, percent
from pos.reports.learned_page import learned_section
from pos.reports.metrics_table import LEGEND, NOT_ADDED
from pos.reports.outcomes import after_sale_line, approvals_lines, lift_sentences
from pos.reports.prompt_cost import FATIGUE_ROWS, cost_labels, cost_rows
from pos.reports.report_columns import Where, cells, shown_in
from pos.reports.row_labels import cashier_labels, key_labels, row_currency, rule_labels

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 70em; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #e4e4e4; text-align: right; }
th:first-child, td:first-child, td.text { text-align: left; }
tr.total td { font-weight: bold; border-top: 2px solid #999; }
.flag { color: #b00020; font-weight: bold; }
.verdict { font-style: italic; }
.figures span { display: inline-block; margin-right: 2em; font-size: 1.2em; }
svg text { font-size: 12px; font-family: system-ui, sans-serif; }
table.bars th { text-align: left; }
table.bars td { border-bottom: none; padding: 0.1em 0.7em; white-space: nowrap; }
table.bars td:first-child { white-space: normal; }
table.bars svg { vertical-align: middle; background: #f2f2f2; }
"""

BAR_WIDTH = 210


def rate_bars(title: str, rows: list[Row], labels: list[str]) -> str:
    """Ask rate and acceptance rate bars side by side, each with its 95 % interval drawn across it.
    The labels are table cells: a long one widens its column or wraps, never cut."""
    head = "<tr><th></th><th>Ask rate (asked / shown)</th><th>Acceptance (accepted / asked)</th></tr>"
    body = "".join(
        f'<tr><td class="text">{escape(label)}</td>'
        + _bar_cell(row["ask_rate"], *wilson(row["asked"], row["shown"]), "#7bb36e")
        + _bar_cell(row["acceptance_rate"], row["ci_low"], row["ci_high"], "#4a90d9")
        + "</tr>"
        for label, row in zip(labels, rows, strict=True)
    )
    return f'<h3>{escape(title)}</h3><table class="bars">{head}{body}</table>'


def _bar_cell(rate: float | None, low: float | None, high: float | None, colour: str) -> str:
    if rate is None or low is None or high is None:
        return '<td class="text">not asked yet</td>'
    said = f"{rate * 100:.0f} % (95 % CI {low * 100:.0f}-{high * 100:.0f} %)"
    return (
        f'<td class="text"><svg width="{BAR_WIDTH}" height="16" role="img" aria-label="{said}">'
        f'<rect x="0" y="0" width="{rate * BAR_WIDTH:.1f}" height="16" fill="{colour}"/>'
        f'<line x1="{low * BAR_WIDTH:.1f}" y1="8" x2="{high * BAR_WIDTH:.1f}" y2="8" stroke="#222" '
        f'stroke-width="2"/></svg> {rate * 100:.0f} %</td>'
    )


def simple_table(labels: tuple[str, ...], rows: list[list[str]], total: list[str] | None = None) -> str:
    head = "".join(f"<th>{escape(label)}</th>" for label in labels)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    if total is not None:
        body += '<tr class="total">' + "".join(f"<td>{escape(cell)}</td>" for cell in total) + "</tr>"
    return f"<table><tr>{head}</tr>{body}</table>"


def cost_and_fatigue(dashboard: Dashboard, names: dict[str, str], currency: str | None) -> str:
    kinds = cost_rows(dashboard, names, currency, rules=True)
    places = [[str(row["heard"]), f"{row['asked']:,}", interval(row)] for row in dashboard.by_place.rows]
    declined = [
        [str(row["declined_before"]), f"{row['asked']:,}", interval(row)]
        for row in dashboard.by_declined.rows
    ]
    return (
        "<h3>The cost of a prompt</h3>"
        + simple_table(cost_labels(), kinds)
        + "<h3>Prompt fatigue</h3><p>Acceptance by the prompt's number among those the customer heard "
        "in the order, and by how many prompts the customer had already declined in it.</p>"
        + simple_table(("Prompt no. (heard)", "Asked", "Acceptance (95 % CI)"), places[:FATIGUE_ROWS])
        + simple_table(("Already declined", "Asked", "Acceptance (95 % CI)"), declined[:FATIGUE_ROWS])
    )


TREND = "Acceptance rate (accepted / asked) by day"


def trend(rows: list[Row]) -> str:
    """Acceptance rate by day, as a line from the first day to the last, named above it."""
    points = [(row["day"], row["acceptance_rate"]) for row in rows if row["acceptance_rate"] is not None]
    if len(points) < 2:
        return "<p>Not enough days for a trend yet.</p>"
    width, height, left = 600, 160, 40
    top = max(rate for _, rate in points) * 1.1 or 1
    step = width / (len(points) - 1)
    line = " ".join(
        f"{left + i * step:.1f},{10 + (1 - rate / top) * height:.1f}" for i, (_, rate) in enumerate(points)
    )
    low, high = min(rate for _, rate in points), max(rate for _, rate in points)
    return (
        f"<p>{TREND}, from {escape(points[0][0])} to {escape(points[-1][0])}: between "
        f"{low * 100:.1f} % and {high * 100:.1f} %.</p>"
        f'<svg width="{left + width + 20}" height="{height + 40}" role="img" aria-label="{TREND}">'
        f'<polyline points="{line}" fill="none" stroke="#4a90d9" stroke-width="2"/>'
        f'<text x="0" y="16">{top * 100:.0f} %</text><text x="0" y="{height + 10}">0 %</text>'
        f'<text x="{left}" y="{height + 32}">{escape(points[0][0])}</text>'
        f'<text x="{left + width}" y="{height + 32}" text-anchor="end">{escape(points[-1][0])}</text></svg>'
    )


def metrics_table(
    report: Report, names: dict[str, str], currency: str | None, store_currencies: Mapping[str, str]
) -> str:
    """The table's rows and totals; a row's own orders (`pos.core.analytics.group_orders`) where every field
    it is grouped by is an order's."""
    columns = shown_in(Where.PAGE, orders=any(row.get("orders") is not None for row in report.rows))
    head = "".join(f"<th>{escape(name)}</th>" for name in report.by) + "".join(
        f"<th>{escape(c.label)}</th>" for c in columns
    )

    def cells_of(row: Row, money_in: str | None) -> str:
        return "".join(f"<td>{escape(value)}</td>" for value in cells(columns, row, money_in))

    body = "".join(
        "<tr>"
        + "".join(f'<td class="text">{escape(label)}</td>' for label in labels)
        + cells_of(row, row_currency(row, currency, store_currencies))
        + "</tr>"
        for row, labels in zip(report.rows, key_labels(report, names), strict=True)
    )
    total = (
        '<tr class="total">'
        + "".join('<td class="text">Total</td>' if i == 0 else "<td></td>" for i in range(len(report.by)))
        + cells_of(report.totals, currency)
        + "</tr>"
    )
    return f"<table><tr>{head}</tr>{body}{total}</table>"


def headline(totals: Row, currency: str | None) -> str:
    """The totals' figures at the top of the page."""
    return "".join(
        f"<span>{label}: <b>{escape(value)}</b></span>"
        for label, value in (
            ("Prompts shown", f"{totals['shown']:,}"),
            ("Ask rate", percent(totals["ask_rate"])),
            ("Acceptance", percent(totals["acceptance_rate"])),
            ("Kept from selling", money(totals["added_revenue"], currency)),
            ("Agreed", money(totals["accepted_value"], currency)),
            ("Orders", f"{totals['orders']:,}"),
            (
                "Average ticket",
                money(totals["avg_ticket"], currency) if totals["avg_ticket"] is not None else "–",
            ),
        )
    )


def wording_tables(dashboard: Dashboard, names: dict[str, str]) -> str:
    """Each rule's wordings side by side, under its verdict."""
    return (
        "".join(
            f'<h3>{escape(printable(test.title(names)))}</h3><p class="verdict">{escape(test.verdict)}</p>'
            "<table><tr><th>Variant</th><th>Wording</th><th>Asked</th><th>Acceptance (anytime 95 %)</th></tr>"
            + "".join(
                f'<tr><td>{v["variant"]}</td><td class="text">{escape(printable(v["pitch"]))}</td><td>{v["asked"]:,}</td><td>{escape(sequence_text(v))}</td></tr>'
                for v in test.variants
            )
            + "</table>"
            for test in dashboard.wording
        )
        or f"<p>{escape(no_wording_tests(dashboard.variants_shown).capitalize())}</p>"
    )


def coaching_rows(dashboard: Dashboard, currency: str | None, own: Mapping[str, str]) -> str:
    """Each cashier with a note where one is due, then the store (each store, over several)."""
    return (
        "<table><tr>"
        + "".join(f"<th>{label}</th>" for label in COACHING_LABELS)
        + "</tr>"
        + "".join(
            "<tr>"
            + "".join(
                f"<td>{escape(cell)}</td>"
                for cell in coaching_cells(c.row, row_currency(c.row, currency, own), c.label)[:-1]
            )
            + f'<td class="text flag">{escape(c.flag or "")}</td></tr>'
            for c in dashboard.cashiers
        )
        + "".join(
            '<tr class="total">'
            + "".join(
                f"<td>{escape(cell)}</td>"
                for cell in coaching_cells(s.row, row_currency(s.row, currency, own), s.label, cashier=False)
            )
            + "</tr>"
            for s in dashboard.stores
        )
        + "</table>"
    )


def page(
    dashboard: Dashboard,
    names: dict[str, str],
    currency: str | None,
    title: str,
    made: datetime,
    store_currencies: Mapping[str, str] | None = None,
) -> str:
    """One self-contained page; `made` is when, by the clock of the command that made it. `currency`
    None: the stores sell in several, and `store_currencies` says each one's."""
    report, own = dashboard.report, store_currencies or {}
    filters = ", ".join(f"{k} {v}" for k, v in report.filters.as_dict().items() if v)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{STYLE}</style></head>
<body>
<h1>{escape(title)}</h1>
<p>{escape(filters)} · made {made.strftime("%Y-%m-%d %H:%M")}</p>
<div class="figures">{headline(report.totals, currency)}</div>
<h2>Asking and acceptance</h2>
<p>A bar is the rate; the line across it, its 95 % interval.</p>
{rate_bars("By rule", dashboard.by_rule.rows, rule_labels(dashboard, names))}
{rate_bars("By cashier", dashboard.by_cashier.rows, cashier_labels(dashboard))}
<h2>Trend over days</h2>
{trend(dashboard.by_day.rows)}
<h2>The numbers{" by " + escape(", ".join(report.by)) if report.by else ""}</h2>
{metrics_table(report, names, currency, own)}
<p>{escape(LEGEND)}</p>{"" if currency else f"<p>{escape(NOT_ADDED)}</p>"}
<p>{escape(after_sale_line(report, currency).plain)}</p>
{"".join(f"<p>{escape(line)}</p>" for line in approvals_lines(report, currency))}
<h2>Does prompting pay?</h2>
{"".join(f"<p>{escape(line)}</p>" for line in lift_sentences(dashboard, names, currency, own)) or "<p>No chance held out yet: set <code>holdout</code> in the menu to measure it.</p>"}
{learned_section(report.learned, names, currency, own, dashboard.store_names)}<h2>What prompting costs</h2>
{cost_and_fatigue(dashboard, names, currency)}
<h2>Which wording works</h2>
{wording_tables(dashboard, names)}
<h2>Coaching</h2>
{coaching_rows(dashboard, currency, own)}
</body></html>
"""
