"""`DATA/crew-tries.json`: the wrong PINs in a row of each ID typed, and until when an ID is locked,
kept in a file so neither a restart nor another terminal clears a lock. Changed only under the
crew lock, written whole. An unknown ID is counted and locked as a member's is, so a lock tells
nobody the ID exists; an entry idle for a day is dropped, so typing IDs at random cannot grow it.
A file that is not what pos wrote counts from nothing again (every wrong PIN is in the audit log)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import msgspec
from msgspec import Struct

from pos.core.base.files import read_regular, replace_whole
from pos.core.store.settings import PinPolicy

FILE = "crew-tries.json"
MOST_BYTES = 1024 * 1024
FORGOTTEN_AFTER = timedelta(days=1)


class Tries(Struct, kw_only=True):
    wrong: int
    last: datetime
    locked_until: datetime | None = None

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


def read_tries(data_dir: Path) -> dict[str, Tries]:
    try:
        return msgspec.json.decode(read_regular(data_dir / FILE, MOST_BYTES), type=dict[str, Tries])
    except (FileNotFoundError, msgspec.DecodeError):
        return {}


def locked(data_dir: Path, member_id: str, now: datetime) -> bool:
    found = read_tries(data_dir).get(member_id)
    return found is not None and found.locked_at(now)


def count_wrong(data_dir: Path, member_id: str, now: datetime, policy: PinPolicy) -> Tries:
    """One more wrong PIN for `member_id` (a lock passed counts from nothing); under the crew lock."""
    tries = {key: value for key, value in read_tries(data_dir).items() if now - value.last < FORGOTTEN_AFTER}
    before = tries.get(member_id)
    if before is not None and before.locked_at(now):  # a try that was in flight when the lock began
        return before
    wrong = 1 if before is None or before.locked_until is not None else before.wrong + 1
    until = now + timedelta(seconds=policy.lock_seconds) if wrong >= policy.attempts else None
    tries[member_id] = Tries(wrong=wrong, last=now, locked_until=until)
    _write(data_dir, tries)
    return tries[member_id]


def forget(data_dir: Path, member_id: str) -> None:
    """A right PIN: the wrong ones before it no longer count; under the crew lock."""
    tries = read_tries(data_dir)
    if tries.pop(member_id, None) is not None:
        _write(data_dir, tries)


def _write(data_dir: Path, tries: dict[str, Tries]) -> None:
    replace_whole(data_dir / FILE, msgspec.json.encode(tries) + b"\n")
