"""What a closed day's prompt files taught the learned choices, kept in the data folder's cache
(`cache/learned/DAY.json`), so a counter's start reads a year of history in a few milliseconds
instead of its every file (`pos.core.log.learned_answers`).

A tally is the day's answers to learned prompts, counted by rule, context, offer and answer, with the
identity (size, mtime_ns, ctime_ns, inode) of each prompt file it was counted from, under the sha256
of its own bytes. It is trusted only when the day's prompt files are those it names, each with its
identity, and its bytes have its checksum: a file written since (a clock set back, an edit, a backup
copied over it) or a tally damaged or written by hand is read from the log again and counted anew.
Derived, so deleting it loses nothing; never kept where a report keeps nothing (`pos.core.log.derived`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections import Counter
from pathlib import Path

import msgspec

from pos.core.base.errors import PosError
from pos.core.base.events import ChoiceContext, Code, Count, Text
from pos.core.base.files import is_regular, own_folder, read_regular, replace_whole
from pos.core.log.derived import CACHE, Identity, identity, not_own_on_the_way

VERSION = 1
"""Bumped whenever what a tally counts changes, so every older one is counted again."""
MOST = 4 << 20
"""A day's tally is a few kilobytes (a rule's few dozen contexts, a few offers each): a larger file
is not one pos wrote."""

Taught = tuple[str, ChoiceContext, str, bool]
"""An answer: the rule's id, the context, the offer's code and whether it was a yes."""


class _Tally(msgspec.Struct, forbid_unknown_fields=True):
    version: int
    sources: list[tuple[str, Identity]]
    """Each prompt file of the day, with its identity when it was counted."""
    taught: list[tuple[Text, ChoiceContext, Code, bool, Count]]


def tally_path(data_dir: Path, day: str) -> Path:
    return data_dir / CACHE / "learned" / f"{day}.json"


def sources(paths: list[Path]) -> list[tuple[str, Identity]] | None:
    """Each file's name and identity now; None when one cannot be looked at."""
    try:
        return [(path.name, identity(os.stat(path, follow_symlinks=False))) for path in paths]
    except OSError:
        return None


class Tallies:
    """The closed days' tallies of a data folder, for one start: kept only where its cache is its own
    (looked at once: no link, no file on the way)."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._usable = not_own_on_the_way(data_dir, tally_path(data_dir, "").parent) is None

    def kept(self, day: str, now: list[tuple[str, Identity]]) -> Counter[Taught] | None:
        """The day's tally, when it was counted from the files `now` names as they are; else None."""
        if not self._usable:
            return None
        try:
            data = read_regular(tally_path(self._data_dir, day), MOST)
        except (OSError, PosError):
            return None
        checksum, _, body = data.partition(b"\n")
        if checksum != hashlib.sha256(body).hexdigest().encode():
            return None
        try:
            tally = msgspec.json.decode(body, type=_Tally)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        if tally.version != VERSION or tally.sources != now:
            return None
        return Counter(
            {(rule, context, offer, yes): count for rule, context, offer, yes, count in tally.taught}
        )

    def keep(self, day: str, counted: list[tuple[str, Identity]], taught: Counter[Taught]) -> None:
        """The day's tally, counted from the files `counted` names; nothing where the cache cannot be
        kept (a link on the way, a folder that cannot be written)."""
        if not self._usable:
            return
        path = tally_path(self._data_dir, day)
        tally = _Tally(VERSION, counted, [(*answer, count) for answer, count in taught.items() if count > 0])
        body = msgspec.json.encode(tally)
        with contextlib.suppress(OSError, PosError):  # kept nothing: the next start counts the day again
            own_folder(path.parent.parent)
            own_folder(path.parent)
            for stale in path.parent.glob(f".{path.name}.*"):  # a write a kill cut short
                if is_regular(stale):
                    stale.unlink(missing_ok=True)
            replace_whole(path, hashlib.sha256(body).hexdigest().encode() + b"\n" + body, sync=False)
