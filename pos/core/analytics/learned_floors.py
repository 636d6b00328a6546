"""The least chance each learned rule's prompts could log, day by day: its floor (`explore`) in the
menus its store's terminals sold from that day (`pos.core.log.menu_stamp`).

A learned choice gives each allowed candidate at least the floor (`pos.core.selling.learned_choice`),
so a logged `propensity` below its day's floor was made by no counter: the reports leave it out and
name it. The floor also bounds the weight a chance has in an off-policy estimate (1 / floor); a
floor of 0 bounds nothing, and a rule learned with it is not weighed at all. A day whose menus do not
say (a stamp written before floors were kept, or none) has no floor here: its chances are held to the
least chance any record may log (`pos.core.base.events.MIN_PROPENSITY`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from pos.core.analytics.columns import NULL
from pos.core.analytics.event_table import EventTable
from pos.core.analytics.learned_columns import PROPENSITY_UNITS
from pos.core.analytics.report_labels import recorded_menus
from pos.core.base.text import printable
from pos.core.log.log_layout import LogFiles


@dataclass(frozen=True)
class Floor:
    chance: float
    """The lowest floor the day's menus gave the rule."""
    folder: Path
    """The day's log folder: where its prompts are."""


Floors = dict[tuple[str, str, str], Floor]
"""A learned rule's floor by store id, day and rule id."""


def learned_floors(layout: LogFiles) -> Floors:
    """The floor of each rule that learned on each day of `layout`, in each store."""
    found: Floors = {}
    for menu in recorded_menus(layout, None, []):
        for rule, chance in menu.stamp.floors.items():
            key = (menu.store, menu.day, rule)
            known = found.get(key)
            if known is None or chance < known.chance:
                found[key] = Floor(chance, menu.folder / "log" / menu.day)
    return found


def chance_floors(
    learned: EventTable, choices: npt.NDArray[np.int64], floors: Floors
) -> npt.NDArray[np.float64]:
    """Each choice's floor, its rule's on its day in its store; NaN where the day's menus do not say."""
    stores, rules, days = (
        learned.text["store_id"][choices],
        learned.text["rule"][choices],
        learned.day[choices],
    )
    keys, place = np.unique(np.stack([stores, rules, days]), axis=1, return_inverse=True)
    found = []
    for store, rule, day in keys.T.tolist():
        known = (
            floors.get((learned.values["store_id"][store], learned.days[day], learned.values["rule"][rule]))
            if store != NULL and rule != NULL
            else None
        )
        found.append(np.nan if known is None else known.chance)
    least: npt.NDArray[np.float64] = np.array(found, dtype=np.float64)[place.reshape(-1)]
    return least


def below_floors(
    prompts: EventTable,
    learned: EventTable,
    rows: npt.NDArray[np.int64],
    choices: npt.NDArray[np.int64],
    floors: Floors,
) -> list[str]:
    """A notice for each day's terminal and rule whose chances logged less than the floor."""
    terminals = prompts.text["terminal"][rows]
    found: dict[tuple[int, int, int, int], list[int]] = {}
    for index, key in enumerate(
        zip(
            learned.text["store_id"][choices].tolist(),
            learned.day[choices].tolist(),
            learned.text["rule"][choices].tolist(),
            terminals.tolist(),
            strict=True,
        )
    ):
        found.setdefault(key, []).append(index)
    notices = []
    for (store, day, rule, terminal), each in found.items():
        name = learned.values["rule"][rule]
        floor = floors[(learned.values["store_id"][store], learned.days[day], name)]
        lowest = int(learned.ints["propensity"][choices[each]].min()) / PROPENSITY_UNITS
        path = floor.folder / f"{prompts.values['terminal'][terminal]}.prompts.jsonl"
        notices.append(
            f"{path}: {len(each)} learned prompt(s) of rule {printable(name)!r} logged a chance below the "
            f"floor of {floor.chance:g} its day's menu allowed (as low as {lowest:g}), which no counter "
            "makes: left out of what the learning adds"
        )
    return notices
