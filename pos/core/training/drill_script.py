"""Drill scripts: the same customers for every trainee, from a TOML file.

    [drill]
    name = "Lunch basics"
    menu = "../burger_counter.toml"   # relative to this file; --menu overrides
    now = "2026-11-23T12:15:00"       # optional: the drill's clock
    offers = ["9"]                     # optional: of a rule's several offers (menu format v3), the
                                       # one shown where the guards allow it; else the rule's first
    [[customer]]
    says = "A cheeseburger and a small cola, please."
    order = ["1", "50"]                # as keyed on the entry line: "2*20 large" works too;
                                       # a meal with its choices: "31 (21, 51)"
    accepts = ["upsell", "cross_sell"] # prompt kinds this customer says yes to; left out:
                                       # drawn, by [drill] chances = { "50" = 0.8, "40" = 0 }
                                       # (a yes to an offer of that item; the menu's [drill]
                                       # chances where the script has none), else by kind
    picks = ["21", "51"]               # for a meal a prompt sells: the items picked (else the first)
    changes_mind = true                # says no to the first upsell or cross-sell, then wants it (F6)
    returns = true                     # comes back with the code an earlier receipt of the drill got

A `[drill] words` table gives the customers' phrases in the menu's language (the
menu's own `[drill] words` first, then the script's, key by key): `pos.core.selling.customer_words`.

Errors are reported like menu errors, by the same field reader
(`pos.core.base.toml_fields`): the file, the line, the entry, the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pos.core.base.errors import PosError
from pos.core.base.toml_fields import Entry, FieldReader, Problem, described, names
from pos.core.base.toml_text import TomlSyntaxError, parse_toml
from pos.core.counter.entry import EntryError, parse_entry
from pos.core.counter.meal_entry import parse_meal_order
from pos.core.selling.customer_words import ENGLISH, read_words
from pos.core.selling.drill_chances import read_chances
from pos.core.selling.menu import Menu, code_key
from pos.core.selling.prompt_kinds import names as kinds
from pos.core.training.customers import Customer

_TABLES = {"drill", "customer"}
_DRILL_KEYS = {"name", "menu", "now", "chances", "words", "offers"}
_CUSTOMER_KEYS = {"says", "order", "accepts", "picks", "changes_mind", "returns"}


class DrillError(PosError):
    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(described(path, problems))


@dataclass(frozen=True)
class DrillHeader:
    name: str
    menu: Path | None
    now: datetime | None


@dataclass(frozen=True)
class DrillScript:
    name: str
    now: datetime | None
    customers: tuple[Customer, ...]
    offers: tuple[str, ...] = ()
    """Codes a rule with several offers shows where it may (`DrillRun.shown`)."""


def read_header(path: Path) -> tuple[DrillHeader, dict[str, Any], str]:
    """The [drill] table (to find the menu), the whole document, and its text."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DrillError(path, [Problem(None, None, "no such drill file")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise DrillError(path, [Problem(None, None, f"cannot read the file ({error})")]) from None
    try:
        document = parse_toml(text)
    except TomlSyntaxError as error:
        raise DrillError(path, [Problem(None, None, str(error), error.line)]) from None
    reader = FieldReader(path, text)
    drill = document.get("drill")
    if not isinstance(drill, dict):
        raise DrillError(
            path, [Problem("[drill]", None, "missing: the file needs a [drill] table with a name")]
        )
    for key in document:
        if key not in _TABLES:
            reader.problems.append(
                Problem(None, None, f"unknown table [{key}]; expected [drill] and [[customer]]")
            )
    entry = Entry("[drill]", "drill")
    reader.unknown_keys(entry, drill, _DRILL_KEYS)
    name = reader.text(entry, drill, "name", required=True)
    menu = reader.text(entry, drill, "menu")
    now = drill.get("now")
    when = None
    if now is not None:
        try:
            when = now if isinstance(now, datetime) else datetime.fromisoformat(str(now))
        except ValueError:
            reader.problem(entry, "now", f'expected a time like "2026-11-23T12:15:00", got {now!r}')
    if reader.problems:
        raise DrillError(path, reader.problems)
    return DrillHeader(str(name), path.parent / menu if menu else None, when), document, text


def load_drill(path: Path, menu: Menu) -> DrillScript:
    header, document, text = read_header(path)
    reader = FieldReader(path, text)
    if not document.get("customer"):
        raise DrillError(
            path, [Problem("[[customer]]", None, "missing: a drill needs at least one [[customer]]")]
        )
    chances = {**menu.drill_chances, **read_chances(reader, document["drill"], menu.offered)}
    words = ENGLISH.given(menu.drill_words).given(read_words(reader, document["drill"]))
    customers = []
    for entry, table in reader.entries(document, "customer"):
        reader.unknown_keys(entry, table, _CUSTOMER_KEYS)
        says = table.get("says")
        if not isinstance(says, str) or not says.strip():
            reader.problem(entry, "says", "expected the customer's words")
        order = table.get("order")
        entries = []
        if not isinstance(order, list) or not order or not all(isinstance(o, str) for o in order):
            reader.problem(entry, "order", 'expected a list of items as keyed, like ["1", "2*20 large"]')
        else:
            for keyed in order:
                try:
                    entries.append(parse_meal_order(keyed, menu) or parse_entry(keyed, menu))
                except (EntryError, ValueError) as error:
                    reader.problem(entry, "order", f"{keyed!r}: {error}")
        changes_mind, returns = table.get("changes_mind", False), table.get("returns", False)
        for field, flag in (("changes_mind", changes_mind), ("returns", returns)):
            if not isinstance(flag, bool):
                reader.problem(entry, field, f"expected true or false, got {flag!r}")
        picks = table.get("picks", [])
        if not isinstance(picks, list) or not all(isinstance(p, str) and menu.item(p) for p in picks):
            reader.problem(entry, "picks", 'expected a list of item codes the menu has, like ["21", "51"]')
            picks = []
        accepts = table.get("accepts")
        if accepts is not None and (
            not isinstance(accepts, list) or not all(isinstance(a, str) and a in kinds() for a in accepts)
        ):
            reader.problem(entry, "accepts", f"expected a list of prompt kinds: {', '.join(kinds())}")
            accepts = []
        if isinstance(says, str) and entries and len(entries) == len(order or []):
            chosen = tuple(item for code in picks if (item := menu.item(code)) is not None)
            customers.append(
                Customer(
                    says,
                    tuple(entries),
                    frozenset(accepts) if accepts is not None else None,
                    chosen,
                    changes_mind is True,
                    returns is True,
                    chances,
                    words,
                )
            )
    offers = _offers(reader, document["drill"], menu)
    if reader.problems:
        raise DrillError(path, reader.problems)
    return DrillScript(header.name, header.now, tuple(customers), offers)


def _offers(reader: FieldReader, drill: dict[str, Any], menu: Menu) -> tuple[str, ...]:
    """`[drill] offers`: codes of items or meals the menu has, each a candidate of a rule with several
    offers (what it is shown by)."""
    entry = Entry("[drill]", "drill")
    offers = drill.get("offers", [])
    if not isinstance(offers, list) or not all(
        isinstance(code, str) and menu.offered(code) for code in offers
    ):
        reader.problem(entry, "offers", 'expected a list of item codes the menu has, like ["9"]')
        return ()
    candidates = {code: None for codes in menu.several.values() for code in codes}
    for code in offers:
        if code_key(code) not in candidates:
            known = names(offered.code if (offered := menu.offered(key)) else key for key in candidates)
            reader.problem(
                entry,
                "offers",
                f"{code!r} is no candidate of a rule with several offers, so never shown by one "
                f"(the menu's candidates: {known})",
            )
    return tuple(offers)
