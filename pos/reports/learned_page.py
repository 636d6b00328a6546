"""What the learning adds, on the HTML page (`pos.reports.html`): each learned rule's sentence, its
figures by context and against always one offer, and a chart of the learning over time (in each
context, its best offer's share of the choices by day, inline SVG)."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from pos.core.analytics.learned_rules import LearnedRule
from pos.reports.learned_words import (
    FEW_DAYS,
    LEARNING,
    PER,
    adds,
    adds_interval,
    best_offer,
    best_shares,
    context_label,
    figure,
    interval,
    offer_labels,
    rule_title,
    sentences,
)

COLOURS = ("#4a90d9", "#e07b39", "#7bb36e", "#b55fc0", "#c9a227", "#5fb5b0")
"""One per context charted: the six with the most chances."""
POINTS = 120
"""At most this many points a line: more days are put together, each point a run of days."""


def learned_section(
    rules: list[LearnedRule],
    names: Mapping[str, str],
    currency: str | None,
    store_currencies: Mapping[str, str],
    stores: Mapping[str, str],
) -> str:
    """The page's section; empty where no rule learned."""
    if not rules:
        return ""
    return (
        "<h2>What the learning adds</h2><p>Offers chosen by context (daypart, what the order holds, its "
        "lines), each chance weighed by the chance its offer had; money per "
        f"{PER} chances, intervals that hold however often the report is read (anytime 95 %).</p>"
        + "".join(
            _rule(rule, names, store_currencies.get(rule["store_id"], currency), stores) for rule in rules
        )
    )


def _rule(
    rule: LearnedRule, names: Mapping[str, str], currency: str | None, stores: Mapping[str, str]
) -> str:
    labels = offer_labels(rule, names)
    said = "".join(
        f'<p class="verdict">{escape(line)}</p>' for line in sentences(rule, names, currency, stores)
    )
    contexts = [
        row
        for context in rule["contexts"]
        for row in (
            [
                context_label(context["context"]),
                "learned choice",
                f"{context['chances']:,}",
                figure(context, currency),
                interval(context, currency),
            ],
            *(
                ["", label, f"{offered['chances']:,}", figure(offered, currency), interval(offered, currency)]
                for label, offered in zip(labels, context["candidates"], strict=True)
            ),
        )
    ]
    fixed = [["learned choice", figure(rule, currency), interval(rule, currency), "", ""]] + [
        [
            f"always {label}",
            figure(each, currency),
            interval(each, currency),
            adds(each, currency),
            adds_interval(each, currency),
        ]
        for label, each in zip(labels, rule["fixed"], strict=False)  # none where unweighed
    ]
    return (
        f"<h3>{escape(rule_title(rule, names, stores))}</h3>{said}"
        + _table(("Context", "Offer", "Chances", f"Kept per {PER} chances", "Anytime 95 %"), contexts)
        + f"<p>Against always one offer (where the guards allow it), over the {rule['chances']:,} chances shown:</p>"
        + _table(
            ("Choice", f"Kept per {PER} chances", "Anytime 95 %", "Learning adds", "Anytime 95 %"), fixed
        )
        + chart(rule, labels)
    )


def _table(labels: tuple[str, ...], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(label)}</th>" for label in labels)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="text">{escape(cell)}</td>' if index < 2 else f"<td>{escape(cell)}</td>"
            for index, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def chart(rule: LearnedRule, labels: list[str]) -> str:
    """For each context with the most chances (a colour each), its best offer so far's share of the
    context's choices by day, 0 to 100 %: the learning, where it happens."""
    days = rule["by_day"]
    if len(days) < 2:
        return f"<p>{FEW_DAYS}</p>"
    width, height, left, top = 600, 160, 40, 10
    title = f"{LEARNING[:1].upper()}{LEARNING[1:]}, by day, {days[0]['day']} to {days[-1]['day']}"
    lines: list[str] = []
    legend: list[str] = []
    for context, colour in zip(rule["contexts"], COLOURS, strict=False):
        best = best_offer(context)
        if best is None:
            continue
        shares = best_shares(rule, context, best, POINTS)
        step = width / max(1, len(shares) - 1)
        points = " ".join(
            f"{left + i * step:.1f},{top + (1 - share) * height:.1f}"
            for i, share in enumerate(shares)
            if share is not None
        )
        lines.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        said = f"{context_label(context['context'])}: {labels[best]}"
        legend.append(
            f'<text x="{left + width + 10}" y="{top + 14 + 16 * len(legend)}" fill="{colour}">{escape(said)}</text>'
        )
    return (
        f"<p>{escape(title)}.</p>"
        f'<svg width="{left + width + 330}" height="{height + 40}" role="img" aria-label="{escape(title)}">'
        f'{"".join(lines)}<text x="0" y="{top + 4}">100 %</text><text x="0" y="{top + height}">0 %</text>{"".join(legend)}'
        f'<text x="{left}" y="{height + 32}">{escape(days[0]["day"])}</text>'
        f'<text x="{left + width}" y="{height + 32}" text-anchor="end">{escape(days[-1]["day"])}</text></svg>'
    )
