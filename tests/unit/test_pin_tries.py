"""`crew-tries.json`: an ID typed that is not on the crew is never stored as typed (it may be a PIN
typed in the ID's place): every such ID shares one count and one lock; an older file's entries under
unknown IDs go at the next write; a lock beyond the policy's length from now (a clock that was ahead,
a hand edit) is cut to that length, and ends."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pos.core.base.clock import FixedClock
from pos.core.store.crew import Member
from pos.core.store.pin_tries import FILE, NOT_ON_THE_CREW, read_tries
from pos.core.store.settings import PinPolicy
from pos.core.store.verify import LOCKED, WRONG, Crew, verify
from tests.support.crew_folder import CASHIER_PIN, MANAGER_PIN, with_crew

NOON = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_an_unknown_id_is_counted_under_one_key_never_as_typed(data_dir: Path) -> None:
    crew = Crew(with_crew(data_dir), PinPolicy(attempts=3), FixedClock(NOON))
    said = [getattr(verify(crew, typed, "1111"), "message", None) for typed in (MANAGER_PIN, "X9", "Y1")]
    assert said == [WRONG, WRONG, LOCKED], "every unknown ID shares the count: a lock tells nothing"
    stored = (data_dir / FILE).read_text()
    assert MANAGER_PIN not in stored and "X9" not in stored
    assert list(read_tries(data_dir)) == [NOT_ON_THE_CREW]
    assert isinstance(verify(crew, "C7", CASHIER_PIN), Member), "a member is never locked by them"


def test_an_older_file_s_unknown_ids_go_at_the_next_write(data_dir: Path) -> None:
    crew = Crew(with_crew(data_dir), PinPolicy(), FixedClock(NOON))
    entry = {"wrong": 1, "last": NOON.isoformat()}
    (data_dir / FILE).write_text(json.dumps({MANAGER_PIN: entry, "C7": entry}))
    verify(crew, "M1", "1111")
    assert sorted(read_tries(data_dir)) == ["C7", "M1"]


def test_a_lock_beyond_the_policy_s_length_is_cut_to_it_and_ends(data_dir: Path) -> None:
    clock = FixedClock(NOON)
    crew = Crew(with_crew(data_dir), PinPolicy(lock_seconds=60), clock)
    ahead = (NOON + timedelta(days=30)).isoformat()
    (data_dir / FILE).write_text(json.dumps({"C7": {"wrong": 5, "last": ahead, "locked_until": ahead}}))
    assert getattr(verify(crew, "C7", CASHIER_PIN), "message", None) == LOCKED
    assert read_tries(data_dir)["C7"].locked_until == NOON + timedelta(seconds=60)
    clock.set(NOON + timedelta(seconds=60))
    assert isinstance(verify(crew, "C7", CASHIER_PIN), Member)


def test_a_time_without_its_offset_counts_from_nothing_never_a_traceback(data_dir: Path) -> None:
    crew = Crew(with_crew(data_dir), PinPolicy(), FixedClock(NOON))
    naive = (NOON + timedelta(days=30)).replace(tzinfo=None).isoformat()
    (data_dir / FILE).write_text(json.dumps({"C7": {"wrong": 5, "last": naive, "locked_until": naive}}))
    assert isinstance(verify(crew, "C7", CASHIER_PIN), Member)
