"""The fields of a TOML file of ours (a menu, a drill script), read with every problem collected.

A reader keeps going after a bad field, so a manager fixes a file in one pass;
each problem names the file, the line where it can be found, the entry and the
field. The menu loader and the drill script loader both read through this.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pos.core.base.digits import decimal_number
from pos.core.base.money import parse_money
from pos.core.base.toml_locator import TomlLocator


@dataclass(frozen=True)
class Problem:
    entry: str | None
    field: str | None
    message: str
    line: int | None = None

    def describe(self, path: Path) -> str:
        where = f"{path}:{self.line}" if self.line else f"{path}"
        what = ", ".join(
            part for part in (self.entry, f'field "{self.field}"' if self.field else None) if part
        )
        return f"{where}: {what + ': ' if what else ''}{self.message}"


def described(path: Path, problems: list[Problem]) -> str:
    """The problems of the file at `path`, one a line, in the order of its lines (the file's own
    first): a manager fixes it top to bottom."""
    in_order = sorted(problems, key=lambda problem: problem.line or 0)
    return "\n".join(problem.describe(path) for problem in in_order)


@dataclass(frozen=True)
class Entry:
    """Where a table sits in the file: its label for messages and how to find it."""

    label: str | None
    table: str
    index: int | None = None

    @property
    def number(self) -> int:
        """1-based, as messages count entries."""
        return (self.index or 0) + 1


class FieldReader:
    """Reads fields of the tables of one file, noting each problem in `problems`."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.locator = TomlLocator(text)
        self.currency = "USD"
        """Prices are read in this currency's minor units."""

    def problem(self, entry: Entry, field: str | None, message: str) -> None:
        line = self.locator.line_of(entry.table, entry.index, field)
        self.problems.append(Problem(entry.label, field, message, line))

    # -- the document ------------------------------------------------------
    def entries(self, document: dict[str, Any], table: str) -> list[tuple[Entry, dict[str, Any]]]:
        value = document.get(table, [])
        if not isinstance(value, list):
            self.problem(Entry(f"[{table}]", table), None, f"write each entry as [[{table}]], not [{table}]")
            return []
        found = []
        for index, entry_table in enumerate(value):
            entry = Entry(f"{table} #{index + 1}", table, index)
            if not isinstance(entry_table, dict):
                self.problem(entry, None, "expected a table of fields")
                continue
            found.append((entry, entry_table))
        return found

    def unknown_keys(
        self, entry: Entry, table: dict[str, Any], allowed: set[str], field: str | None = None
    ) -> None:
        for key in table:
            if key not in allowed:
                self.problems.append(
                    Problem(
                        entry.label,
                        key,
                        f"unknown field; expected one of {names(allowed)}",
                        self.locator.line_of(entry.table, entry.index, field or key),
                    )
                )

    def text(self, entry: Entry, table: dict[str, Any], field: str, required: bool = False) -> str | None:
        if field not in table:
            if required:
                self.problem(entry, field, "missing")
            return None
        value = table[field]
        if not isinstance(value, str) or not value.strip():
            self.problem(entry, field, f"expected non-empty text, got {written(value)}")
            return None
        return value

    def money(self, entry: Entry, table: dict[str, Any], field: str) -> int | None:
        if field not in table:
            self.problem(entry, field, "missing")
            return None
        try:
            return parse_money(table[field], self.currency)
        except ValueError as error:
            self.problem(entry, field, str(error))
            return None

    def decimal(self, entry: Entry, table: dict[str, Any], field: str) -> Decimal | None:
        value = table[field]
        try:
            if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
                raise InvalidOperation
            number = decimal_number(value) if isinstance(value, str) else Decimal(value)
            if number is None or not number.is_finite():
                raise InvalidOperation
            return number
        except InvalidOperation:
            self.problem(entry, field, f'expected a decimal number like "1.5", got {written(value)}')
            return None

    def integer(
        self,
        entry: Entry,
        table: dict[str, Any],
        field: str,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        """The whole number, or None after a problem saying its bounds, whichever one it passed."""
        value = table[field]
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or (minimum is not None and value < minimum)
            or (maximum is not None and value > maximum)
        ):
            bound = (
                f" from {minimum} to {maximum}"
                if minimum is not None and maximum is not None
                else f" of at least {minimum}"
                if minimum is not None
                else ""
            )
            self.problem(entry, field, f"expected a whole number{bound}, got {written(value)}")
            return None
        return value

    def read_date(self, entry: Entry, table: dict[str, Any], field: str) -> date | None:
        """The date, or None when absent or after a problem."""
        if field not in table:
            return None
        value = table[field]
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            with contextlib.suppress(ValueError):
                return date.fromisoformat(value)
        elif type(value) is date:
            return value
        self.problem(entry, field, f'expected a date like "2026-12-01", got {written(value)}')
        return None


def names(names: Any) -> str:
    """Quoted and listed: a set sorted, a sequence (sizes, smallest first) in its own order."""
    listed = (
        sorted(str(name) for name in names)
        if isinstance(names, (set, frozenset))
        else [str(name) for name in names]
    )
    return ", ".join(f'"{name}"' for name in listed) if listed else "none"


def written(value: object) -> str:
    """A value as the file wrote it: `7.5`, not `Decimal('7.5')` (numbers are read as decimals)."""
    return str(value) if isinstance(value, Decimal) else repr(value)
