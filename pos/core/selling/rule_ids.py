"""Which menu rule made a prompt (events spec version 3, `rule`): a stable text id, and its label.

A rule's id is the menu's `id = "..."` when the rule gives one. Otherwise it is derived from the
RULE, once, when the menu is read (each kind's `read_rule`), as `KIND:TRIGGER>OFFER@SIZE`:

- upsell: its `item` or `category:NAME` > the item or meal of its `to`, or `~next size` /
  `~largest size` (`upsell:1>31`, `upsell:category:drink>~next size`); an upsell that no rule made
  (the next size by default) is derived from the item, as an older event's is (`upsell:20>20@Large`);
- cross-sell: its `when` list as the menu writes it > its offer @ size
  (`cross_sell:1,category:burger>20@Medium`);
- a rule with several `offers` (menu format version 3): its candidates in the menu's order, each
  with its size, after the `>` (`cross_sell:category:burger>20@Medium,9,40`,
  `upsell:1>31,~largest size`);
- checkout and after-sale: no trigger (`checkout:>40`, `after_sale:>40`);
- nudge: its threshold and its reward (`nudge:~spend 10.00>40`, `nudge:~spend 10.00>~1.00 off`),
  whatever item it suggests;
- meal: the meal's `[[combo]]`, whatever line it completes (`meal:>31`).

A category rule is one rule, whichever item fired it. An event written before version 3 logged
no rule: it is given `event_rule_id` of its own kind, trigger (the item first keyed), offer and
size, so an older category rule's records group per trigger.

Codes are letters, digits, `-` and `_`; every other text in an id (a category, a size, a `~`
word) has `%`, `:`, `>`, `@` and `,` written as `%25`, `%3A`, `%3E`, `%40`, `%2C`, so an id reads
back unambiguously. A menu's own id may not read like a derived one (`looks_derived`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

_ESCAPED = "%:>@,"
_DERIVED = re.compile(r"[a-z_]+:[^>]*>")
CATEGORY = "category:"
WORDS = "~"
"""Before a trigger or offer that is words, not a code (`~next size`)."""


def escape(text: str) -> str:
    """`S:1>2` as `S%3A1%3E2`: a size, category or word that cannot be misread in an id."""
    return "".join(f"%{ord(char):02X}" if char in _ESCAPED else char for char in text)


def unescape(text: str) -> str:
    return re.sub(r"%([0-9A-F]{2})", lambda match: chr(int(match.group(1), 16)), text)


def category(name: str) -> str:
    """A trigger that is a category, as the menu writes it (`category:burger`)."""
    return CATEGORY + escape(name)


def words(text: str) -> str:
    """A trigger or offer that is words, not a code (`~next size`)."""
    return WORDS + escape(text)


def rule_id(kind: str, triggers: Sequence[str], offer: str, size: str | None = None) -> str:
    """`cross_sell:1,category:burger>20@Medium`: triggers and offer are codes, `category(...)` or
    `words(...)` (several offers: `offers_part`); the size is written as the menu names it."""
    return f"{kind}:{','.join(triggers)}>{offers_part([(offer, size)])}"


def offers_part(offers: Sequence[tuple[str, str | None]]) -> str:
    """The offer part of a rule's id: each offer (a code or `words(...)`) with its size, as `rule_id`
    writes one (`20@Medium`), several in the menu's order (`20@Medium,9,40`)."""
    return ",".join(offer + (f"@{escape(size)}" if size else "") for offer, size in offers)


def event_rule_id(kind: str, trigger: str | None, offer: str, size: str | None) -> str:
    """The id of a prompt that no menu rule made, or of an event that logged none: from the event's
    own kind, trigger, offer and size (`upsell:31>31@Large`)."""
    return rule_id(kind, [trigger] if trigger else [], offer, size)


def looks_derived(text: str) -> bool:
    """Reads like a derived id (`word:...>`): a menu's own id may not, so the two never meet."""
    return _DERIVED.match(text) is not None


def rule_label(rule: str, names: Mapping[str, str]) -> str:
    """What a manager reads for a rule, with the items' names (their codes where a name is not known):
    `upsell: Cheeseburger -> Cheeseburger Meal`, `upsell: Cheeseburger Meal -> Large`,
    `cross-sell: Burger (category) -> Medium Fries`, `checkout: Apple Pie`, several offers
    `cross-sell: Burger (category) -> Medium Fries or Hash Brown`; a menu's id as itself."""
    kind, what = rule_parts(rule, names)
    return f"{kind}: {what}" if kind else what


def rule_parts(rule: str, names: Mapping[str, str]) -> tuple[str, str]:
    """The rule's kind as a reader writes it (`cross-sell`), and what it offers after what
    (`Cheeseburger -> Medium Fries`); a menu's own id is ("", the id)."""
    if not looks_derived(rule):
        return "", rule
    kind, _, rest = rule.partition(":")
    triggers, _, offered = rest.partition(">")
    offer, _, size = offered.partition("@")
    if triggers == offer and size and "," not in offered:  # a bigger size of the item keyed
        what = f"{_named(offer, names)} -> {unescape(size)}"
    else:
        what = " or ".join(_offered(each, names) for each in offered.split(","))
        if triggers:
            what = ", ".join(_named(trigger, names) for trigger in triggers.split(",")) + f" -> {what}"
    return kind.replace("_", "-"), what


def _offered(part: str, names: Mapping[str, str]) -> str:
    """One offer of a rule's id, with its size: `Medium Fries`."""
    offer, _, size = part.partition("@")
    target = _named(offer, names)
    return f"{unescape(size)} {target}" if size else target


def _named(part: str, names: Mapping[str, str]) -> str:
    if part.startswith(CATEGORY):
        name = unescape(part.removeprefix(CATEGORY))
        return f"{name[:1].upper()}{name[1:]} (category)"
    if part.startswith(WORDS):
        return unescape(part.removeprefix(WORDS))
    return names.get(part, part)
