"""The one check of an ID and its PIN, for the counter's sign-in and a manager's approval alike:
the member, or one refusal that never says whether the ID or the PIN was wrong. Wrong PINs in a
row lock the ID (`pos.core.store.pin_tries`; every ID not on the crew shares one count); each
wrong PIN and each lock is an audit event the caller logs (`Refused.audits`: the action and its
detail, never the PIN)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pos.core.base.clock import Clock
from pos.core.store.crew import Member, crew_lock, read_crew
from pos.core.store.pin_tries import NOT_ON_THE_CREW, count_wrong, forget, locked
from pos.core.store.pins import pin_matches, spend_as_long
from pos.core.store.settings import PinPolicy

WRONG = "Wrong ID or PIN"
LOCKED = "Locked after too many wrong PINs: try again later"
WRONG_PIN = "wrong_pin"
PIN_LOCKED = "pin_locked"


@dataclass(frozen=True)
class Refused:
    message: str
    audits: tuple[tuple[str, str], ...] = ()
    """What to log: each audit event's action and detail."""
    on_crew: bool = True
    """False for an ID not on the crew, which the audit log never names: it may be a PIN typed in
    the ID's place."""


@dataclass(frozen=True)
class Crew:
    """The store's crew as sign-in sees it: its data folder, its PIN policy and the clock locks run on."""

    data_dir: Path
    policy: PinPolicy
    clock: Clock


def verify(crew: Crew, member_id: str, pin: str) -> Member | Refused:
    now, data_dir = crew.clock.now(), crew.data_dir
    members = read_crew(data_dir)
    member = next((found for found in members if found.id == member_id), None)
    key = NOT_ON_THE_CREW if member is None else member_id
    with crew_lock(data_dir):
        was_locked = locked(data_dir, key, now, crew.policy)
    if was_locked:
        spend_as_long(pin)
        return Refused(LOCKED)
    if member is not None and member.pin is not None and pin_matches(member.pin, pin):
        with crew_lock(data_dir):
            if locked(data_dir, key, now, crew.policy):  # locked by tries from elsewhere while this one ran
                return Refused(LOCKED)
            forget(data_dir, key)
        return member
    if member is None or member.pin is None:
        spend_as_long(pin)
    with crew_lock(data_dir):
        return _wrong(crew, key, member, now, [found.id for found in members])


def _wrong(crew: Crew, key: str, member: Member | None, now: datetime, ids: list[str]) -> Refused:
    tries = count_wrong(crew.data_dir, key, now, crew.policy, ids)
    why = "not on the crew" if member is None else "no PIN set" if member.pin is None else "wrong PIN"
    audits = [(WRONG_PIN, f"{why}; {tries.wrong} of {crew.policy.attempts} in a row")]
    if tries.locked_until is not None:
        audits.append(
            (PIN_LOCKED, f"locked for {crew.policy.lock_seconds} s, until {tries.locked_until:%H:%M:%S}")
        )
    return Refused(WRONG if tries.locked_until is None else LOCKED, tuple(audits), member is not None)
