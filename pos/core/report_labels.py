"""What a report calls things: the store, the currency and the items' names, from the menus the
data folder recorded (`pos.core.menu_stamp`) for the days and terminals reported, or a menu given."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pos.core.errors import DataFolderError
from pos.core.log_layout import log_files
from pos.core.menu import Menu
from pos.core.menu_stamp import MENUS, MenuStamp, read
from pos.core.text import printable


@dataclass(frozen=True)
class Labels:
    store: str
    currency: str
    names: dict[str, str]
    """Item name by code; "Cola / Pepsi" where the menus of the history differ."""
    notices: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, menu: Menu) -> Labels:
        return cls(
            menu.name,
            menu.currency,
            menu.names(),
        )


def recorded_labels(
    data_dir: Path | Sequence[Path],
    start: date | None,
    until: date | None,
    terminal: str | None,
    fallback: Menu,
) -> Labels:
    """The labels of the menus recorded from `start` to `until`; `fallback`'s, with a notice, when none was."""
    stamps: dict[str, MenuStamp] = {}
    sold_in: dict[Path, set[str]] = {}
    """Each folder's currencies: stores apart, or one store over time."""
    unread: list[str] = []
    """Stamps that are not the data folder's regular files: named, not read."""
    layout = log_files(data_dir, start, until)
    for day in layout.days:
        for folder, path in layout.files(day, MENUS):
            for digest in _digests(path, terminal):
                if digest not in stamps:
                    try:
                        stamp = read(folder, digest)
                    except DataFolderError as error:
                        stamp = None
                        if str(error) not in unread:
                            unread.append(str(error))
                    if stamp is not None:
                        stamps[digest] = stamp
                if digest in stamps:
                    sold_in.setdefault(folder, set()).add(stamps[digest].currency)
    if not layout.days:  # nothing to name: the report says no day is in range
        return Labels.of(fallback)
    if not stamps:
        labels = Labels.of(fallback)
        notice = (
            f"the data folder does not say which menu these days were sold from (logged before menus were "
            f"recorded); names and currency are from {printable(fallback.name)} (--menu FILE names another)"
        )
        return Labels(labels.store, labels.currency, labels.names, [*unread, notice])
    menus = list(stamps.values())
    names: dict[str, list[str]] = {}
    for stamp in menus:
        for code, name in stamp.items.items():
            if name not in names.setdefault(code, []):
                names[code].append(name)
    notices = unread
    currencies = sorted({stamp.currency for stamp in menus})
    stores = len(sold_in) > 1
    if stores and len(currencies) > 1:
        each = "; ".join(
            f"{printable(str(folder))}: {', '.join(sorted(sold))}" for folder, sold in sold_in.items()
        )
        notices.append(
            f"these stores sell in {', '.join(currencies)} ({each}): their money is added up as if it were "
            f"{menus[-1].currency}, which it is not; report the stores of each currency apart (counts and "
            "rates are right either way)"
        )
    elif len(currencies) > 1:
        notices.append(
            f"these days were sold in {', '.join(currencies)}: money is shown in {menus[-1].currency}; "
            "choose --from and --until around the change"
        )
    if len(menus) > 1:
        notices.append(
            ("the stores' menus differ (" if stores else "the menu changed over these days (")
            + ", ".join(printable(stamp.name) for stamp in menus)
            + (
                "): an item named otherwise in another store shows both names"
                if stores
                else "): an item renamed shows both names"
            )
        )
    return Labels(
        menus[-1].name,
        menus[-1].currency,
        {code: " / ".join(found) for code, found in names.items()},
        notices,
    )


def _digests(path: Path, terminal: str | None) -> list[str]:
    found: list[str] = []
    try:
        lines = path.read_bytes().splitlines()
    except OSError:
        return found
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if (
            isinstance(record, dict)
            and isinstance(record.get("menu"), str)
            and (terminal is None or record.get("terminal") == terminal)
        ):
            found.append(record["menu"])
    return found
