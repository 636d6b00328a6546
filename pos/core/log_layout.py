"""Which files of a data folder's `log/` are the log: day folders named YYYY-MM-DD, and in them
`TERMINAL.TABLE.jsonl` regular files. Anything else (a copy, a hidden file, a link, a FIFO, a
folder that only looks like a day) is named in a notice and left alone, never read or repaired."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pos.core.files import is_regular, not_regular
from pos.core.ids import valid_id

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def day_of(name: str) -> date | None:
    """The date a day folder's name stands for; None when it is not exactly YYYY-MM-DD."""
    if not _DAY.fullmatch(name):
        return None
    try:
        return date.fromisoformat(name)
    except ValueError:
        return None


@dataclass
class LogFiles:
    folders: list[Path]
    """Data folders: one store's, or (a chain) several."""
    days: list[str] = field(default_factory=list)
    """Day folders from the start to the end asked for, in any of the data folders, oldest first."""
    notices: list[str] = field(default_factory=list)

    def files(self, day: str, table: str) -> list[tuple[Path, Path]]:
        """The day's files of `table`, one per store and terminal, each with its data folder;
        others are named in `notices` (once)."""
        suffix = f".{table}.jsonl"
        found = []
        for data_dir in self.folders:
            for path in sorted((data_dir / "log" / day).glob(f"*{suffix}")):
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
    result = LogFiles([folders] if isinstance(folders, Path) else list(folders))
    dated = set()
    for data_dir in result.folders:
        log = data_dir / "log"
        for entry in sorted(log.iterdir()) if log.is_dir() else []:
            day = day_of(entry.name)
            if day is None or not entry.is_dir() or entry.is_symlink():
                result.notices.append(f"{entry}: not a day's folder (YYYY-MM-DD); left out")
            elif (start is None or day >= start) and (until is None or day <= until):
                dated.add((day, entry.name))
    result.days = [name for _, name in sorted(dated)]
    return result
