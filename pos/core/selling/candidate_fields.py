"""Reading a rule's candidates (menu format version 3): `offers`, `choose`, `explore`, and `price`,
`pitch` and `size` each either one value for every candidate or a table keyed by candidate code.

Every problem is told to the reader (`RuleReader.problem`: file, line, entry and field), all of an
entry's at once, as for any other field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from decimal import ROUND_DOWN, Decimal
from typing import Any

from pos.core.base.digits import decimal_number
from pos.core.base.toml_fields import Entry, names, written
from pos.core.selling.candidates import (
    DEFAULT_EXPLORE,
    EXPLORE_DECIMALS,
    EXPLORE_STEP,
    FIRST,
    MAX_EXPLORE,
    MAX_OFFERS,
    MIN_OFFERS,
    Candidate,
    Choice,
    Choose,
)
from pos.core.selling.menu import Item, code_key
from pos.core.selling.menu_rules import RuleReader

CANDIDATE_KEYS = {"offers", "choose", "explore"}
"""The fields a rule with candidates adds (beside `OFFER_KEYS`)."""

CodeOf = Callable[[str, object], str | None]
"""Reads one candidate's code from a field's value: its key, or None after telling the problem."""


def candidate_codes(
    reader: RuleReader,
    entry: Entry,
    table: dict[str, Any],
    single: str,
    code_of: CodeOf,
    default: str | None = None,
) -> list[str] | None:
    """The keys of the candidates: the one `single` names (`offer`, an upsell's `to`, else its
    `default`), or those of `offers`, never both."""
    if "offers" not in table:
        if single not in table and default is None:
            reader.problem(
                entry, single, f'missing: name one {single} = "CODE", or several offers = ["CODE", ...]'
            )
            return None
        return None if (code := code_of(single, table.get(single, default))) is None else [code]
    if single in table:
        reader.problem(entry, "offers", f"name one {single} or several offers, not both")
        return None
    raw = table["offers"]
    if not isinstance(raw, list) or not MIN_OFFERS <= len(raw) <= MAX_OFFERS:
        reader.problem(
            entry,
            "offers",
            f'expected {MIN_OFFERS} to {MAX_OFFERS} codes, like ["20", "9", "40"], got {written(raw)}',
        )
        return None
    codes = [code_of("offers", value) for value in raw]
    if any(code is None for code in codes):
        return None
    keys = [code for code in codes if code is not None]
    twice = next((raw[index] for index, code in enumerate(keys) if code in keys[:index]), None)
    if twice is not None:
        reader.problem(entry, "offers", f"{twice!r} is named twice")
        return None
    return keys


def choice(
    reader: RuleReader, entry: Entry, table: dict[str, Any], codes: Sequence[str] | None
) -> Choice | None:
    """`choose` and `explore`: for a rule with several offers only; its `codes` each keep the floor
    chance, so together at most every chance. A rule's several offers (`RuleReader.several`) and a
    learned one's floor (`RuleReader.learned`) are kept for the menu."""
    for field in ("choose", "explore"):
        if field in table and "offers" not in table:
            reader.problem(entry, field, 'is for a rule with several offers = ["CODE", ...]')
            return None
    how = table.get("choose", Choose.FIRST.value)
    if not isinstance(how, str) or how not in {each.value for each in Choose}:
        reader.problem(entry, "choose", f'expected "first" or "learn", got {written(how)}')
        return None
    count = len(codes or ())
    if "explore" not in table:
        found = Choice(Choose(how)) if "offers" in table else FIRST
    elif how != Choose.LEARN:
        reader.problem(entry, "explore", 'is the floor chance of choose = "learn"')
        return None
    elif (explore := _chance(reader, entry, table)) is None:
        return None
    elif count * explore > 1:
        reader.problem(
            entry,
            "explore",
            f"{count} offers each kept {explore} of the chances would take more than all of them: "
            f"at most {(Decimal(1) / count).quantize(EXPLORE_STEP, ROUND_DOWN)}",
        )
        return None
    else:
        found = Choice(Choose.LEARN, explore)
    if entry.index is not None and codes is not None and count > 1:
        reader.several[(entry.table, entry.number)] = tuple(codes)
        if found.learned:
            reader.learned[(entry.table, entry.number)] = found.explore
    return found


def _chance(reader: RuleReader, entry: Entry, table: dict[str, Any]) -> Decimal | None:
    """`explore`: a chance from 0 to `MAX_EXPLORE` in steps of `EXPLORE_STEP`, written as a number
    (0.05) or as text ("0.05") alike, text read as any decimal of a menu (0-9 and a point)."""
    value = table["explore"]
    number = (
        decimal_number(value)
        if isinstance(value, str)
        else Decimal(value)
        if isinstance(value, int | Decimal) and not isinstance(value, bool)
        else None
    )
    if number is None or not number.is_finite() or not 0 <= number <= MAX_EXPLORE or number % EXPLORE_STEP:
        reader.problem(
            entry,
            "explore",
            f"expected a chance from 0 to {MAX_EXPLORE} of at most {EXPLORE_DECIMALS} decimals, "
            f'like "{DEFAULT_EXPLORE}" or {DEFAULT_EXPLORE}, got {written(value)}',
        )
        return None
    return number


def watching(choice: Choice, offers: tuple[Candidate, ...], items: Mapping[str, Item]) -> Choice:
    """The choice, with the categories of the items its candidates offer (`Choice.categories`); a
    meal or a bigger size of the item keyed has none of its own."""
    found = frozenset(item.category for offer in offers if (item := items.get(offer.code)) and item.category)
    return replace(choice, categories=found)


def candidates(
    reader: RuleReader,
    entry: Entry,
    table: dict[str, Any],
    codes: Sequence[str] | None,
    placeholders: Callable[[str], tuple[str, ...]] = lambda code: (),
    size_of: Callable[[str, object], str | None] | None = None,
) -> tuple[Candidate, ...] | None:
    """Each candidate with its `price`, `pitch` (with its kind's own `placeholders`) and, for a kind
    that offers sizes (`size_of` reads one for a candidate), `size`; with no `codes` (they had
    problems), the problems of a price and a pitch for every candidate all the same."""
    if codes is None:
        if not isinstance(table.get("pitch"), dict):
            reader.pitches(entry, table)
        if not isinstance(table.get("price", {}), dict):
            reader.money(entry, table, "price")
        return None
    before = len(reader.problems)
    prices = _shared_or_each(
        reader, entry, table, "price", codes, lambda _code, value: _money(reader, entry, value)
    )
    pitches = _pitches(reader, entry, table, codes, placeholders)
    sizes: dict[str, str | None] | None = {}
    if size_of is not None:
        given = _each(reader, entry, table, "size", codes)
        sizes = None if given is None else {code: size_of(code, value) for code, value in given.items()}
    if prices is None or pitches is None or sizes is None or len(reader.problems) > before:
        return None
    return tuple(Candidate(code, sizes.get(code), prices.get(code), pitches.get(code, ())) for code in codes)


def _pitches(
    reader: RuleReader,
    entry: Entry,
    table: dict[str, Any],
    codes: Sequence[str],
    placeholders: Callable[[str], tuple[str, ...]],
) -> dict[str, tuple[str, ...]] | None:
    """A wording for every candidate, checked once with the placeholders they all take; or a table:
    each candidate's own, with its own."""
    raw = table.get("pitch")
    if isinstance(raw, dict):
        each = _shared_or_each(
            reader,
            entry,
            table,
            "pitch",
            codes,
            lambda code, value: reader.pitches(entry, {"pitch": value}, placeholders(code)),
        )
        for code in [code for code in codes if each is not None and code not in each]:
            reader.warn(
                entry, "pitch", f"no wording for the offer {code!r}: it is asked in its kind's own words"
            )
        return each
    common = tuple(
        name for name in placeholders(codes[0]) if all(name in placeholders(code) for code in codes)
    )
    shared = reader.pitches(entry, table, common)
    return None if shared is None else {code: shared for code in codes}


def _shared_or_each(
    reader: RuleReader,
    entry: Entry,
    table: dict[str, Any],
    field: str,
    codes: Sequence[str],
    read: Callable[[str, object], Any],
) -> dict[str, Any] | None:
    """The field read once for every candidate, or (a table) once for each candidate it names."""
    if field not in table:
        return {}
    if not isinstance(table[field], dict):
        value = read(codes[0], table[field])
        return None if value is None else dict.fromkeys(codes, value)
    each = _each(reader, entry, table, field, codes)
    if each is None:
        return None
    values = {code: read(code, value) for code, value in each.items()}
    return None if any(value is None for value in values.values()) else values


def _each(
    reader: RuleReader, entry: Entry, table: dict[str, Any], field: str, codes: Sequence[str]
) -> dict[str, object] | None:
    """The field's raw value for each candidate: one for all, or a table keyed by candidate code
    (several offers only), each key one of them."""
    if field not in table:
        return {}
    raw = table[field]
    if not isinstance(raw, dict):
        return dict.fromkeys(codes, raw)
    if len(codes) == 1:
        reader.problem(
            entry, field, 'a table keyed by candidate code is for a rule with several offers = ["CODE", ...]'
        )
        return None
    values = {}
    for key, value in raw.items():
        if code_key(key) not in codes:
            reader.problem(entry, field, f"{key!r} is not one of the rule's offers ({names(codes)})")
            return None
        values[code_key(key)] = value
    return values


def _money(reader: RuleReader, entry: Entry, value: object) -> int | None:
    return reader.money(entry, {"price": value}, "price")
