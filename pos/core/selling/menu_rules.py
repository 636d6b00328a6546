"""What reading any rule of a menu file needs: its window, pitches, item codes, selectors.

Each kind of prompt reads its own table (`[[upsell]]`, `[[cross_sell]]`, ...)
in its module of `pos.core.selling.prompt_kinds`, with these helpers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pos.core.base.toml_fields import Entry, FieldReader, Problem, names, written
from pos.core.selling.menu import Combo, Item, Selector, Window, code_key
from pos.core.selling.pitch import template_problem
from pos.core.selling.rule_ids import looks_derived

WINDOW_KEYS = {"dayparts", "from", "until"}
OFFER_KEYS = {"id", "price", "pitch", "holdout"} | WINDOW_KEYS
"""Fields every rule that makes an offer may have."""
MAX_HOLDOUT = Decimal("0.5")
MAX_ID = 64
"""A rule's own `id` (menu format version 3), in characters."""


@dataclass(frozen=True)
class Context:
    """What the rules may name: the items, categories and dayparts read before them."""

    items: dict[str, Item]
    categories: set[str]
    dayparts: set[str]
    combos: Mapping[str, Combo] = field(default_factory=dict)
    """Meals, read before the rules: an upsell may name one."""


class RuleReader(FieldReader):
    def __init__(self, path: Path, text: str) -> None:
        super().__init__(path, text)
        self.broken_codes: set[str] = set()
        """Items with a good code but a problem: rules naming them raise no second error."""
        self.broken_categories: set[str] = set()
        self.warnings: list[str] = []
        """Allowed, but surely not meant: `pos menu check` shows them."""
        self.holdouts: dict[tuple[str, int], Decimal] = {}
        """Each rule's own `holdout`, by its table and number."""
        self.several: dict[tuple[str, int], tuple[str, ...]] = {}
        """The codes of each rule with several offers, by table and number."""
        self.learned: dict[tuple[str, int], Decimal] = {}
        """The floor chance (`explore`) of each rule whose offer is learned (`choose = "learn"`), by
        table and number."""
        self.rule_ids: dict[tuple[str, int], str] = {}
        """Each rule's id (`pos.core.selling.rule_ids`), by its table and number."""
        self._named: dict[str, list[tuple[Entry, bool]]] = {}
        """The rules of each id, and whether the menu gave it."""

    def name_rule(self, entry: Entry, table: dict[str, Any], derived: str | None) -> None:
        """The rule's id: its own `id`, checked, else the one `derived` from it (`pos.core.selling.rule_ids`);
        None: the rule has problems, only its `id` is checked."""
        given = self._given_id(entry, table)
        rule = given or derived
        if rule is None:
            return
        if entry.index is not None:
            self.rule_ids[(entry.table, entry.number)] = rule
        self._named.setdefault(rule, []).append((entry, given is not None))

    def warn(self, entry: Entry, field: str | None, message: str) -> None:
        """What is allowed but surely not meant, named as a problem is."""
        line = self.locator.line_of(entry.table, entry.index, field)
        self.warnings.append(Problem(entry.label, field, message, line).describe(self.path))

    def _given_id(self, entry: Entry, table: dict[str, Any]) -> str | None:
        if "id" not in table:
            return None
        given = table["id"]
        if not isinstance(given, str) or not given.strip() or not given.isprintable() or len(given) > MAX_ID:
            self.problem(
                entry, "id", f'expected 1 to {MAX_ID} printable characters, like "fries-with-burgers"'
            )
            return None
        if looks_derived(given):
            self.problem(
                entry, "id", f"{given!r} reads like an id pos makes (kind:trigger>offer): name it otherwise"
            )
            return None
        return given

    def check_rule_ids(self) -> None:
        """Once every rule is read: an id the menu gives is unique across the menu (an error); two
        rules that give none but derive the same id are one rule in the reports (a warning)."""
        for rule, entries in self._named.items():
            if len(entries) < 2:
                continue
            labels = [entry.label or entry.table for entry, _ in entries]
            for index, (entry, given) in enumerate(entries):
                others = ", ".join(label for at, label in enumerate(labels) if at != index)
                if given:
                    self.problem(entry, "id", f"{rule!r} is the id of {others} too: ids are unique in a menu")
            if not any(given for _, given in entries):
                entry = entries[-1][0]
                message = (
                    f"{', '.join(labels)} have one id, {rule!r}: the reports count them as one rule; "
                    'give each an id = "..." to tell them apart'
                )
                self.warn(entry, None, message)

    def holdout(self, entry: Entry, table: dict[str, Any]) -> Decimal | None:
        """The share of chances held out (`holdout`), 0 to 0.5; kept for a rule in `holdouts`."""
        if "holdout" not in table:
            return None
        share = self.decimal(entry, table, "holdout")
        if share is not None and not 0 <= share <= MAX_HOLDOUT:
            self.problem(
                entry, "holdout", f'a share from 0 to {MAX_HOLDOUT}, like "0.05", got {table["holdout"]!r}'
            )
            return None
        if share is not None and entry.index is not None:
            self.holdouts[(entry.table, entry.number)] = share
        return share

    def offer_fields(
        self, entry: Entry, table: dict[str, Any], context: Context, placeholders: tuple[str, ...] = ()
    ) -> tuple[int | None, tuple[str, ...], Window] | None:
        """The fields every rule kind shares: price, pitch (with the kind's own `placeholders`) and when it is active."""
        price = self.money(entry, table, "price") if "price" in table else None
        self.holdout(entry, table)
        pitches = self.pitches(entry, table, placeholders)
        window = self.window(entry, table, context)
        if ("price" in table and price is None) or pitches is None or window is None:
            return None
        return price, pitches, window

    def offered_size(
        self, entry: Entry, table: dict[str, Any], offer: str | None, context: Context
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
            known = names([s.name for s in item.sizes if s.name]) if item.has_sizes else "no sizes"
            self.problem(entry, "size", f'unknown size {size!r} of item "{item.code}"; it has {known}')
            return None
        return item.sizes[index].name

    def pitches(
        self, entry: Entry, table: dict[str, Any], extra: tuple[str, ...] = ()
    ) -> tuple[str, ...] | None:
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
            problem = template_problem(pitch, extra)
            if problem:
                self.problem(entry, "pitch", problem)
                good = False
        return tuple(pitches) if good else None

    def window(self, entry: Entry, table: dict[str, Any], context: Context) -> Window | None:
        dayparts = None
        if "dayparts" in table:
            raw = table["dayparts"]
            if not isinstance(raw, list) or not raw or not all(isinstance(name, str) for name in raw):
                self.problem(entry, "dayparts", 'expected a list of daypart names like ["lunch"]')
                return None
            unknown = [name for name in raw if name not in context.dayparts]
            if unknown:
                known = (
                    names(context.dayparts) if context.dayparts else "none: define them in [menu.dayparts]"
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

    def item_code(
        self, entry: Entry, table: dict[str, Any], field: str, context: Context, meals: bool = False
    ) -> str | None:
        """The key of the item (with `meals`, or meal) that the field names."""
        code = self.text(entry, table, field, required=True)
        return None if code is None else self.code_named(entry, field, code, context, meals)

    def code_named(
        self, entry: Entry, field: str, code: object, context: Context, meals: bool = False
    ) -> str | None:
        """The key of the item (with `meals`, or meal) whose code is `code`, one value of the field."""
        if not isinstance(code, str) or not code.strip():
            self.problem(entry, field, f"expected an item code, got {written(code)}")
            return None
        if code_key(code) not in context.items and not (meals and code_key(code) in context.combos):
            if code_key(code) not in self.broken_codes:
                what = "item or meal code" if meals and context.combos else "item code"
                self.problem(entry, field, f"unknown {what} {code!r}")
            return None
        return code_key(code)

    def selector(
        self, entry: Entry, table: dict[str, Any], field: str, context: Context, meals: bool = False
    ) -> Selector | None:
        """Item codes and category:NAME; with `meals`, combo codes too."""
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
                        f"unknown category {category!r}; the menu has {names(context.categories)}",
                    )
                    return None
                categories.add(category)
            elif code_key(part) in context.items or (meals and code_key(part) in context.combos):
                codes.add(code_key(part))
            elif code_key(part) in self.broken_codes:
                return None
            else:
                self.problem(entry, field, f"unknown item code {part!r} (write category:NAME for a category)")
                return None
        return Selector(frozenset(codes), frozenset(categories))
