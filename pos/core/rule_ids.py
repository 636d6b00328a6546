"""Which menu rule made a prompt (events spec version 3, `rule`): a stable text id, and its label.

The id is made of what every prompt event of every version logs: its kind, trigger, offer and
size, as `KIND:TRIGGER>OFFER@SIZE`. The bundled menu's "make it a meal" on a Cheeseburger is
`upsell:1>31`, the large meal after it `upsell:31>31@Large`, a checkout Apple Pie `checkout:>40`
(no trigger), Medium Fries after a Cheeseburger `cross_sell:1>20@Medium`. So the id is the same on
every terminal and in every version of the menu that keeps the rule, and a version 1 or 2 event,
which logged none, is given the very id a new one logs: old and new records of a rule group
together. A rule that names a category (a drink's "go large") makes one id per item it is offered
for, as each has its own trigger.

Codes are letters, digits, `-` and `_`, and a kind is one of the spec's names, so the id reads
back unambiguously; a size, written last, may hold anything.
"""

from __future__ import annotations

from collections.abc import Mapping


def rule_id(kind: str, trigger: str | None, offer: str, size: str | None) -> str:
    """`upsell:31>31@Large`: the id of the rule that made a prompt of this kind, trigger, offer and size."""
    return f"{kind}:{trigger or ''}>{offer}" + (f"@{size}" if size else "")


def rule_label(rule: str, names: Mapping[str, str]) -> str:
    """What a manager reads for a rule, with the items' names (their codes where a name is not known):
    `upsell: Cheeseburger -> Cheeseburger Meal`, `upsell: Cheeseburger Meal -> Large`,
    `cross-sell: Cheeseburger -> Medium Fries`, `checkout: Apple Pie`."""
    kind, what = rule_parts(rule, names)
    return f"{kind}: {what}" if kind else what


def rule_parts(rule: str, names: Mapping[str, str]) -> tuple[str, str]:
    """The rule's kind as a reader writes it (`cross-sell`), and what it offers after what
    (`Cheeseburger -> Medium Fries`); an id not made here is ("", the id)."""
    kind, colon, rest = rule.partition(":")
    trigger, arrow, offered = rest.partition(">")
    if not colon or not arrow:
        return "", rule
    offer, _, size = offered.partition("@")
    target = names.get(offer, offer)
    if trigger == offer and size:
        what = f"{target} -> {size}"
    else:
        what = f"{size} {target}" if size else target
        if trigger:
            what = f"{names.get(trigger, trigger)} -> {what}"
    return kind.replace("_", "-"), what
