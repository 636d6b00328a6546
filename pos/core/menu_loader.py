"""Read a menu file (menu format version 1) into the immutable `Menu` model.

Every problem is collected, not just the first, so a manager fixes a file in one
pass; each names the file, the line where one can be found, the entry and the
field. Nothing here raises anything but `MenuError` for a bad file.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pos.core.errors import PosError
from pos.core.menu import (
    CheckoutRule,
    CrossSellRule,
    Daypart,
    Item,
    Menu,
    Selector,
    Size,
    UpsellRule,
    Window,
    code_key,
)
from pos.core.money import parse_money
from pos.core.pitch import template_problem
from pos.core.toml_locator import TomlLocator
from pos.core.toml_text import TomlSyntaxError, parse_toml

CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,12}")
MAX_UPSELL_RATIO = 100
"""An upsell adding more than a hundred times the item's price is no guard at all."""
_DAYPART_PATTERN = re.compile(r"(\d{2}):(\d{2})-(\d{2}):(\d{2})")
_CURRENCY_PATTERN = re.compile(r"[A-Z]{3}")

_TOP_KEYS = {"menu", "rules", "item", "upsell", "cross_sell", "checkout"}
_MENU_KEYS = {"name", "currency", "tax_rate", "dayparts"}
_RULES_KEYS = {"max_prompts_per_order", "max_upsell_ratio"}
_ITEM_KEYS = {"code", "name", "category", "price", "sizes"}
_SIZE_KEYS = {"name", "price"}
_WINDOW_KEYS = {"dayparts", "from", "until"}
_UPSELL_KEYS = {"item", "category", "to", "price", "pitch", "priority"} | _WINDOW_KEYS
_CROSS_SELL_KEYS = {"when", "offer", "size", "price", "pitch", "priority"} | _WINDOW_KEYS
_CHECKOUT_KEYS = {"offer", "size", "unless", "min_total", "price", "pitch"} | _WINDOW_KEYS


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


class MenuError(PosError):
    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(problem.describe(path) for problem in problems))


@dataclass(frozen=True)
class _Entry:
    """Where a table sits in the file: its label for messages and how to find it."""

    label: str | None
    table: str
    index: int | None = None

    @property
    def number(self) -> int:
        """1-based, as messages count entries."""
        return (self.index or 0) + 1


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


class _Loader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.locator = TomlLocator(text)
        self.currency = "USD"
        self.broken_codes: set[str] = set()
        """Items with a good code but a problem: rules naming them raise no second error."""
        self.broken_categories: set[str] = set()

    def problem(self, entry: _Entry, field: str | None, message: str) -> None:
        line = self.locator.line_of(entry.table, entry.index, field)
        self.problems.append(Problem(entry.label, field, message, line))

    # -- the document ------------------------------------------------------

    def build(self, document: dict[str, Any]) -> Menu:
        top = _Entry(None, "")
        for key in document:
            if key not in _TOP_KEYS:
                self.problem(top, None, f"unknown table [{key}]; expected one of {_names(_TOP_KEYS)}")
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
        dayparts = {part.name for part in header["dayparts"]}
        context = _Context(items, categories, dayparts)
        upsells = tuple(
            rule
            for entry, table in self.entries(document, "upsell")
            if (rule := self.read_upsell(entry, table, context)) is not None
        )
        cross_sells = tuple(
            cross_sell
            for entry, table in self.entries(document, "cross_sell")
            if (cross_sell := self.read_cross_sell(entry, table, context)) is not None
        )
        checkouts = tuple(
            checkout
            for entry, table in self.entries(document, "checkout")
            if (checkout := self.read_checkout(entry, table, context)) is not None
        )
        if self.problems:
            raise MenuError(self.path, self.problems)
        return Menu(
            source=self.path,
            items=MappingProxyType(items),
            upsells=upsells,
            cross_sells=cross_sells,
            checkouts=checkouts,
            max_prompts_per_order=rules[0],
            max_upsell_ratio=rules[1],
            **header,
        )

    def entries(self, document: dict[str, Any], table: str) -> list[tuple[_Entry, dict[str, Any]]]:
        value = document.get(table, [])
        if not isinstance(value, list):
            self.problem(_Entry(f"[{table}]", table), None, f"write each entry as [[{table}]], not [{table}]")
            return []
        found = []
        for index, entry_table in enumerate(value):
            entry = _Entry(f"{table} #{index + 1}", table, index)
            if not isinstance(entry_table, dict):
                self.problem(entry, None, "expected a table of fields")
                continue
            found.append((entry, entry_table))
        return found

    def read_header(self, table: dict[str, Any]) -> dict[str, Any]:
        entry = _Entry("[menu]", "menu")
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
        return {
            "name": name,
            "currency": currency,
            "tax_rate": tax_rate,
            "dayparts": self.read_dayparts(table.get("dayparts", {})),
        }

    def read_dayparts(self, table: object) -> tuple[Daypart, ...]:
        entry = _Entry("[menu.dayparts]", "menu.dayparts")
        if not isinstance(table, dict):
            self.problem(
                _Entry("[menu]", "menu"),
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

    def read_rules(self, table: object) -> tuple[int | None, Decimal | None]:
        entry = _Entry("[rules]", "rules")
        if not isinstance(table, dict):
            self.problem(entry, None, "expected a table")
            return None, None
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
        return cap, ratio

    # -- items -------------------------------------------------------------

    def read_items(self, entries: list[tuple[_Entry, dict[str, Any]]]) -> dict[str, Item]:
        items: dict[str, Item] = {}
        for entry, table in entries:
            code = table.get("code")
            if isinstance(code, str) and CODE_PATTERN.fullmatch(code):
                entry = _Entry(f'item "{code}"', "item", entry.index)
            self.unknown_keys(entry, table, _ITEM_KEYS)
            code = self.text(entry, table, "code", required=True)
            if code is not None and not CODE_PATTERN.fullmatch(code):
                self.problem(entry, "code", f"expected 1 to 12 letters, digits, - or _, got {code!r}")
                code = None
            name = self.text(entry, table, "name", required=True)
            category = self.text(entry, table, "category") if "category" in table else None
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

    def read_sizes(self, entry: _Entry, table: dict[str, Any]) -> tuple[Size, ...] | None:
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
            size_entry = _Entry(f"{entry.label}, size #{index}", entry.table, entry.index)
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

    def read_upsell(self, entry: _Entry, table: dict[str, Any], context: _Context) -> UpsellRule | None:
        self.unknown_keys(entry, table, _UPSELL_KEYS)
        item_key = category = None
        if ("item" in table) == ("category" in table):
            self.problem(entry, "item", 'name one item = "CODE" or one category = "NAME"')
            return None
        if "item" in table:
            item_key = self.item_code(entry, table, "item", context)
            if item_key is None:
                return None
        else:
            category = self.text(entry, table, "category", required=True)
            if category is None:
                return None
            if category not in context.categories:
                self.problem(
                    entry,
                    "category",
                    f"unknown category {category!r}; the menu has {_names(context.categories)}",
                )
                return None
        to = table.get("to", "next")
        if not isinstance(to, str):
            self.problem(entry, "to", f'expected "next", "largest" or an item code, got {to!r}')
            return None
        if to not in ("next", "largest"):
            to = self.item_code(entry, table, "to", context) or ""
            if not to:
                return None
        elif item_key is not None and not context.items[item_key].has_sizes:
            self.problem(
                entry,
                "to",
                f'item "{context.items[item_key].code}" has one price, no larger size to offer; name an item code instead',
            )
            return None
        fields = self.offer_fields(entry, table, context)
        if fields is None:
            return None
        price, pitches, window = fields
        priority = self.integer(entry, table, "priority") if "priority" in table else 0
        if priority is None:
            return None
        return UpsellRule(entry.number, item_key, category, to, price, pitches, window, priority)

    def read_cross_sell(
        self, entry: _Entry, table: dict[str, Any], context: _Context
    ) -> CrossSellRule | None:
        before = len(self.problems)
        self.unknown_keys(entry, table, _CROSS_SELL_KEYS)
        if "when" not in table:
            self.problem(entry, "when", 'missing: say what triggers it, like when = ["1", "category:burger"]')
            return None
        when = self.selector(entry, table, "when", context)
        offer = self.item_code(entry, table, "offer", context)
        size = self.offered_size(entry, table, offer, context)
        fields = self.offer_fields(entry, table, context)
        priority = self.integer(entry, table, "priority") if "priority" in table else 0
        if when is None or offer is None or fields is None or priority is None or len(self.problems) > before:
            return None
        price, pitches, window = fields
        return CrossSellRule(entry.number, when, offer, size, price, pitches, window, priority)

    def read_checkout(self, entry: _Entry, table: dict[str, Any], context: _Context) -> CheckoutRule | None:
        before = len(self.problems)
        self.unknown_keys(entry, table, _CHECKOUT_KEYS)
        offer = self.item_code(entry, table, "offer", context)
        size = self.offered_size(entry, table, offer, context)
        unless = (
            self.selector(entry, table, "unless", context)
            if "unless" in table
            else Selector(frozenset(), frozenset())
        )
        min_total = self.money(entry, table, "min_total") if "min_total" in table else 0
        fields = self.offer_fields(entry, table, context)
        if (
            offer is None
            or unless is None
            or min_total is None
            or fields is None
            or len(self.problems) > before
        ):
            return None
        price, pitches, window = fields
        return CheckoutRule(entry.number, offer, size, unless, min_total, price, pitches, window)

    def offer_fields(
        self, entry: _Entry, table: dict[str, Any], context: _Context
    ) -> tuple[int | None, tuple[str, ...], Window] | None:
        """The fields every rule kind shares: price, pitch and when it is active."""
        price = self.money(entry, table, "price") if "price" in table else None
        pitches = self.pitches(entry, table)
        window = self.window(entry, table, context)
        if ("price" in table and price is None) or pitches is None or window is None:
            return None
        return price, pitches, window

    def offered_size(
        self, entry: _Entry, table: dict[str, Any], offer: str | None, context: _Context
    ) -> str | None:
        """The size's name as the menu writes it; None for the default or after a problem."""
        if "size" not in table:
            return None
        size = self.text(entry, table, "size", required=True)
        if size is None or offer is None:
            return None
        item = context.items[offer]
        index = item.size_index(size)
        if not item.has_sizes or index is None:
            known = _names([s.name for s in item.sizes if s.name]) if item.has_sizes else "no sizes"
            self.problem(entry, "size", f'unknown size {size!r} of item "{item.code}"; it has {known}')
            return None
        return item.sizes[index].name

    def pitches(self, entry: _Entry, table: dict[str, Any]) -> tuple[str, ...] | None:
        if "pitch" not in table:
            return ()
        raw = table["pitch"]
        pitches = [raw] if isinstance(raw, str) else raw
        if (
            not isinstance(pitches, list)
            or not pitches
            or not all(isinstance(p, str) and p.strip() for p in pitches)
        ):
            self.problem(entry, "pitch", "expected a sentence, or a list of sentences (variants)")
            return None
        good = True
        for pitch in pitches:
            problem = template_problem(pitch)
            if problem:
                self.problem(entry, "pitch", problem)
                good = False
        return tuple(pitches) if good else None

    def window(self, entry: _Entry, table: dict[str, Any], context: _Context) -> Window | None:
        dayparts = None
        if "dayparts" in table:
            raw = table["dayparts"]
            if not isinstance(raw, list) or not raw or not all(isinstance(name, str) for name in raw):
                self.problem(entry, "dayparts", 'expected a list of daypart names like ["lunch"]')
                return None
            unknown = [name for name in raw if name not in context.dayparts]
            if unknown:
                known = (
                    _names(context.dayparts) if context.dayparts else "none: define them in [menu.dayparts]"
                )
                self.problem(entry, "dayparts", f"unknown daypart {unknown[0]!r}; the menu has {known}")
                return None
            dayparts = frozenset(raw)
        before = len(self.problems)
        start = self.read_date(entry, table, "from")
        until = self.read_date(entry, table, "until")
        if len(self.problems) > before:
            return None
        if start and until and start > until:
            self.problem(entry, "until", f"the window ends ({until}) before it starts ({start})")
            return None
        return Window(dayparts, start, until)

    # -- fields ------------------------------------------------------------

    def unknown_keys(
        self, entry: _Entry, table: dict[str, Any], allowed: set[str], field: str | None = None
    ) -> None:
        for key in table:
            if key not in allowed:
                self.problems.append(
                    Problem(
                        entry.label,
                        key,
                        f"unknown field; expected one of {_names(allowed)}",
                        self.locator.line_of(entry.table, entry.index, field or key),
                    )
                )

    def text(self, entry: _Entry, table: dict[str, Any], field: str, required: bool = False) -> str | None:
        if field not in table:
            if required:
                self.problem(entry, field, "missing")
            return None
        value = table[field]
        if not isinstance(value, str) or not value.strip():
            self.problem(entry, field, f"expected non-empty text, got {value!r}")
            return None
        return value

    def money(self, entry: _Entry, table: dict[str, Any], field: str) -> int | None:
        if field not in table:
            self.problem(entry, field, "missing")
            return None
        try:
            return parse_money(table[field], self.currency)
        except ValueError as error:
            self.problem(entry, field, str(error))
            return None

    def decimal(self, entry: _Entry, table: dict[str, Any], field: str) -> Decimal | None:
        value = table[field]
        try:
            if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
                raise InvalidOperation
            number = Decimal(value)
            if not number.is_finite():
                raise InvalidOperation
            return number
        except InvalidOperation:
            self.problem(entry, field, f'expected a decimal number like "1.5", got {value!r}')
            return None

    def integer(
        self, entry: _Entry, table: dict[str, Any], field: str, minimum: int | None = None
    ) -> int | None:
        value = table[field]
        if isinstance(value, bool) or not isinstance(value, int) or (minimum is not None and value < minimum):
            bound = f" of at least {minimum}" if minimum is not None else ""
            self.problem(entry, field, f"expected a whole number{bound}, got {value!r}")
            return None
        return value

    def read_date(self, entry: _Entry, table: dict[str, Any], field: str) -> date | None:
        """The date, or None when absent or after a problem."""
        if field not in table:
            return None
        value = table[field]
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            with contextlib.suppress(ValueError):
                return date.fromisoformat(value)
        elif type(value) is date:
            return value
        self.problem(entry, field, f'expected a date like "2026-12-01", got {value!r}')
        return None

    def item_code(self, entry: _Entry, table: dict[str, Any], field: str, context: _Context) -> str | None:
        code = self.text(entry, table, field, required=True)
        if code is None:
            return None
        if code_key(code) not in context.items:
            if code_key(code) not in self.broken_codes:
                self.problem(entry, field, f"unknown item code {code!r}")
            return None
        return code_key(code)

    def selector(
        self, entry: _Entry, table: dict[str, Any], field: str, context: _Context
    ) -> Selector | None:
        raw = table[field]
        if (
            not isinstance(raw, list)
            or not all(isinstance(part, str) for part in raw)
            or (field == "when" and not raw)
        ):
            self.problem(
                entry, field, 'expected a list of item codes and category:NAME, like ["1", "category:burger"]'
            )
            return None
        codes, categories = set(), set()
        for part in raw:
            if part.startswith("category:"):
                category = part.removeprefix("category:")
                if category not in context.categories:
                    self.problem(
                        entry,
                        field,
                        f"unknown category {category!r}; the menu has {_names(context.categories)}",
                    )
                    return None
                categories.add(category)
            elif code_key(part) in context.items:
                codes.add(code_key(part))
            elif code_key(part) in self.broken_codes:
                return None
            else:
                self.problem(entry, field, f"unknown item code {part!r} (write category:NAME for a category)")
                return None
        return Selector(frozenset(codes), frozenset(categories))


@dataclass(frozen=True)
class _Context:
    items: dict[str, Item]
    categories: set[str]
    dayparts: set[str]


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


def _names(names: Any) -> str:
    """Quoted and listed: a set sorted, a sequence (sizes, smallest first) in its own order."""
    listed = (
        sorted(str(name) for name in names)
        if isinstance(names, (set, frozenset))
        else [str(name) for name in names]
    )
    return ", ".join(f'"{name}"' for name in listed) if listed else "none"
