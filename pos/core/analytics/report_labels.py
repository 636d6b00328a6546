"""What a report calls things: the store, the currency and the items' names, from the menus the
data folder recorded (`pos.core.log.menu_stamp`) for the days and terminals reported, or a menu given."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import msgspec

from pos.core.base.bounded_lines import lines_of
from pos.core.base.errors import DataFolderError
from pos.core.base.events import MenuRecord, decoder
from pos.core.base.text import printable
from pos.core.log.log_layout import LogFiles, log_files
from pos.core.log.menu_stamp import MENUS, MenuStamp, read
from pos.core.selling.menu import Menu


@dataclass(frozen=True)
class Labels:
    store: str
    """The store's name (its menu's); the stores' names, one after another, for several."""
    currency: str | None
    """The money's currency; None where the stores reported sell in several: money is then never
    added up across them, and a row of one store is in its own (`currencies`)."""
    names: dict[str, str]
    """Item name by code; "Cola / Pepsi" where the menus of the history differ."""
    notices: list[str] = field(default_factory=list)
    currencies: dict[str, str] = field(default_factory=dict)
    """Each store's currency (its latest), by store id."""

    @classmethod
    def of(cls, menu: Menu) -> Labels:
        return cls(menu.name, menu.currency, menu.names())


def recorded_labels(
    data_dir: Path | Sequence[Path],
    start: date | None,
    until: date | None,
    terminal: str | None,
    fallback: Menu,
) -> Labels:
    """The labels of the menus recorded from `start` to `until`; `fallback`'s, with a notice, when none was."""
    stamps: dict[str, MenuStamp] = {}
    sold_in: dict[str, dict[str, None]] = {}
    """Each store's currencies, oldest first: stores apart, or one store over time."""
    found_in: dict[str, Path] = {}
    """Where each store's records are: what a notice names it by."""
    named: dict[str, str] = {}
    """Each store's menu's name, the latest: what the report is titled by."""
    unread: list[str] = []
    """Stamps that are not the data folder's regular files: named, not read."""
    layout = log_files(data_dir, start, until)
    for record in recorded_menus(layout, terminal, unread):
        stamps.setdefault(record.digest, record.stamp)
        sold = sold_in.setdefault(record.store, {})
        sold.pop(record.stamp.currency, None)  # the latest last
        sold[record.stamp.currency] = None
        found_in.setdefault(record.store, record.folder)
        named[record.store] = record.stamp.name
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
    currency, notices = _differences(menus, sold_in, found_in)
    return Labels(
        " / ".join(dict.fromkeys(named.values())) if len(sold_in) > 1 else menus[-1].name,
        currency,
        {code: " / ".join(found) for code, found in names.items()},
        [*unread, *notices],
        {store: list(sold)[-1] for store, sold in sold_in.items()},
    )


def _differences(
    menus: list[MenuStamp], sold_in: dict[str, dict[str, None]], found_in: dict[str, Path]
) -> tuple[str | None, list[str]]:
    """The report's currency, None where the stores sell in several, and the notices of what
    differs between the menus: the currency (stores apart, or one store over time), the names."""
    notices: list[str] = []
    currencies = sorted({stamp.currency for stamp in menus})
    stores = len(sold_in) > 1
    currency: str | None = menus[-1].currency
    if stores and len(currencies) > 1:
        currency = None
        each = "; ".join(
            f"{printable(str(found_in[store]))}: {', '.join(sorted(sold))}" for store, sold in sold_in.items()
        )
        notices.append(
            f"these stores sell in {', '.join(currencies)} ({each}): money is not added up across "
            "currencies (shown as –); --by store shows each store's in its own (counts and rates hold "
            "across them)"
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
    return currency, notices


@dataclass(frozen=True)
class RecordedMenu:
    """A terminal's record of the menu it sold from on a day (`MenuRecord`), with that menu's stamp."""

    day: str
    folder: Path
    store: str
    """Its store id; a record before version 3 takes its folder's."""
    terminal: str
    digest: str
    stamp: MenuStamp


def recorded_menus(layout: LogFiles, terminal: str | None, unread: list[str]) -> Iterator[RecordedMenu]:
    """Each menu record of the layout's days (of `terminal`, when given) whose menu the data folder
    keeps, day by day as written. A stamp that is not the data folder's regular file is named once in
    `unread`, not read."""
    stamps: dict[str, MenuStamp] = {}
    for day in layout.days:
        for folder, path in layout.files(day, MENUS):
            for record in _menu_records(path, terminal):
                if record.menu not in stamps:
                    try:
                        stamp = read(folder, record.menu)
                    except DataFolderError as error:
                        stamp = None
                        if str(error) not in unread:
                            unread.append(str(error))
                    if stamp is not None:
                        stamps[record.menu] = stamp
                if record.menu in stamps:
                    store = record.store_id or layout.store_ids[folder]
                    yield RecordedMenu(day, folder, store, record.terminal, record.menu, stamps[record.menu])


def _menu_records(path: Path, terminal: str | None) -> list[MenuRecord]:
    """The file's menu records (of `terminal`, when given) as their declaration reads them: a line
    that is not one names no menu."""
    found: list[MenuRecord] = []
    try:
        read = decoder(MenuRecord).decode
        for line in lines_of(path):
            try:
                record = read(line)
            except (msgspec.ValidationError, msgspec.DecodeError):
                continue
            if terminal is None or record.terminal == terminal:
                found.append(record)
    except (OSError, DataFolderError):  # unreadable, or replaced by a link or a FIFO since it was listed
        pass
    return found
