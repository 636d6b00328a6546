"""`pos report --format html`: one self-contained page (inline CSS and SVG) to mail on."""

from __future__ import annotations

from datetime import datetime
from html import escape

from pos.core.dashboard import Dashboard
from pos.core.money import format_money
from pos.core.report import Report, Row
from pos.core.text import printable
from pos.reports.text import METRIC_LABELS, interval, key_text, metric_cells, percent, prompt_label

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
"""

BAR_WIDTH = 420
LABEL_WIDTH = 160


def rate_bars(title: str, rows: list[Row], label: str, names: dict[str, str]) -> str:
    """Acceptance rate bars, each with its 95 % interval drawn across it."""
    shown = [row for row in rows if row["acceptance_rate"] is not None]
    height = 22 * len(shown) + 10
    parts = [
        f'<h3>{escape(title)}</h3><svg width="{LABEL_WIDTH + BAR_WIDTH + 140}" height="{height}" role="img">'
    ]
    for index, row in enumerate(shown):
        y = 5 + index * 22
        width = row["acceptance_rate"] * BAR_WIDTH
        low, high = LABEL_WIDTH + row["ci_low"] * BAR_WIDTH, LABEL_WIDTH + row["ci_high"] * BAR_WIDTH
        parts.append(
            f'<text x="0" y="{y + 13}">{escape(key_text(row[label], label, names)[:24])}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="16" fill="#4a90d9"/>'
            f'<line x1="{low:.1f}" y1="{y + 8}" x2="{high:.1f}" y2="{y + 8}" stroke="#222" stroke-width="2"/>'
            f'<line x1="{low:.1f}" y1="{y + 3}" x2="{low:.1f}" y2="{y + 13}" stroke="#222"/>'
            f'<line x1="{high:.1f}" y1="{y + 3}" x2="{high:.1f}" y2="{y + 13}" stroke="#222"/>'
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{y + 13}">{escape(interval(row))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def trend(rows: list[Row]) -> str:
    """Acceptance rate by day, as a line."""
    points = [(row["day"], row["acceptance_rate"]) for row in rows if row["acceptance_rate"] is not None]
    if len(points) < 2:
        return "<p>Not enough days for a trend yet.</p>"
    width, height = 600, 160
    top = max(rate for _, rate in points) * 1.1 or 1
    step = width / (len(points) - 1)
    line = " ".join(
        f"{40 + i * step:.1f},{10 + (1 - rate / top) * height:.1f}" for i, (_, rate) in enumerate(points)
    )
    return (
        f'<svg width="{width + 60}" height="{height + 40}" role="img">'
        f'<polyline points="{line}" fill="none" stroke="#4a90d9" stroke-width="2"/>'
        f'<text x="0" y="16">{top * 100:.0f} %</text><text x="0" y="{height + 10}">0 %</text>'
        f'<text x="40" y="{height + 32}">{escape(points[0][0])}</text>'
        f'<text x="{width - 40}" y="{height + 32}">{escape(points[-1][0])}</text></svg>'
    )


def metrics_table(report: Report, names: dict[str, str], currency: str) -> str:
    head = "".join(f"<th>{escape(name)}</th>" for name in report.by) + "".join(
        f"<th>{label}</th>" for label in METRIC_LABELS
    )

    def cells(row: Row) -> str:
        return "".join(f"<td>{escape(value)}</td>" for value in metric_cells(row, currency))

    body = "".join(
        "<tr>"
        + "".join(f'<td class="text">{escape(key_text(row[name], name, names))}</td>' for name in report.by)
        + cells(row)
        + "</tr>"
        for row in report.rows
    )
    total = (
        '<tr class="total">'
        + "".join('<td class="text">Total</td>' if i == 0 else "<td></td>" for i in range(len(report.by)))
        + cells(report.totals)
        + "</tr>"
    )
    return f"<table><tr>{head}</tr>{body}{total}</table>"


def page(dashboard: Dashboard, names: dict[str, str], currency: str, title: str, made: datetime) -> str:
    """One self-contained page; `made` is when, by the clock of the command that made it."""
    report, by_offer, by_cashier, by_day = (
        dashboard.report,
        dashboard.by_offer,
        dashboard.by_cashier,
        dashboard.by_day,
    )
    tests, store, cashiers = dashboard.wording, dashboard.store, dashboard.cashiers
    totals = report.totals
    filters = ", ".join(f"{k} {v}" for k, v in report.filters.as_dict().items() if v)
    figures = "".join(
        f"<span>{label}: <b>{escape(value)}</b></span>"
        for label, value in (
            ("Prompts shown", f"{totals['shown']:,}"),
            ("Ask rate", percent(totals["ask_rate"])),
            ("Acceptance", percent(totals["acceptance_rate"])),
            ("Added by selling", format_money(totals["added_revenue"], currency)),
            ("Orders", f"{totals['orders']:,}"),
            (
                "Average ticket",
                format_money(totals["avg_ticket"], currency) if totals["avg_ticket"] is not None else "–",
            ),
        )
    )
    wording = (
        "".join(
            f'<h3>{escape(prompt_label(test, names))}</h3><p class="verdict">{escape(test.verdict)}</p>'
            "<table><tr><th>Variant</th><th>Wording</th><th>Asked</th><th>Acceptance (95 % CI)</th></tr>"
            + "".join(
                f'<tr><td>{v["variant"]}</td><td class="text">{escape(printable(v["pitch"]))}</td><td>{v["asked"]:,}</td><td>{escape(interval(v))}</td></tr>'
                for v in test.variants
            )
            + "</table>"
            for test in tests
        )
        or "<p>No rule with pitch variants has been shown yet.</p>"
    )
    coaching = (
        "<table><tr><th>Cashier</th><th>Shown</th><th>Ask rate</th><th>Acceptance</th><th>Added</th><th>Note</th></tr>"
        + "".join(
            f"<tr><td>{escape(key_text(c.row['cashier']))}</td><td>{c.row['shown']:,}</td><td>{percent(c.row['ask_rate'])}</td>"
            f"<td>{percent(c.row['acceptance_rate'])}</td><td>{escape(format_money(c.row['added_revenue'], currency))}</td>"
            f'<td class="text flag">{escape(c.flag or "")}</td></tr>'
            for c in cashiers
        )
        + f'<tr class="total"><td>Store</td><td>{store["shown"]:,}</td><td>{percent(store["ask_rate"])}</td>'
        f"<td>{percent(store['acceptance_rate'])}</td><td>{escape(format_money(store['added_revenue'], currency))}</td><td></td></tr></table>"
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{STYLE}</style></head>
<body>
<h1>{escape(title)}</h1>
<p>{escape(filters)} · made {made.strftime("%Y-%m-%d %H:%M")}</p>
<div class="figures">{figures}</div>
<h2>Acceptance</h2>
{rate_bars("By offer", by_offer.rows, "offer", names)}
{rate_bars("By cashier", by_cashier.rows, "cashier", names)}
<h2>Trend over days</h2>
{trend(by_day.rows)}
<h2>The numbers{" by " + escape(", ".join(report.by)) if report.by else ""}</h2>
{metrics_table(report, names, currency)}
<h2>Which wording works</h2>
{wording}
<h2>Coaching</h2>
{coaching}
</body></html>
"""
