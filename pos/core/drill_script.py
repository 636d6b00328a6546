"""Drill scripts: the same customers for every trainee, from a TOML file.

    [drill]
    name = "Lunch basics"
    menu = "../burger_counter.toml"   # relative to this file; --menu overrides
    now = "2026-11-23T12:15:00"       # optional: the drill's clock
    [[customer]]
    says = "A cheeseburger and a small cola, please."
    order = ["1", "50"]                # as keyed on the entry line: "2*20 large" works too
    accepts = ["upsell", "cross_sell"] # prompt kinds this customer says yes to

Errors are reported like menu errors: the file, the line, the entry, the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pos.core.customers import Customer
from pos.core.entry import EntryError, parse_entry
from pos.core.errors import PosError
from pos.core.menu import Menu
from pos.core.prompt_kinds import NAMES
from pos.core.toml_fields import Problem
from pos.core.toml_locator import TomlLocator
from pos.core.toml_text import TomlSyntaxError, parse_toml

_DRILL_KEYS = {"name", "menu", "now"}
_CUSTOMER_KEYS = {"says", "order", "accepts"}


class DrillError(PosError):
    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(problem.describe(path) for problem in problems))


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
    locator = TomlLocator(text)
    problems: list[Problem] = []
    drill = document.get("drill")
    if not isinstance(drill, dict):
        raise DrillError(
            path, [Problem("[drill]", None, "missing: the file needs a [drill] table with a name")]
        )
    for key in document:
        if key not in ("drill", "customer"):
            problems.append(Problem(None, None, f"unknown table [{key}]; expected [drill] and [[customer]]"))
    for key in drill:
        if key not in _DRILL_KEYS:
            problems.append(
                Problem(
                    "[drill]",
                    key,
                    "unknown field; expected name, menu, now",
                    locator.line_of("drill", None, key),
                )
            )
    name = drill.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(
            Problem("[drill]", "name", "expected non-empty text", locator.line_of("drill", None, "name"))
        )
    menu = drill.get("menu")
    if menu is not None and not isinstance(menu, str):
        problems.append(
            Problem(
                "[drill]", "menu", "expected a path to a menu file", locator.line_of("drill", None, "menu")
            )
        )
    now = drill.get("now")
    when = None
    if now is not None:
        try:
            when = now if isinstance(now, datetime) else datetime.fromisoformat(str(now))
        except ValueError:
            problems.append(
                Problem(
                    "[drill]",
                    "now",
                    f'expected a time like "2026-11-23T12:15:00", got {now!r}',
                    locator.line_of("drill", None, "now"),
                )
            )
    if problems:
        raise DrillError(path, problems)
    menu_path = (path.parent / menu) if isinstance(menu, str) else None
    return DrillHeader(str(name), menu_path, when), document, text


def load_drill(path: Path, menu: Menu) -> DrillScript:
    header, document, text = read_header(path)
    locator = TomlLocator(text)
    problems: list[Problem] = []
    raw = document.get("customer", [])
    if not isinstance(raw, list) or not raw:
        raise DrillError(
            path, [Problem("[[customer]]", None, "missing: a drill needs at least one [[customer]]")]
        )
    customers = []
    for index, table in enumerate(raw):
        label = f"customer #{index + 1}"

        def problem(field: str | None, message: str, index: int = index, label: str = label) -> None:
            problems.append(Problem(label, field, message, locator.line_of("customer", index, field)))

        if not isinstance(table, dict):
            problem(None, "expected a table of fields")
            continue
        for key in table:
            if key not in _CUSTOMER_KEYS:
                problem(key, "unknown field; expected says, order, accepts")
        says = table.get("says")
        if not isinstance(says, str) or not says.strip():
            problem("says", "expected the customer's words")
        order = table.get("order")
        entries = []
        if not isinstance(order, list) or not order or not all(isinstance(o, str) for o in order):
            problem("order", 'expected a list of items as keyed, like ["1", "2*20 large"]')
        else:
            for keyed in order:
                try:
                    entries.append(parse_entry(keyed, menu))
                except EntryError as error:
                    problem("order", f"{keyed!r}: {error}")
        accepts = table.get("accepts", [])
        if not isinstance(accepts, list) or not all(isinstance(a, str) and a in NAMES for a in accepts):
            problem("accepts", f"expected a list of prompt kinds: {', '.join(NAMES)}")
            accepts = []
        if isinstance(says, str) and entries and len(entries) == len(order or []):
            customers.append(Customer(says, tuple(entries), frozenset(accepts)))
    if problems:
        raise DrillError(path, problems)
    return DrillScript(header.name, header.now, tuple(customers))
