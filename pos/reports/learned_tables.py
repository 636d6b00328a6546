"""What the learning adds, as the terminal's report and the report screen show it: for each learned
rule, its sentence, what each offer kept per 100 chances in each context, what always making one
offer would have kept, and in each context the share of the choices its best offer took over time."""

from __future__ import annotations

from collections.abc import Mapping

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

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
    sentences,
)

TITLE = "What the learning adds (offers chosen by context, each chance weighed by the chance its offer had)"
LEARNED = "learned choice"
BLOCKS = "▁▂▃▄▅▆▇█"
"""A share from none to all (a blank is no choice at all)."""
MOST_CONTEXTS = 8
"""Contexts shown in the terminal's table (the JSON and CSV hold every one)."""
CHART_WIDTH = 40
"""At most this many columns of days: more days are put together, each column a run of days."""


def learned_text(
    rules: list[LearnedRule],
    names: Mapping[str, str],
    currency: str | None,
    store_currencies: Mapping[str, str],
    stores: Mapping[str, str],
) -> RenderableType:
    """Every learned rule's section; nothing where no rule learned (`stores`: each store's label by its
    id, in a report over several)."""
    if not rules:
        return Text("")
    parts: list[RenderableType] = [Text(TITLE, style="bold")]
    for rule in rules:
        own = store_currencies.get(rule["store_id"], currency)
        parts += [
            Text("\n".join(sentences(rule, names, own, stores))),
            context_table(rule, names, own),
            fixed_table(rule, names, own),
            learning_chart(rule, names),
            Text(""),
        ]
    return Group(*parts)


def context_table(rule: LearnedRule, names: Mapping[str, str], currency: str | None) -> Table:
    """Per context (those with the most chances), on a row of its own, the learned choice's chances
    and what they kept, then each offer's: the context's words and the offers' names each take the
    one text column, so the figures keep their width at 80 columns."""
    table = Table(
        title=f"Kept per {PER} chances, by context (the {MOST_CONTEXTS} with the most chances)"
        if len(rule["contexts"]) > MOST_CONTEXTS
        else f"Kept per {PER} chances, by context",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("Context, offer")
    for label in ("Chances", "Kept", "Anytime 95 %"):
        table.add_column(label, justify="right", no_wrap=True)
    labels = offer_labels(rule, names)
    for context in rule["contexts"][:MOST_CONTEXTS]:
        table.add_row(Text(context_label(context["context"]), style="bold"))
        table.add_row(
            Text(f"  {LEARNED}", style="bold"),
            f"{context['chances']:,}",
            figure(context, currency),
            interval(context, currency),
        )
        for label, offered in zip(labels, context["candidates"], strict=True):
            table.add_row(
                Text(f"  {label}"),
                f"{offered['chances']:,}",
                figure(offered, currency),
                interval(offered, currency),
            )
    return table


def fixed_table(rule: LearnedRule, names: Mapping[str, str], currency: str | None) -> Table:
    """The learned choice as made, and always one offer where the guards allow it: what each kept per
    100 chances over every context, and what the learning kept more, each interval under its figure
    (an early one, "-$2,241.00 to $249.00", would take the offers' width beside it)."""
    table = Table(
        title=f"Against always one offer, per {PER} chances ({rule['chances']:,} chances shown)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("Choice")
    for label in ("Kept", "Learning adds"):
        table.add_column(Text(f"{label}\nanytime 95 %", justify="right"), justify="right", no_wrap=True)
    table.add_row(Text(LEARNED, style="bold"), _over(figure(rule, currency), interval(rule, currency)), "")
    for label, fixed in zip(offer_labels(rule, names), rule["fixed"], strict=False):  # none where unweighed
        table.add_row(
            Text(f"always {label}"),
            _over(figure(fixed, currency), interval(fixed, currency)),
            _over(adds(fixed, currency), adds_interval(fixed, currency)),
        )
    return table


def _over(figure: str, interval: str) -> Text:
    """A figure, and its interval on the line under it."""
    text = Text(figure)
    text.append(f"\n{interval}", style="dim")
    return text


def learning_chart(rule: LearnedRule, names: Mapping[str, str]) -> Text:
    """For each context of the table, its best offer so far and that offer's share of the context's
    choices by day (or run of days): the learning, where it happens."""
    days = rule["by_day"]
    if len(days) < 2:
        return Text(FEW_DAYS)
    text = Text(f"How the learning moved, {days[0]['day']} to {days[-1]['day']}", style="bold")
    text.append(
        f"\n{LEARNING[:1].upper()}{LEARNING[1:]}: a column a day, or a run of days, from {BLOCKS[0]} none "
        f"to {BLOCKS[-1]} all (blank: no choice there), then that share in the first column and in the last."
    )
    labels = offer_labels(rule, names)
    for context in rule["contexts"][:MOST_CONTEXTS]:
        best = best_offer(context)
        if best is None:
            continue
        shares = best_shares(rule, context, best, CHART_WIDTH)
        seen = [share for share in shares if share is not None]
        text.append(f"\n  {context_label(context['context'])}: {labels[best]}\n    ")
        text.append(
            "".join(" " if share is None else BLOCKS[round(share * (len(BLOCKS) - 1))] for share in shares)
        )
        text.append(f" {seen[0] * 100:.0f} % to {seen[-1] * 100:.0f} %")
    return text
