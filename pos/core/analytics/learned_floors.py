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

from pos.core.analytics.report_labels import recorded_menus
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
