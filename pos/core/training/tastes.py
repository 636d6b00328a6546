"""Simulated customers whose taste depends on the context (`pos simulate --tastes FILE`): the true
chance of a yes to an offer of each item in each daypart of the menu, and how much less an order
that already holds an item of the offer's category wants it (an order with a drink declines a
drink). What a learned choice should settle on is then known, and the reports can be checked
against it (`docs/manager.md`).

    [tastes]
    holding = 0.1          # an offer of another item of a category the order holds: its chance
                           # times this (0 to 1; default 1: no difference)
    [tastes.breakfast]     # a daypart of the menu: the chance of a yes to an offer of each item
    "9" = 0.45             # code named, 0 to 1 (an item not named: the simulator's usual chance)
    "20" = 0.15

A chance is that of a yes when asked; the cashier asks at their own rate as always. Errors are
reported like a menu's: the file, the line, the table and the field (`pos.core.base.toml_fields`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from pos.core.base.errors import PosError
from pos.core.base.toml_fields import Entry, FieldReader, Problem, names, written
from pos.core.base.toml_text import TomlSyntaxError, parse_toml
from pos.core.selling.menu import Menu


class TastesError(PosError):
    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(problem.describe(path) for problem in problems))


@dataclass(frozen=True)
class Tastes:
    holding: float = 1.0
    """An offer of another item of a category the order already holds: its chance times this."""
    chances: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    """By daypart, then by the code key of the item (or meal) offered: the chance of a yes when asked."""

    def chance(self, daypart: str | None, key: str) -> float | None:
        """The chance of a yes to an offer of the item `key` in `daypart`; None where not named."""
        return self.chances.get(daypart or "", {}).get(key)


def load_tastes(path: Path, menu: Menu) -> Tastes:
    """The tastes of `path` for customers of `menu`; TastesError naming every problem."""
    try:
        text = path.read_bytes().decode("utf-8")
        document = parse_toml(text)
    except TomlSyntaxError as error:
        raise TastesError(path, [Problem(None, None, str(error), error.line)]) from None
    except FileNotFoundError:
        raise TastesError(path, [Problem(None, None, "no such tastes file")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise TastesError(path, [Problem(None, None, f"cannot read the file ({error})")]) from None
    reader = FieldReader(path, text)
    tastes = document.get("tastes")
    if set(document) != {"tastes"} or not isinstance(tastes, dict):
        raise TastesError(path, [Problem(None, None, "expected one [tastes] table and its dayparts' tables")])
    dayparts = {part.name for part in menu.dayparts}
    top = Entry("[tastes]", "tastes")
    holding = _chance(reader, top, "holding", tastes.get("holding", 1))
    chances: dict[str, dict[str, float]] = {}
    for key, value in tastes.items():
        if key == "holding":
            continue
        if key not in dayparts:
            reader.problem(
                top, key, f"not a daypart of the menu; expected one of {names(dayparts)} or holding"
            )
            continue
        entry = Entry(f"[tastes.{key}]", f"tastes.{key}")
        if not isinstance(value, dict):
            reader.problem(
                top,
                key,
                f'expected a table of item codes and chances, like {{ "9" = 0.45 }}, got {written(value)}',
            )
            continue
        chances[key] = {}
        for code, chance in value.items():
            item = menu.offered(code)
            found = _chance(reader, entry, code, chance)
            if item is None:
                reader.problem(entry, code, "unknown item code")
            elif found is not None:
                chances[key][item.key] = found
    if reader.problems:
        raise TastesError(path, reader.problems)
    proxies = MappingProxyType({part: MappingProxyType(each) for part, each in chances.items()})
    return Tastes(1.0 if holding is None else holding, proxies)


def _chance(reader: FieldReader, entry: Entry, name: str, value: object) -> float | None:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    reader.problem(entry, name, f"expected a chance from 0 to 1, got {written(value)}")
    return None
