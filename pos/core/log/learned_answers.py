"""The answers to a store's learned choices (`choose = "learn"`), read from its own log: every
terminal's prompt files, so the terminals of a store learn from one another and nothing but the
log is kept.

A thread started with the counter reads every day's files once, a closed day's (before yesterday)
as the cache's tally of it when it was counted from those very files (`pos.core.log.learned_tallies`),
else from its files, its tally then kept. The first choice waits for it (the counter's start does
not: a busy store's year, its tallies kept, takes it a few tens of milliseconds, and one to two
seconds the first time, `benchmarks/learned_choice.py`), and every choice then
reads what was appended since to the files of today and yesterday, any terminal's, a new one's
too: an answer given at the next till a moment ago counts. Only the line of a learned prompt (one
that names `candidates`) is decoded, strictly (`pos.core.base.events.decoder`); only a live
answer counts (accepted or declined: a drill, a skip or a chance held out says nothing of the
customer), once (a record written twice, by its order and `seq`). A file whose size, mtime and ctime
are those of its last reading is not read at all. A file replaced (another inode), shorter than what
was read, or written over in place (its first 4 KB, or the 4 KB before where its reading stopped,
are not what was read: `cp backup T2.prompts.jsonl`) is read again from its start, what it had
taught taken back; written over as large within the clock's tick of its last reading, it is seen so
at its next write. An older day's file that grows while the counter runs (a clock set back) is read
at its next start.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

import msgspec

from pos.core.base.bounded_lines import lines_holding
from pos.core.base.clock import Clock
from pos.core.base.errors import DataFolderError, PosError
from pos.core.base.events import ChoiceContext, Mode, Outcome, PromptEvent, decoder
from pos.core.base.files import open_regular
from pos.core.log import learned_tallies
from pos.core.log.eventlog import PROMPTS
from pos.core.log.learned_tallies import Taught
from pos.core.log.log_layout import LogFiles, log_files
from pos.core.selling.learned_choice import FIRST_ALLOWED, Answers, Choosing, Learning
from pos.core.selling.menu import Menu

_LEARNED = b'"candidates":'
"""What the line of a learned prompt holds, and no other record's."""
_ANSWERED = {Outcome.ACCEPTED: True, Outcome.DECLINED: False}


BLOCK = 4096
"""The bytes at a file's start and before where its reading stopped that tell it is still the file
read: rewritten in place (`cp backup T2.prompts.jsonl`: the same inode, as large or larger), they
differ."""


@dataclass
class _Read:
    """How far a file was read, and (while it may still grow) what it taught."""

    identity: tuple[int, int]
    end: int = 0
    seal: bytes = b""
    """A hash of its first `BLOCK` bytes and of the `BLOCK` before `end`."""
    stamp: tuple[int, int, int] = (0, 0, 0)
    """Its size, mtime_ns and ctime_ns when last read: while they stay, nothing was written."""
    taught: Counter[Taught] = field(default_factory=Counter)
    seen: set[tuple[str, int]] = field(default_factory=set)
    damaged: int | None = None
    """The file's size when reading stopped at damage: not read again while it stays so."""


class StoreAnswers:
    def __init__(self, data_dir: Path, clock: Clock) -> None:
        self._data_dir = data_dir
        self._clock = clock
        self._answers = Answers()
        self._reads: dict[Path, _Read] = {}
        """The files of the days still read at each choice."""
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._decode = decoder(PromptEvent).decode

    def start(self) -> StoreAnswers:
        """Reads the whole log in the background (`answers` waits for it once)."""
        threading.Thread(target=self._catch_up, name="learned answers", daemon=True).start()
        return self

    def answers(self) -> Answers:
        """Every answer the log holds now (what could be read: a folder that cannot be listed now
        leaves the answers as they were, and the choice is made all the same)."""
        self._ready.wait()
        with self._lock, contextlib.suppress(OSError, PosError):
            days = self._open_days()
            layout = LogFiles([self._data_dir])
            for path in [path for day in days for _, path in layout.files(day, PROMPTS)]:
                self._read(path, growing=True)
            for path in [path for path in self._reads if path.parent.name not in days]:
                del self._reads[path]  # a day gone by: read to its end, no longer looked at
        return self._answers

    def _catch_up(self) -> None:
        try:
            with self._lock, contextlib.suppress(OSError, PosError):  # never a traceback over the screen
                layout = log_files(self._data_dir, None, None)
                days = self._open_days()
                tallies = learned_tallies.Tallies(self._data_dir)
                for day in layout.days:
                    paths = [path for _, path in layout.files(day, PROMPTS)]
                    if day in days:
                        for path in paths:
                            self._read(path, growing=True)
                    else:
                        self._closed_day(tallies, day, paths)
        finally:
            self._ready.set()

    def _closed_day(self, tallies: learned_tallies.Tallies, day: str, paths: list[Path]) -> None:
        """A day no terminal writes to any more: its tally from the cache when it was counted from
        these very files, else counted from them and kept for the next start."""
        before = learned_tallies.sources(paths)
        if before is not None and (taught := tallies.kept(day, before)) is not None:
            self._teach(taught, 1)
            return
        counted: Counter[Taught] = Counter()
        for path in paths:
            counted.update(self._read(path, growing=False))
        if before is not None and learned_tallies.sources(paths) == before:  # none written while read
            tallies.keep(day, before, counted)

    def _open_days(self) -> set[str]:
        """Today's and yesterday's day folders: those still written to (an order across midnight)."""
        today = self._clock.now().date()
        return {today.isoformat(), (today - timedelta(days=1)).isoformat()}

    def _read(self, path: Path, growing: bool) -> Counter[Taught]:
        """What was appended since the last read (all of it, the first time or when it is not the file
        read before), taught and returned; what it teaches kept apart while the file may grow."""
        try:
            handle = os.fdopen(open_regular(path), "rb")  # never a link, a FIFO or a device
        except (OSError, DataFolderError):
            return Counter()  # gone, unreadable, or not a file of the log's: the reports name it
        with handle:
            stat = os.fstat(handle.fileno())
            identity = (stat.st_dev, stat.st_ino)
            stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
            known = self._reads.get(path)
            if known is not None and known.identity == identity and known.stamp == stamp:
                return Counter()  # not written since: most choices
            same = (
                known is not None
                and known.identity == identity
                and stat.st_size >= known.end
                and _seal(handle, known.end) == known.seal
            )
            read = known if same else None
            if read is not None and read.damaged == stat.st_size:
                return Counter()
            # up to any damage: nothing past it is read (a terminal's start sets it aside)
            end, learned, damaged = lines_holding(handle, _LEARNED, read.end if read else 0)
            seal = _seal(handle, end) if read is None or end != read.end else read.seal
        if read is None:  # another file now: what the one read before taught is taken back
            if known is not None:
                self._teach(known.taught, -1)
            read = _Read(identity)
        read.end, read.seal, read.stamp = end, seal, stamp
        read.damaged = stat.st_size if damaged else None
        fresh: Counter[Taught] = Counter(taught for line in learned if (taught := self._taught(line, read)))
        self._teach(fresh, 1)
        if growing:
            read.taught.update(fresh)
            self._reads[path] = read
        return fresh

    def _taught(self, line: bytes, read: _Read) -> Taught | None:
        """What a learned prompt's line teaches: a live answer, once."""
        try:
            event = self._decode(line)
        except (msgspec.ValidationError, msgspec.DecodeError):
            return None  # left out, as the reports leave it out
        answer = _ANSWERED.get(event.outcome)
        name = (event.order, event.seq)
        if event.mode is not Mode.LIVE or answer is None or event.rule is None or name in read.seen:
            return None
        if not isinstance(event.context, ChoiceContext):
            return None
        read.seen.add(name)
        return event.rule, event.context, event.offer, answer

    def _teach(self, taught: Counter[Taught], sign: int) -> None:
        for (rule, context, offer, accepted), count in taught.items():
            self._answers.add(rule, context, offer, accepted, sign * count)


def _seal(handle: BinaryIO, end: int) -> bytes:
    """What tells the file read up to `end` from another written over it: a hash of its first
    `BLOCK` bytes and of the `BLOCK` before `end` (the whole of a smaller file)."""
    digest = hashlib.blake2b(digest_size=16)
    handle.seek(0)
    digest.update(handle.read(min(end, BLOCK)))
    if end > BLOCK:
        handle.seek(max(BLOCK, end - BLOCK))
        digest.update(handle.read(end - max(BLOCK, end - BLOCK)))
    return digest.digest()


def store_choosing(menu: Menu, data_dir: Path, clock: Clock, mode: Mode) -> Choosing:
    """How a counter on `menu` chooses a learned rule's offer: from the store's answers when live; the
    first allowed in training (a drill shows the same offer every time)."""
    if mode is not Mode.LIVE or not menu.learned:
        return FIRST_ALLOWED
    return Learning(StoreAnswers(data_dir, clock).start())
