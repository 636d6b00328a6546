"""Read a menu file (menu format version 1) into the immutable `Menu` model.

Every problem is collected, not just the first, so a manager fixes a file in one
pass; each names the file, the line where one can be found, the entry and the
field. Nothing here raises anything but `MenuError` for a bad file. The fields
are read by `pos.core.base.toml_fields`, the rules by `pos.core.selling.menu_rules`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pos.core.base.errors import PosError
from pos.core.base.events import CATEGORY_LENGTH
from pos.core.base.toml_fields import Entry, Problem, described, names
from pos.core.base.toml_text import TomlSyntaxError, parse_toml
from pos.core.selling.combo_reader import read_combos
from pos.core.selling.customer_words import read_words
from pos.core.selling.drill_chances import DRILL_KEYS, read_chances
from pos.core.selling.menu import Combo, Daypart, Item, Menu, Size, code_key, offered_in
from pos.core.selling.menu_rules import Context, RuleReader
from pos.core.selling.prompt_kinds import kinds

CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,12}")
MAX_UPSELL_RATIO = 100
"""An upsell adding more than a hundred times the item's price is no guard at all."""
_DAYPART_PATTERN = re.compile(r"([0-9]{2}):([0-9]{2})-([0-9]{2}):([0-9]{2})")
_CURRENCY_PATTERN = re.compile(r"[A-Z]{3}")

_OWN_KEYS = {"menu", "rules", "item", "combo", "drill"}
"""The tables of a menu of its own; beside them, one per prompt kind with rules."""
_MENU_KEYS = {"name", "currency", "tax_rate", "dayparts"}
_RULES_KEYS = {"max_prompts_per_order", "max_upsell_ratio", "holdout"}
_ITEM_KEYS = {"code", "name", "category", "price", "sizes"}
_SIZE_KEYS = {"name", "price"}


@dataclass(frozen=True)
class Header:
    """The [menu] table."""

    name: str
    currency: str
    tax_rate: Decimal
    dayparts: tuple[Daypart, ...]


class MenuError(PosError):
    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(described(path, problems))


def load_menu(path: Path | str) -> Menu:
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise MenuError(path, [Problem(None, None, "no such menu file")]) from None
    except IsADirectoryError:
        raise MenuError(path, [Problem(None, None, "is a folder, not a menu file")]) from None
    except PermissionError:
        raise MenuError(path, [Problem(None, None, "cannot read the file: permission denied")]) from None
    except UnicodeDecodeError as error:
        raise MenuError(
            path, [Problem(None, None, f"is not UTF-8 text ({error.reason} at byte {error.start})")]
        ) from None
    except OSError as error:
        raise MenuError(path, [Problem(None, None, f"cannot read the file: {error.strerror}")]) from None
    return parse_menu(text, path)


def parse_menu(text: str, path: Path) -> Menu:
    try:
        document = parse_toml(text)
    except TomlSyntaxError as error:
        raise MenuError(path, [Problem(None, None, str(error), error.line)]) from None
    return _Loader(path, text).build(document)


class _Loader(RuleReader):
    def build(self, document: dict[str, Any]) -> Menu:
        top = Entry(None, "")
        tables = _OWN_KEYS | {kind.name for kind in kinds() if kind.read_rule is not None}
        for key in document:
            if key not in tables:
                self.problem(top, None, f"unknown table [{key}]; expected one of {names(tables)}")
        menu_table = document.get("menu")
        if not isinstance(menu_table, dict):
            self.problems.append(
                Problem("[menu]", None, "missing: the file needs a [menu] table with name and currency")
            )
            raise MenuError(self.path, self.problems)
        header = self.read_header(menu_table)
        rules = self.read_rules(document.get("rules", {}))
        items = self.read_items(self.entries(document, "item"))
        categories = {item.category for item in items.values() if item.category} | self.broken_categories
        dayparts = {part.name for part in header.dayparts}
        context = Context(items, categories, dayparts)
        combos = read_combos(self, self.entries(document, "combo"), context, CODE_PATTERN)
        context = replace(context, combos=combos)
        kind_rules = {
            kind.name: tuple(
                rule
                for entry, table in self.entries(document, kind.name)
                if (rule := kind.read_rule(self, entry, table, context)) is not None
            )
            for kind in kinds()
            if kind.read_rule is not None
        }
        self.check_rule_ids()
        chances, words = self.read_drill(document.get("drill", {}), items, combos)
        if self.problems:
            raise MenuError(self.path, self.problems)
        return Menu(
            source=self.path,
            items=MappingProxyType(items),
            rules=MappingProxyType(kind_rules),
            combos=MappingProxyType(combos),
            max_prompts_per_order=rules[0],
            max_upsell_ratio=rules[1],
            name=header.name,
            currency=header.currency,
            tax_rate=header.tax_rate,
            dayparts=header.dayparts,
            warnings=tuple(self.warnings),
            holdout=rules[2],
            holdouts=MappingProxyType(self.holdouts),
            rule_ids=MappingProxyType(self.rule_ids),
            several=MappingProxyType(self.several),
            learned=MappingProxyType(self.learned),
            drill_chances=MappingProxyType(chances),
            drill_words=MappingProxyType(words),
        )

    def read_drill(
        self, table: object, items: Mapping[str, Item], combos: Mapping[str, Combo]
    ) -> tuple[dict[str, float], dict[str, tuple[str, ...]]]:
        """`[drill]`: the chances of a yes that drills on this menu give its customers, and the words
        they say."""
        entry = Entry("[drill]", "drill")
        if not isinstance(table, dict):
            self.problem(entry, None, 'expected a table, like [drill] chances = { "50" = 0.8 }')
            return {}, {}
        self.unknown_keys(entry, table, DRILL_KEYS)
        chances = read_chances(self, table, lambda code: offered_in(items, combos, code))
        return chances, read_words(self, table)

    def read_header(self, table: dict[str, Any]) -> Header:
        entry = Entry("[menu]", "menu")
        self.unknown_keys(entry, table, _MENU_KEYS)
        name = self.text(entry, table, "name", required=True) or "?"
        currency = self.text(entry, table, "currency", required=True) or "USD"
        if not _CURRENCY_PATTERN.fullmatch(currency):
            self.problem(entry, "currency", f'expected an ISO 4217 code like "USD", got {currency!r}')
            currency = "USD"
        self.currency = currency
        tax_rate = Decimal(0)
        if "tax_rate" in table:
            rate = self.decimal(entry, table, "tax_rate")
            if rate is not None and not 0 <= rate < 1:
                self.problem(
                    entry,
                    "tax_rate",
                    f'expected a fraction from 0 to below 1, like "0.0825", got {table["tax_rate"]!r}',
                )
            elif rate is not None:
                tax_rate = rate
        return Header(name, currency, tax_rate, self.read_dayparts(table.get("dayparts", {})))

    def read_dayparts(self, table: object) -> tuple[Daypart, ...]:
        entry = Entry("[menu.dayparts]", "menu.dayparts")
        if not isinstance(table, dict):
            self.problem(
                Entry("[menu]", "menu"),
                "dayparts",
                'expected a table of windows like breakfast = "05:00-10:30"',
            )
            return ()
        dayparts = []
        for name, window in table.items():
            minutes = _daypart_minutes(window)
            if minutes is None:
                self.problem(
                    entry,
                    name,
                    f'expected a window "HH:MM-HH:MM" of two different times from 00:00 to 24:00, got {window!r}',
                )
                continue
            dayparts.append(Daypart(name, *minutes))
        return tuple(dayparts)

    def read_rules(self, table: object) -> tuple[int | None, Decimal | None, Decimal]:
        entry = Entry("[rules]", "rules")
        if not isinstance(table, dict):
            self.problem(entry, None, "expected a table")
            return None, None, Decimal(0)
        self.unknown_keys(entry, table, _RULES_KEYS)
        cap = None
        if "max_prompts_per_order" in table:
            cap = self.integer(entry, table, "max_prompts_per_order", minimum=0)
        ratio = None
        if "max_upsell_ratio" in table:
            ratio = self.decimal(entry, table, "max_upsell_ratio")
            if ratio is not None and not 0 < ratio <= MAX_UPSELL_RATIO:
                self.problem(
                    entry,
                    "max_upsell_ratio",
                    f'expected a share above 0 and at most {MAX_UPSELL_RATIO}, like "1.5", got {table["max_upsell_ratio"]!r}',
                )
                ratio = None
        return cap, ratio, self.holdout(entry, table) or Decimal(0)

    # -- items -------------------------------------------------------------

    def read_items(self, entries: list[tuple[Entry, dict[str, Any]]]) -> dict[str, Item]:
        items: dict[str, Item] = {}
        for entry, table in entries:
            code = table.get("code")
            if isinstance(code, str) and CODE_PATTERN.fullmatch(code):
                entry = Entry(f'item "{code}"', "item", entry.index)
            self.unknown_keys(entry, table, _ITEM_KEYS)
            code = self.text(entry, table, "code", required=True)
            if code is not None and not CODE_PATTERN.fullmatch(code):
                self.problem(entry, "code", f"expected 1 to 12 letters, digits, - or _, got {code!r}")
                code = None
            name = self.text(entry, table, "name", required=True)
            category = self.text(entry, table, "category") if "category" in table else None
            if category is not None and len(category) > CATEGORY_LENGTH:
                self.problem(
                    entry,
                    "category",
                    f"expected at most {CATEGORY_LENGTH} characters (a hidden one counts as its escape, "
                    f"like \\x1b), got {len(category):,}",
                )
            sizes = self.read_sizes(entry, table)
            if code is not None and category is not None:
                self.broken_categories.add(category)
            if code is None or name is None or sizes is None:
                if code is not None:
                    self.broken_codes.add(code_key(code))
                continue
            if code_key(code) in items:
                first = items[code_key(code)].code
                self.problem(entry, "code", f"duplicate code: {first!r} is already used (codes ignore case)")
                continue
            items[code_key(code)] = Item(code, name, category, sizes)
        return items

    def read_sizes(self, entry: Entry, table: dict[str, Any]) -> tuple[Size, ...] | None:
        if "price" in table and "sizes" in table:
            self.problem(entry, "sizes", "an item has either price or sizes, not both")
            return None
        if "price" in table:
            price = self.money(entry, table, "price")
            return None if price is None else (Size(None, price),)
        if "sizes" not in table:
            self.problem(entry, "price", "missing: give the item a price or sizes")
            return None
        raw = table["sizes"]
        if not isinstance(raw, list) or not raw:
            self.problem(
                entry,
                "sizes",
                'expected a list of sizes like [{ name = "Small", price = "1.79" }], smallest first',
            )
            return None
        sizes: list[Size] = []
        for index, size_table in enumerate(raw, start=1):
            size_entry = Entry(f"{entry.label}, size #{index}", entry.table, entry.index)
            if not isinstance(size_table, dict):
                self.problem(size_entry, "sizes", 'expected { name = "...", price = "..." }')
                return None
            self.unknown_keys(size_entry, size_table, _SIZE_KEYS, field="sizes")
            name = self.text(size_entry, size_table, "name", required=True)
            price = self.money(size_entry, size_table, "price")
            if name is None or price is None:
                return None
            if any(size.name and size.name.casefold() == name.casefold() for size in sizes):
                self.problem(size_entry, "name", f"duplicate size {name!r}")
                return None
            if sizes and price < sizes[-1].price:
                self.problem(
                    size_entry,
                    "price",
                    f"sizes go smallest first, but {name!r} costs less than {sizes[-1].name!r}",
                )
                return None
            sizes.append(Size(name, price))
        return tuple(sizes)

    # -- rules -------------------------------------------------------------


def _daypart_minutes(window: object) -> tuple[int, int] | None:
    if not isinstance(window, str):
        return None
    match = _DAYPART_PATTERN.fullmatch(window.strip())
    if not match:
        return None
    start_h, start_m, end_h, end_m = (int(group) for group in match.groups())
    start, end = start_h * 60 + start_m, end_h * 60 + end_m
    if start_m > 59 or end_m > 59 or start >= 24 * 60 or end > 24 * 60 or start == end:
        return None
    return start, end % (24 * 60)
