"""The first free terminal of a pool (WEB1, WEB2, …): each browser session of `pos serve`
runs its own process, and each logs as a terminal of its own."""

from __future__ import annotations

from pathlib import Path

from pos.core.base.errors import DataFolderError, TerminalTaken
from pos.core.log.eventlog import EventLog
from pos.core.log.menu_stamp import MenuStamp

POOL_SIZE = 99


def open_free_terminal(data_dir: Path, prefix: str, menu: MenuStamp | None = None) -> EventLog:
    """Taking the lock is the test of free: two sessions starting at once never share a terminal."""
    for number in range(1, POOL_SIZE + 1):
        try:
            return EventLog(data_dir, f"{prefix}{number}", menu=menu)
        except TerminalTaken:
            continue
    raise DataFolderError(
        f"data folder {data_dir}: terminals {prefix}1 to {prefix}{POOL_SIZE} are all in use; "
        "close a session or serve with another --terminal"
    )
