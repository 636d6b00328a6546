"""Which menu a terminal sold from, kept in the data folder so reports name items, the store and
the currency from the data itself.

    menus/3f2a9c0d1e4b5a67.json        the menu's name, currency and item names (and its learned
                                       rules' floors), by their hash
    log/2026-11-23/T1.menus.jsonl      per terminal and day, each menu it used: day, store_id (v3),
                                       terminal, menu (the hash), name, currency

A terminal writes the day's menu record before its first record of the day, and
again when it starts with another menu.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Annotated

import msgspec
from msgspec import Meta

from pos.core.base.errors import DataFolderError
from pos.core.base.events import decoder
from pos.core.base.files import not_own_folder, own_folder, read_regular, replace_whole
from pos.core.selling.candidates import MAX_EXPLORE
from pos.core.selling.menu import Menu

MENUS = "menus"
"""The table of a day's folder: `T1.menus.jsonl`."""
MOST = 16 << 20
"""A menu of 100,000 items' names: a larger stamp is not one pos wrote."""


Floor = Annotated[float, Meta(ge=0, le=float(MAX_EXPLORE))]


class MenuStamp(msgspec.Struct, frozen=True):
    """`menus/HASH.json`, read with this declaration (a file that is not one reads as none)."""

    name: str
    currency: str
    items: dict[str, str]
    """Item name by code, in the menu's order."""
    floors: dict[str, Floor] = {}
    """The floor chance (`explore`) of each rule whose offer is learned, by its id: the least chance
    its prompts can log, which the reports hold them to (`pos.core.analytics.learned_floors`). Left
    out of a menu that learns nothing, whose stamp (and its hash) is as it was before."""

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text().encode()).hexdigest()[:16]

    def text(self) -> str:
        floors = {"floors": self.floors} if self.floors else {}
        return json.dumps(
            {"name": self.name, "currency": self.currency, "items": self.items, **floors}, ensure_ascii=False
        )

    @classmethod
    def of(cls, menu: Menu) -> MenuStamp:
        floors: dict[str, float] = {}
        for rule, explore in menu.learned.items():
            rule_id = menu.rule_ids[rule]
            floors[rule_id] = min(float(explore), floors.get(rule_id, 1.0))  # two rules of one id: the lower
        return cls(menu.name, menu.currency, menu.names(), floors)


def stamp_path(data_dir: Path, digest: str) -> Path:
    return data_dir / MENUS / f"{digest}.json"


def keep(data_dir: Path, stamp: MenuStamp) -> None:
    """Write the stamp's file once (atomically: a reader never sees half of it), in a `menus` folder
    of the data folder's own."""
    path = own_folder(data_dir / MENUS) / f"{stamp.digest}.json"
    if not os.path.lexists(path):
        replace_whole(path, stamp.text().encode())


def read(data_dir: Path, digest: str) -> MenuStamp | None:
    """The stamp; None when it is missing or not one. DataFolderError when it is not a regular file
    of the data folder's own, or far larger than a menu's names (it is not read)."""
    path = stamp_path(data_dir, digest)
    if path.parent.is_symlink():
        raise DataFolderError(f"{not_own_folder(path.parent)}; not read")
    try:
        return decoder(MenuStamp).decode(read_regular(path, MOST))
    except (OSError, msgspec.ValidationError, msgspec.DecodeError):
        return None
