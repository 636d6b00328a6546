"""What a learned rule's figures (`pos.core.analytics.learned_rules`) say, in words a manager reads:
its name, its candidates and contexts, money per 100 chances, and the sentence that says what the
learning adds. Shared by the terminal's report, the report screen, the HTML page and the CSV.

A sentence names a winner only where the interval leaves zero: "adds $4.10 per 100 chances over
always offering Medium Fries ($1.20 to $7.00)" when the whole interval is above it, "no proof yet"
while it holds zero, however many chances that takes.
"""

from __future__ import annotations

from collections.abc import Mapping

from pos.core.analytics.learned_rules import Context, ContextFigures, Fixed, LearnedRule, PerChance
from pos.core.base.text import printable
from pos.core.selling.rule_ids import rule_label
from pos.reports.figures import money

PER = 100
"""Money is said per this many chances."""
LEARNING = (
    "the share of each context's choices that went to its best offer so far (the most kept per chance there)"
)
"""What the chart of the learning draws (`best_shares`)."""
FEW_DAYS = "Not enough days for a chart of the learning yet."


def rule_title(rule: LearnedRule, names: Mapping[str, str], stores: Mapping[str, str]) -> str:
    """The rule as a manager reads it, after its store's name in a report over several stores."""
    label = rule_label(rule["rule"], names)
    store = stores.get(rule["store_id"]) if stores else None
    return printable(f"{store}: {label}" if store else label)


NOT_ON_THE_MENU = "(not on the menu)"


def offer_labels(rule: LearnedRule, names: Mapping[str, str]) -> list[str]:
    """Each candidate as a customer hears it: "Medium Fries", "Hash Brown"; where a menu names the
    items, a code it does not (a record made by hand) as "999 (not on the menu)"."""
    return [
        printable(
            (f"{code} {NOT_ON_THE_MENU}" if names else code)
            if code not in names
            else f"{size} {names[code]}"
            if size
            else names[code]
        )
        for code, size in zip(rule["offers"], rule["sizes"], strict=True)
    ]


def context_label(context: Context) -> str:
    """ "lunch · has side · 2-3 lines": the daypart, what the order held of the candidates'
    categories, and its lines."""
    parts = [context["daypart"] or "all day"]
    if context["has"]:
        parts.append("has " + ", ".join(context["has"]))
    parts.append("1 line" if context["lines"] == "1" else f"{context['lines']} lines")
    return printable(" · ".join(parts))


def per_100(figure: float | None, currency: str | None) -> str:
    """Minor units per chance, said per 100 chances."""
    return "–" if figure is None else money(round(figure * PER), currency)


def figure(figures: PerChance, currency: str | None) -> str:
    """What a chance kept, per 100 chances."""
    return per_100(figures["per_chance"], currency)


def interval(figures: PerChance, currency: str | None) -> str:
    """ "$29.52-$59.59" per 100 chances."""
    return _between(figures["low"], figures["high"], currency)


def adds(fixed: Fixed, currency: str | None) -> str:
    """What the learned choice kept more than a fixed one, per 100 chances."""
    return per_100(fixed["adds"], currency)


def adds_interval(fixed: Fixed, currency: str | None) -> str:
    return _between(fixed["adds_low"], fixed["adds_high"], currency)


def _between(low: float | None, high: float | None, currency: str | None) -> str:
    return "–" if low is None or high is None else f"{per_100(low, currency)} to {per_100(high, currency)}"


def best_offer(context: ContextFigures) -> int | None:
    """The place of the context's best offer so far: the most kept per chance there (the first of
    equals); None before any offer there kept a figure."""
    kept = [offered["per_chance"] for offered in context["candidates"]]
    known = [(figure, -place) for place, figure in enumerate(kept) if figure is not None]
    return -max(known)[1] if known else None


def best_shares(rule: LearnedRule, context: ContextFigures, best: int, most: int) -> list[float | None]:
    """The share of the context's choices that went to its offer `best`, in each of at most `most`
    runs of the rule's days (a day each when there are no more days than that), in order; None in a
    run without a choice in the context. The learning is per context: its best offer's share rising
    from its floor is the learning seen."""
    days = [day["day"] for day in rule["by_day"]]
    step = -(-len(days) // most)
    run = {day: index // step for index, day in enumerate(days)}
    chosen, total = [0] * -(-len(days) // step), [0] * -(-len(days) // step)
    for day in context["by_day"]:
        chosen[run[day["day"]]] += day["chosen"][best]
        total[run[day["day"]]] += sum(day["chosen"])
    return [mine / every if every else None for mine, every in zip(chosen, total, strict=True)]


def proven(fixed: Fixed) -> int:
    """1 where the learned choice is proven to keep more than the fixed one, -1 less, 0 not yet."""
    low, high = fixed["adds_low"], fixed["adds_high"]
    if low is None or high is None:
        return 0
    return 1 if low > 0 else -1 if high < 0 else 0


def sentences(
    rule: LearnedRule, names: Mapping[str, str], currency: str | None, stores: Mapping[str, str]
) -> list[str]:
    """What the learning adds over always making the menu's first candidate, over any other it is
    proven to beat or lose to, and (with a holdout) what asking at all adds."""
    labels = offer_labels(rule, names)
    unweighed = rule["unweighed"]
    against = unweighed if unweighed is not None else _against(rule["fixed"][0], labels[0], currency)
    said = f"{rule_title(rule, names, stores)}: {against}"
    if rule["asking"] is not None:
        said += f"; {_asking(rule['asking'], currency)}"
    found = [said + "."]
    for fixed, label in zip(rule["fixed"][1:], labels[1:], strict=False):  # none where unweighed
        adds, low, high = fixed["adds"], fixed["adds_low"], fixed["adds_high"]
        if adds is None or low is None or high is None:
            continue
        verdict = proven(fixed)
        if verdict > 0:
            found.append(
                f"It also adds {_per(adds, currency)} over always offering {label} {_range(low, high, currency)}."
            )
        elif verdict < 0:
            found.append(
                f"Always offering {label} would keep {_per(-adds, currency, 'more')} {_range(-high, -low, currency)}."
            )
    return found


def _against(first: Fixed, label: str, currency: str | None) -> str:
    adds, low, high = first["adds"], first["adds_low"], first["adds_high"]
    choosing = "choosing the offer by context"
    if adds is None or low is None or high is None:
        return f"no chance shown yet to weigh {choosing} against always offering {label}"
    verdict = proven(first)
    if verdict > 0:
        return f"{choosing} adds {_per(adds, currency)} over always offering {label} {_range(low, high, currency)}"
    if verdict < 0:
        return (
            f"{choosing} keeps {_per(-adds, currency, 'less')} than always offering "
            f"{label} {_range(-high, -low, currency)}"
        )
    return (
        f"no proof yet that {choosing} keeps more or less than always offering {label} "
        f"({per_100(low, currency)} to {per_100(high, currency)} per {PER} chances)"
    )


def _asking(asking: PerChance, currency: str | None) -> str:
    figure, low, high = asking["per_chance"], asking["low"], asking["high"]
    if figure is None or low is None or high is None:
        return "no chance held out yet to say what asking at all adds"
    if low > 0:
        return f"asking at all adds {_per(figure, currency)} {_range(low, high, currency)}"
    if high < 0:
        return f"asking at all keeps {_per(-figure, currency, 'less')} {_range(-high, -low, currency)}"
    return (
        f"no proof yet that asking at all changes what is kept "
        f"({per_100(low, currency)} to {per_100(high, currency)} per {PER} chances)"
    )


def _per(figure: float, currency: str | None, than: str = "") -> str:
    """ "$4.10 per 100 chances", or "$4.10 less per 100 chances"."""
    return f"{per_100(figure, currency)} {than + ' ' if than else ''}per {PER} chances"


def _range(low: float, high: float, currency: str | None) -> str:
    """ "($1.20 to $7.00)"."""
    return f"({per_100(low, currency)} to {per_100(high, currency)})"
