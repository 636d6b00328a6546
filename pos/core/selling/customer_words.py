"""What drill customers say around the menu's names: the phrases of their sentences.

Items are always said as the menu writes them ("Large Cola", "Pain au Chocolat":
its size names and item names, never changed by an English rule). The phrases
around them are English by default; `[drill] words` in a menu (every drill on
it, random customers too) or in a drill file (that drill: its phrases win, one
key at a time) gives them in the menu's language:

    [drill.words]
    order = ["{items}, por favor.", "Me pone {items}."]   # a random customer's order
    one = "un {item}"                                   # one of an item, in an order
    more = "{count} {item}"                             # more than one
    with = "con {items}"                                # a meal's choices, in an order or a yes
    mine = "mi {item}"                                  # an item of their order that goes into a meal
    and = "y"                                           # before the last of a list
    yes = ["¡Sí, {offer}!", "Vale."]                    # taking an offer (default: each kind's own)
    no = ["No, gracias."]
    back = "Vuelvo con mi código {code}."               # a customer back with a receipt's code
    again = "Bueno… sí, {offer}, por favor."            # a change of mind

`order`, `yes`, `no`, `back` and `again` take one phrase or a list to draw
from, the others one phrase. Each is checked like a pitch (only its own
placeholders) and filled in by `pos.core.selling.pitch`, never by `str.format`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace

from pos.core.base.toml_fields import Entry, FieldReader
from pos.core.selling.pitch import render, template_problem

PLACEHOLDERS = {
    "order": ("items",),
    "one": ("item",),
    "more": ("count", "item"),
    "with": ("items",),
    "mine": ("item",),
    "and": (),
    "yes": ("offer",),
    "no": (),
    "back": ("code",),
    "again": ("offer",),
}
"""Each key of `[drill] words` and the placeholders its phrases may use."""
VARIED = {"order", "yes", "no", "back", "again"}
"""The keys whose phrases may be a list to draw from."""


@dataclass(frozen=True)
class Words:
    order: tuple[str, ...] = (
        "{items}, please.",
        "Can I get {items}?",
        "I'd like {items}.",
        "Hi! {items}, thanks.",
        "Let me have {items}.",
    )
    one: tuple[str, ...] = ("{item}",)
    """As the menu writes it: no article ("a Churros", "a Jarritos" are not what a customer says)."""
    more: tuple[str, ...] = ("{count} × {item}",)
    with_: tuple[str, ...] = ("with {items}",)
    mine: tuple[str, ...] = ("my {item}",)
    and_: tuple[str, ...] = ("and",)
    yes: tuple[str, ...] = ()
    """Empty: each kind's own words (`PromptKind.yes_words`)."""
    no: tuple[str, ...] = ("No thanks.", "I'm good, thanks.", "Just that, thanks.", "No, that's all.")
    back: tuple[str, ...] = ("Hi, I'm back with my code {code}!",)
    again: tuple[str, ...] = ("Actually… yes, the {offer} please!",)

    def given(self, phrases: Mapping[str, tuple[str, ...]]) -> Words:
        """These words with the phrases of a `[drill] words` table in place of theirs."""
        return replace(self, **{_field(key): value for key, value in phrases.items()})

    def ordering(self, items: Sequence[str], rng: random.Random) -> str:
        """A whole order: `items` are each said already (`self.item`)."""
        said = render(_one(self.order, rng), {"items": self.listed(items)})
        return said[:1].upper() + said[1:]

    def item(self, label: str, count: int) -> str:
        """One of an item (`Cheeseburger`), or `count` of it."""
        if count == 1:
            return render(self.one[0], {"item": label})
        return render(self.more[0], {"item": label, "count": str(count)})

    def with_items(self, items: Sequence[str]) -> str:
        return render(self.with_[0], {"items": self.listed(items)})

    def my(self, label: str) -> str:
        return render(self.mine[0], {"item": label})

    def listed(self, parts: Sequence[str]) -> str:
        """`A, B and C`."""
        last = f" {self.and_[0]} {parts[-1]}" if len(parts) > 1 else parts[-1]
        return ", ".join(parts[:-1]) + last

    def taking(self, offer: str, kind_words: tuple[str, ...], rng: random.Random) -> str:
        return render(_one(self.yes or kind_words, rng), {"offer": offer})

    def declining(self, rng: random.Random) -> str:
        return _one(self.no, rng)

    def coming_back(self, code: str, rng: random.Random) -> str:
        return render(_one(self.back, rng), {"code": code})

    def changing_mind(self, offer: str, rng: random.Random) -> str:
        return render(_one(self.again, rng), {"offer": offer})


ENGLISH = Words()


def read_words(reader: FieldReader, drill: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
    """`[drill] words`: each key's phrases; each bad key or phrase a problem naming the field."""
    raw = drill.get("words", {})
    entry = Entry("[drill]", "drill")
    if not isinstance(raw, dict):
        reader.problem(entry, "words", 'expected a table of phrases, like { no = ["No, gracias."] }')
        return {}
    words = {}
    for key, value in raw.items():
        phrases = (value,) if isinstance(value, str) else tuple(value) if isinstance(value, list) else ()
        if key not in PLACEHOLDERS:
            reader.problem(entry, "words", f"unknown key {key!r}; expected one of {', '.join(PLACEHOLDERS)}")
        elif not phrases or not all(isinstance(phrase, str) and phrase.strip() for phrase in phrases):
            reader.problem(entry, "words", f"{key}: expected a phrase or a list of phrases, got {value!r}")
        elif len(phrases) > 1 and key not in VARIED:
            reader.problem(entry, "words", f"{key}: expected one phrase, got {len(phrases)}")
        else:
            problems = [template_problem(phrase, PLACEHOLDERS[key], base=()) for phrase in phrases]
            for problem in problems:
                if problem is not None:
                    reader.problem(entry, "words", f"{key}: {problem}")
            if not any(problems):
                words[key] = phrases
    return words


def _one(phrases: tuple[str, ...], rng: random.Random) -> str:
    """One of the phrases, drawn only when there is a choice (a drill's draws stay as they were)."""
    return phrases[0] if len(phrases) == 1 else rng.choice(phrases)


def _field(key: str) -> str:
    """The field of `Words` a key fills: `with` and `and` are Python's words, so `with_`, `and_`."""
    return next(field.name for field in fields(Words) if field.name.rstrip("_") == key)
