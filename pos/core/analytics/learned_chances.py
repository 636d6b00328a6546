"""A learned rule's chances as the report counts them, in the order they were taken: each with the
candidates the guards allowed, the one offered, the chance it had, its context and what it kept.

A learned prompt's choice (`pos.core.analytics.learned_columns`) is joined to its prompt event by
its order and `seq`, after the report has counted each event once, joined it to its order and kept
what the filters keep: a chance keeps what its prompt kept in the paid order (`added`,
`pos/sql/events.sql`), whatever the learning. A record written twice is one chance. Chances are
grouped by store and rule: each store learns from its own answers. A second ask (F6) is no choice
and logs none. A chance below the floor its day's menus gave the rule (`learned_floors`) was made by
no counter: it is left out and named.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import msgspec
import numpy as np
import numpy.typing as npt

from pos.core.analytics.columns import NULL
from pos.core.analytics.event_table import EventTable
from pos.core.analytics.learned_columns import PROPENSITY_UNITS
from pos.core.analytics.learned_floors import Floors, below_floors, chance_floors
from pos.core.base.events import ChoiceContext, Outcome
from pos.core.selling.menu import code_key

T = TypeVar("T")
_MIX = np.uint64(0x9E3779B97F4A7C15)
"""Mixes `seq` into an order's 64-bit key: a chance's one number, as likely to collide as the keys."""


@dataclass(frozen=True)
class RuleChances:
    """One store's chances of one learned rule, in the order they were taken."""

    store_id: str
    rule: str
    offers: tuple[str, ...]
    """The candidates, in the menu's order (as the logged candidates list them)."""
    sizes: tuple[str | None, ...]
    """The size each was offered in (the one offered most)."""
    contexts: tuple[ChoiceContext, ...]
    context: npt.NDArray[np.int64]
    """Each chance's context, by its place in `contexts`."""
    offered: npt.NDArray[np.int64]
    """Each chance's offer, by its place in `offers`."""
    allowed: npt.NDArray[np.bool_]
    """Each chance's candidates: a row of `len(offers)` flags."""
    propensity: npt.NDArray[np.float64]
    least: npt.NDArray[np.float64]
    """The least chance each chance's offer could have had: its rule's floor on its day (0 with
    `explore = 0`), or, where the day's menus do not say, its own propensity."""
    kept: npt.NDArray[np.int64]
    delta: npt.NDArray[np.int64]
    held_out: npt.NDArray[np.bool_]
    day: npt.NDArray[np.int64]
    """Each chance's day (its event's), by its place in `days`."""
    days: list[str]
    paid: npt.NDArray[np.bool_] | None
    """Where chances were held out (the history loaded what their orders ended with): each chance's
    order was paid, and (`attached`) ended with the offer."""
    attached: npt.NDArray[np.int64] | None

    def __len__(self) -> int:
        return len(self.offered)


def rule_chances(
    prompts: EventTable, learned: EventTable, floors: Callable[[], Floors]
) -> tuple[list[RuleChances], list[str]]:
    """The learned rules' chances among `prompts` (counted and filtered), with their choices from
    `learned` (read with them), by store and rule; and the notices naming those left out for a chance
    below the floor their day's menus allowed (`floors`, read only where there are chances)."""
    if not len(learned) or not len(prompts):
        return [], []
    rows, choices = _joined(prompts, learned)
    lists = _decoded(learned, "candidates", list[str])
    contexts = _decoded(learned, "context", ChoiceContext)
    rows, choices = _sound(rows, choices, learned, lists, contexts)
    if not len(rows):
        return [], []
    known = floors()
    least = chance_floors(learned, choices, known)
    below = learned.ints["propensity"][choices] < np.round(np.nan_to_num(least) * PROPENSITY_UNITS)
    notices = below_floors(prompts, learned, rows[below], choices[below], known)
    rows, choices, least = rows[~below], choices[~below], least[~below]
    order = np.lexsort((learned.ints["at_ms"][choices], learned.day[choices]))
    rows, choices = rows[order], choices[order]
    stores, rules = learned.text["store_id"][choices], learned.text["rule"][choices]
    width = len(learned.values["rule"]) + 1  # a rule's code, or null (-1) as 0
    found = []
    for pair in np.unique(stores.astype(np.int64) * width + rules + 1).tolist():
        store, rule = divmod(pair, width)
        rule -= 1
        if rule == NULL:
            continue  # a learned prompt that names no rule: nothing to value it by
        mine = (stores == store) & (rules == rule)
        found.append(
            _one_rule(
                prompts,
                learned,
                lists,
                contexts,
                rows[mine],
                choices[mine],
                least[mine],
                learned.values["store_id"][store],
                learned.values["rule"][rule],
            )
        )
    return found, notices


def _joined(prompts: EventTable, learned: EventTable) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The rows of `prompts` that are learned chances, and the row of `learned` with each one's choice
    (the first where a record was written twice)."""
    named = set(learned.values["rule"])
    rule_codes = [code for code, rule in enumerate(prompts.values["rule"]) if rule in named]
    candidates = np.flatnonzero(np.isin(prompts.text["rule"], rule_codes))
    keys = _keys(learned.ints["order_key"], learned.ints["seq"])
    by_key = np.argsort(keys, kind="stable")
    sorted_keys = keys[by_key]
    first = np.ones(len(sorted_keys), dtype=bool)
    first[1:] = sorted_keys[1:] != sorted_keys[:-1]
    sorted_keys, by_key = sorted_keys[first], by_key[first]
    wanted = _keys(prompts.ints["order_key"][candidates], prompts.ints["seq"][candidates])
    at = np.minimum(np.searchsorted(sorted_keys, wanted), len(sorted_keys) - 1)
    hit = sorted_keys[at] == wanted
    return candidates[hit], by_key[at[hit]]


def _keys(order_key: npt.NDArray[np.int64], seq: npt.NDArray[np.int64]) -> npt.NDArray[np.uint64]:
    keys: npt.NDArray[np.uint64] = order_key.astype(np.uint64) * _MIX + seq.astype(np.uint64)
    return keys


def _decoded(learned: EventTable, name: str, kind: type[T]) -> list[T | None]:
    """Each value of the text column `name`, as the JSON it holds; None for one that is not
    (a closed day's Parquet is read as its checksum vouches, whatever wrote it)."""
    found: list[T | None] = []
    for text in learned.values[name]:
        try:
            found.append(msgspec.json.decode(text, type=kind))
        except (msgspec.DecodeError, msgspec.ValidationError):
            found.append(None)
    return found


def _sound(
    rows: npt.NDArray[np.int64],
    choices: npt.NDArray[np.int64],
    learned: EventTable,
    lists: list[list[str] | None],
    contexts: list[ChoiceContext | None],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The chances whose choice reads as the spec says: candidates, a context, 0 < propensity <= 1."""
    chance = learned.ints["propensity"][choices]
    sound = (chance > 0) & (chance <= PROPENSITY_UNITS)
    for name, values in (("candidates", lists), ("context", contexts)):
        readable: list[object] = [*values, None]  # null (-1): the last
        known = np.array([value is not None and value != [] for value in readable], dtype=bool)
        sound &= known[learned.text[name][choices]]
    return rows[sound], choices[sound]


def _one_rule(
    prompts: EventTable,
    learned: EventTable,
    listed: list[list[str] | None],
    contexts: list[ChoiceContext | None],
    rows: npt.NDArray[np.int64],
    choices: npt.NDArray[np.int64],
    least: npt.NDArray[np.float64],
    store_id: str,
    rule: str,
) -> RuleChances:
    lists = learned.text["candidates"][choices]
    used = {code: each for code in np.unique(lists).tolist() if (each := listed[code])}
    offers = _in_menu_order(list(used.values()))
    place = {code_key(offer): index for index, offer in enumerate(offers)}
    flags = np.zeros((len(listed), len(offers)), dtype=bool)
    for code, each in used.items():
        flags[code, [place[code_key(offer)] for offer in each]] = True
    offer_values, size_values = prompts.values["offer"], prompts.values["size"]
    offered_codes = prompts.text["offer"][rows]
    offer_place = np.array([place.get(code_key(value), 0) for value in offer_values] or [0], dtype=np.int64)
    offered = offer_place[offered_codes]
    context_codes, context = np.unique(learned.text["context"][choices], return_inverse=True)
    known = tuple(
        found for code in context_codes.tolist() if (found := contexts[code])
    )  # each read (`_sound`)
    held = prompts.where("outcome", Outcome.HELD_OUT)[rows]
    propensity = learned.ints["propensity"][choices] / PROPENSITY_UNITS
    paid, attached = prompts.ints.get("paid"), prompts.ints.get("attached")
    return RuleChances(
        store_id,
        rule,
        tuple(offers),
        _sizes(offered, prompts.text["size"][rows], size_values, len(offers)),
        known,
        context.astype(np.int64),
        offered,
        flags[lists],
        propensity,
        np.where(np.isnan(least), propensity, least),
        prompts.ints["added"][rows],
        prompts.ints["delta"][rows],
        held,
        learned.day[choices].astype(np.int64),
        learned.days,
        None if paid is None else paid[rows] > 0,
        None if attached is None else attached[rows],
    )


def _sizes(
    offered: npt.NDArray[np.int64], sizes: npt.NDArray[np.int32], values: list[str], count: int
) -> tuple[str | None, ...]:
    """The size each of `count` offers was offered in most (the first such, among sizes as often)."""
    width = len(values) + 1  # a size's code, or null (-1) as 0
    pairs, counts = np.unique(offered * width + sizes + 1, return_counts=True)
    most: dict[int, tuple[int, int]] = {}
    for pair, times in zip(pairs.tolist(), counts.tolist(), strict=True):
        offer, size = divmod(pair, width)
        if offer not in most or times > most[offer][0]:
            most[offer] = (times, size)
    return tuple(values[most[offer][1] - 1] if most.get(offer, (0, 0))[1] else None for offer in range(count))


def _in_menu_order(lists: list[list[str]]) -> list[str]:
    """Every code of the lists, each list in the menu's order: by the earliest place a code has in any
    list, then as first seen (a candidate the guards never allow first comes after those they do)."""
    place: dict[str, tuple[int, int, str]] = {}
    for each in lists:
        for index, code in enumerate(each):
            key = code_key(code)
            seen = place.get(key)
            place[key] = (index, len(place), code) if seen is None else (min(seen[0], index), *seen[1:])
    return [code for _, _, code in sorted(place.values())]
