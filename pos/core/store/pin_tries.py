"""`DATA/crew-tries.json`: the wrong PINs in a row of each member's ID, and until when an ID is
locked, kept in a file so neither a restart nor another terminal clears a lock. Changed only under
the crew lock, written whole. The IDs typed that are not on the crew share one count and one lock,
under a key no ID can be (`NOT_ON_THE_CREW`): what was typed is never stored (it may be a PIN typed
in the ID's place), and a lock still tells nobody whether an ID exists. An entry idle for a day is
dropped, and so is one a member removed or an older pos left under an unknown ID. A lock that
would last longer than the policy's from now (a clock that was ahead, a hand edit) is cut to the
policy's. A file that is not what pos wrote counts from nothing again (every wrong PIN is in the
audit log)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import msgspec
from msgspec import Meta, Struct

from pos.core.base.files import read_regular, replace_whole
from pos.core.store.settings import PinPolicy

FILE = "crew-tries.json"
MOST_BYTES = 1024 * 1024
FORGOTTEN_AFTER = timedelta(days=1)
NOT_ON_THE_CREW = "?"
"""The key of every ID typed that is not on the crew (and the audit log's `cashier` for one)."""


Moment = Annotated[datetime, Meta(tz=True)]
"""As pos writes it, with its offset: one without (a hand edit) is a file pos did not write."""


class Tries(Struct, kw_only=True):
    wrong: int
    last: Moment
    locked_until: Moment | None = None

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


def read_tries(data_dir: Path) -> dict[str, Tries]:
    try:
        return msgspec.json.decode(read_regular(data_dir / FILE, MOST_BYTES), type=dict[str, Tries])
    except (FileNotFoundError, msgspec.DecodeError):
        return {}


def locked(data_dir: Path, key: str, now: datetime, policy: PinPolicy) -> bool:
    """Whether `key` is locked at `now`; a lock beyond the policy's length from now is cut to it
    (written, so it ends); under the crew lock."""
    tries = read_tries(data_dir)
    found = tries.get(key)
    if found is None or found.locked_until is None or not found.locked_at(now):
        return False
    longest = now + timedelta(seconds=policy.lock_seconds)
    if found.locked_until > longest:
        tries[key] = Tries(wrong=found.wrong, last=min(found.last, now), locked_until=longest)
        _write(data_dir, tries)
    return True


def count_wrong(data_dir: Path, key: str, now: datetime, policy: PinPolicy, crew: Collection[str]) -> Tries:
    """One more wrong PIN for `key` (a lock passed counts from nothing), with the other entries of
    the `crew`'s IDs and of `NOT_ON_THE_CREW` younger than a day; under the crew lock."""
    tries = {
        kept: value
        for kept, value in read_tries(data_dir).items()
        if (kept in crew or kept == NOT_ON_THE_CREW) and now - value.last < FORGOTTEN_AFTER
    }
    before = tries.get(key)
    if before is not None and before.locked_at(now):  # a try that was in flight when the lock began
        return before
    wrong = 1 if before is None or before.locked_until is not None else before.wrong + 1
    until = now + timedelta(seconds=policy.lock_seconds) if wrong >= policy.attempts else None
    tries[key] = Tries(wrong=wrong, last=now, locked_until=until)
    _write(data_dir, tries)
    return tries[key]


def forget(data_dir: Path, key: str) -> None:
    """A right PIN: the wrong ones before it no longer count; under the crew lock."""
    tries = read_tries(data_dir)
    if tries.pop(key, None) is not None:
        _write(data_dir, tries)


def _write(data_dir: Path, tries: dict[str, Tries]) -> None:
    replace_whole(data_dir / FILE, msgspec.json.encode(tries) + b"\n")
