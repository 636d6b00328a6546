"""Which files of a data folder's `log/` are the log: day folders named YYYY-MM-DD, and in them
`TERMINAL.TABLE.jsonl` regular files. Anything else (a copy, a hidden file, a link, a FIFO, a
folder that only looks like a day, a day's folder that is a link) is named in a notice and left
alone, never read or repaired. A data folder given twice is read once, and two folders with one
store id that are not copies of one store are kept apart (`pos.core.log.store_copies`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pos.core.base.files import is_folder, is_regular, not_own_folder, not_regular
from pos.core.base.ids import valid_id
from pos.core.base.store_id import folder_id
from pos.core.log.derived import CACHE, day_folder, not_kept, not_own_on_the_way
from pos.core.log.store_copies import differing

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def day_of(name: str) -> date | None:
    """The date a day folder's name stands for; None when it is not exactly YYYY-MM-DD."""
    if not _DAY.fullmatch(name):
        return None
    try:
        return date.fromisoformat(name)
    except ValueError:
        return None


def own_log_file(data_dir: Path, day: date, name: str) -> Path | None:
    """`log/DAY/NAME` when it is a regular file in folders of the data folder's own; else None."""
    folder = data_dir / "log" / day.isoformat()
    path = folder / name
    return path if is_folder(folder.parent) and is_folder(folder) and is_regular(path) else None


@dataclass
class LogFiles:
    folders: list[Path]
    """Data folders: one store's, or (a chain) several."""
    days: list[str] = field(default_factory=list)
    """Day folders from the start to the end asked for, in any of the data folders, oldest first."""
    notices: list[str] = field(default_factory=list)
    read_only: set[Path] = field(default_factory=set)
    """Data folders where nothing derived from the log is kept (`pos.core.log.derived`)."""
    store_ids: dict[Path, str] = field(default_factory=dict)
    """Each data folder's id for its records that carry no `store_id` (`pos.core.base.store_id.folder_id`)."""
    apart: dict[Path, str] = field(default_factory=dict)
    """A data folder that shares its store id with another given, and holds records that differ from
    that one's under the same names: the store its records count as, whatever id they carry (the id
    and the folder; `pos.core.log.store_copies`)."""

    def keeps(self, data_dir: Path) -> bool:
        """Whether a report keeps its cache and copies of unreadable records in `data_dir`."""
        return data_dir not in self.read_only

    def files(self, day: str, table: str) -> list[tuple[Path, Path]]:
        """The day's files of `table`, one per store and terminal, each with its data folder;
        others are named in `notices` (once)."""
        suffix = f".{table}.jsonl"
        found = []
        for data_dir in self.folders:
            folder = data_dir / "log" / day
            if not (is_folder(folder.parent) and is_folder(folder)):
                continue  # another store's day, or a link: named by `log_files`
            for path in sorted(folder.glob(f"*{suffix}")):
                terminal = path.name.removesuffix(suffix)
                if not valid_id(terminal):
                    self._notice(f"{path}: not a terminal's log file (a copy?); left out")
                elif not is_regular(path):
                    self._notice(not_regular(path))
                else:
                    found.append((data_dir, path))
        return found

    def _notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)


def log_files(folders: Path | Sequence[Path], start: date | None, until: date | None) -> LogFiles:
    """The logs' day folders from `start` to `until` (either open), compared as dates."""
    notices: list[str] = []
    result = LogFiles(
        _once([folders] if isinstance(folders, Path) else list(folders), notices), notices=notices
    )
    dated = set()
    for data_dir in result.folders:
        result.store_ids[data_dir] = folder_id(data_dir)
        why = not_kept(data_dir)
        if why is not None:
            result.notices.append(why)
            result.read_only.add(data_dir)
        log = data_dir / "log"
        if log.is_symlink():
            result.notices.append(f"{not_own_folder(log)}; not read")
            continue
        for entry in sorted(log.iterdir()) if log.is_dir() else []:
            day = day_of(entry.name)
            if day is not None and entry.is_symlink():
                result.notices.append(f"{not_own_folder(entry)}; not read")
            elif day is None or not entry.is_dir():
                result.notices.append(f"{entry}: not a day's folder (YYYY-MM-DD); left out")
            elif (start is None or day >= start) and (until is None or day <= until):
                dated.add((day, entry.name))
                cache = not_own_on_the_way(data_dir, day_folder(data_dir, entry.name))
                notice = (
                    f"{cache}: is a link or a file, not a folder of the data folder's own; reports keep "
                    "no cache there until it is moved away"
                )
                # `cache` itself is named by `not_kept`; a folder above the days' once
                if cache is not None and cache.name != CACHE and notice not in result.notices:
                    result.notices.append(notice)
    result.days = [name for _, name in sorted(dated)]
    _keep_stores_apart(result)
    return result


def _once(folders: list[Path], notices: list[str]) -> list[Path]:
    """The folders, each once however it is named (a link, a relative path), the others named."""
    seen: dict[Path, Path] = {}
    for folder in folders:
        same = folder.resolve()
        if same in seen:
            notices.append(f"{folder}: the same folder given twice (as {seen[same]}); counted once")
        else:
            seen[same] = folder
    return list(seen.values())


def _keep_stores_apart(layout: LogFiles) -> None:
    """Folders with one store id whose records differ under one name are stores of their own: each
    group of those that agree (a store and its backups) counts under its id and its first folder."""
    sharing: dict[str, list[Path]] = {}
    for folder in layout.folders:
        sharing.setdefault(layout.store_ids[folder], []).append(folder)
    for store, folders in sharing.items():
        groups: list[list[Path]] = []
        for folder in folders:
            clashes = [(group, differing(group[0], folder, layout.days)) for group in groups]
            agreeing = [group for group, count in clashes if not count]
            if agreeing:
                agreeing[0].append(folder)
                continue
            for group, count in clashes:
                layout.notices.append(
                    f"{group[0]} and {folder}: both store {store}, and {count:,} record(s) differ under "
                    "the same order: not copies of one store but two (a folder copied to set up "
                    "another?); each folder is counted as a store of its own"
                )
            groups.append([folder])
        if len(groups) > 1:
            for group in groups:
                for folder in group:
                    layout.apart[folder] = f"{store} ({group[0]})"
