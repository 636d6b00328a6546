"""A day's close, recorded once: `closes/YYYY-MM-DD.json` in the data folder holds the figures as they
were at the close (`pos.core.analytics.day_figures`), who closed and the cash counted. Closing again
(`again`) keeps the first and adds `closes/YYYY-MM-DD.2.json`, then `.3` ...

Crash-safe and once: the record is written whole and flushed under a temporary name, then linked to
its name in one step that fails when a close has that name already. A kill before the link leaves
no close (the figures are the log's, untouched: closing again counts them once); after it, the close
is whole. Two terminals closing at once: one records, the other is told the day is closed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any, Literal

import msgspec
from msgspec import Struct

from pos.core.analytics.close_files import CLOSES, close_path
from pos.core.analytics.day_figures import DayFigures, Figures
from pos.core.analytics.drawer_counts import to_count
from pos.core.base.errors import PosError
from pos.core.base.files import fsync_folder, is_regular, own_folder, read_regular

MOST_CLOSES = 99
"""Closes of one day: more is a script gone wrong."""
MOST_BYTES = 4 * 1024 * 1024


class CloseError(PosError):
    """A close record that is not what pos wrote, or a close that cannot be made."""


class SinceClose(Struct, kw_only=True):
    """What a reading (or a close made again) holds that the day's last close did not: the sales after
    it. That close's own record never changes."""

    closed_at: str
    closed_by: str | None
    number: int
    figures: Figures
    """The store's figures since that close: the reading's less the close's."""


class DayClose(Struct, kw_only=True):
    version: Literal[1] = 1
    kind: Literal["close", "x"]
    """A close, or an X reading (a mid-shift reading that closes nothing)."""
    taken_at: str
    """When: ISO 8601 local time with its UTC offset."""
    closed_by: str | None
    """The manager's ID; None where the store has no crew."""
    counted: int | None
    """The cash counted in the drawers, minor units (the store's: `counted_by` added up); None when
    not counted (an X reading)."""
    figures: DayFigures
    number: int = 1
    """The day's first close is 1; a close made again is 2, 3 ..."""
    since_close: SinceClose | None = None
    """Taken after the day was closed: what came since its last close; None while the day is open."""
    counted_by: dict[str, int] = msgspec.field(default_factory=dict)
    """Each terminal's drawer counted, by terminal (`pos.core.analytics.drawer_counts`); none in a
    close that counted the store's cash as one (an older one, or a day no terminal took cash)."""
    store_name: str | None = None
    """The store's name, as its receipts print it (`pos.core.analytics.day_store`); None in an older
    close, or a day that recorded no menu."""

    @property
    def uncounted(self) -> list[str]:
        """The terminals whose drawers were to be counted and were not (a close at one terminal)."""
        if not self.counted_by:
            return []
        return [name for name in to_count(self.figures) if name not in self.counted_by]

    @property
    def difference(self) -> int | None:
        """Counted less expected, for the store: short below zero, over above; None while a drawer is
        not counted."""
        if self.counted is None or self.uncounted:
            return None
        return self.counted - self.figures.store.expected_cash

    def drawer_difference(self, terminal: str) -> int | None:
        """A terminal's drawer counted less its expected cash; None when it was not counted."""
        counted = self.counted_by.get(terminal)
        return None if counted is None else counted - self.figures.terminals[terminal].expected_cash


def refuse_future(day: date, today: date) -> None:
    """Raises CloseError for a day after `today`: closed before it began, every sale of it would be
    after its close."""
    if day > today:
        raise CloseError(f"{day} is after today ({today}): a day is closed once it has begun, not before")


def record_close(data_dir: Path, close: DayClose, again: bool = False) -> tuple[DayClose, bool]:
    """Records `close` as the day's first close, or (`again`) as its next: the close as recorded, and
    True. A day closed already and not `again`: its first close, and False (nothing recorded). Raises
    CloseError for a day after the one it was taken on."""
    refuse_future(close.figures.day, date.fromisoformat(close.taken_at[:10]))
    found = closes(data_dir, close.figures.day)
    if found and not again:
        return found[0], False
    for number in range(len(found) + 1, MOST_CLOSES + 1):
        numbered = msgspec.structs.replace(close, number=number)
        if _link(data_dir, close_path(data_dir, close.figures.day, number), as_json(numbered)):
            return numbered, True
        if not again:  # closed meanwhile (another terminal): that close stands
            return closes(data_dir, close.figures.day)[0], False
    raise CloseError(f"{close.figures.day}: closed {MOST_CLOSES} times already; no more")


def since_last_close(data_dir: Path, figures: DayFigures) -> SinceClose | None:
    """What the day's `figures`, taken now, hold since its last close; None while it has none."""
    found = closes(data_dir, figures.day)
    if not found:
        return None
    last = found[-1]
    since = figures.store - last.figures.store
    return SinceClose(closed_at=last.taken_at, closed_by=last.closed_by, number=last.number, figures=since)


def closes(data_dir: Path, day: date) -> list[DayClose]:
    """The day's closes, first first."""
    found: list[DayClose] = []
    folder = data_dir / CLOSES
    if not os.path.lexists(folder):
        return found
    own_folder(folder)  # never a link out of the data folder, nor a file
    for number in range(1, MOST_CLOSES + 1):
        path = close_path(data_dir, day, number)
        if not os.path.lexists(path):
            break
        if not is_regular(path):
            raise CloseError(f"{path}: not a close pos wrote (a link, a folder or a FIFO); move it away")
        try:
            found.append(msgspec.json.decode(read_regular(path, MOST_BYTES), type=DayClose))
        except (msgspec.ValidationError, msgspec.DecodeError) as error:
            raise CloseError(f"{path}: not a close pos wrote ({error}); left as it is") from None
    return found


def as_json(close: DayClose) -> bytes:
    """The close with what it works out (each figure's expected cash, each drawer counted's difference,
    the store's expected cash and difference)."""
    document: dict[str, Any] = msgspec.to_builtins(close)
    for name, figures in close.figures.terminals.items():
        document["figures"]["terminals"][name]["expected_cash"] = figures.expected_cash
        if name in close.counted_by:
            document["figures"]["terminals"][name]["difference"] = close.drawer_difference(name)
    document["store"] = _with_expected(close.figures.store)
    document["difference"] = close.difference
    return msgspec.json.format(msgspec.json.encode(document), indent=2) + b"\n"


def _with_expected(figures: Figures) -> dict[str, Any]:
    document: dict[str, Any] = msgspec.to_builtins(figures)
    document["expected_cash"] = figures.expected_cash
    return document


def _link(data_dir: Path, path: Path, content: bytes) -> bool:
    """`content` as `path`, whole or not at all; False (nothing written) when `path` exists."""
    folder = own_folder(data_dir / CLOSES)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")  # owner-only
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp, path)
        except FileExistsError:
            return False
        fsync_folder(folder)
        return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
