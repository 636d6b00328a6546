"""The crew file and the PIN check: salted scrypt hashes only, one refusal for an unknown ID and a
wrong PIN, a lock after the policy's wrong PINs that a restart keeps and the clock lifts."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pos.core.base.clock import FixedClock
from pos.core.base.errors import PosError
from pos.core.store.crew import Member, add_member, read_crew, remove_member, set_pin
from pos.core.store.pin_tries import count_wrong, locked
from pos.core.store.pins import hash_pin, pin_matches, valid_pin
from pos.core.store.settings import PinPolicy
from pos.core.store.verify import LOCKED, PIN_LOCKED, WRONG, WRONG_PIN, Crew, Refused, verify

NOON = datetime(2026, 11, 23, 12, 0)


def crew_of(data_dir: Path, clock: FixedClock | None = None) -> Crew:
    add_member(data_dir, "C7", "Ana", "cashier")
    add_member(data_dir, "M1", "Bo", "manager")
    set_pin(data_dir, "C7", hash_pin("2468"))
    set_pin(data_dir, "M1", hash_pin("2468"))
    return Crew(data_dir, PinPolicy(), clock or FixedClock(NOON))


def test_members_are_added_listed_and_removed(data_dir: Path) -> None:
    add_member(data_dir, "C7", "Ana", "cashier")
    add_member(data_dir, "M1", "Bo", "manager")
    assert [(m.id, m.name, m.role, m.pin) for m in read_crew(data_dir)] == [
        ("C7", "Ana", "cashier", None),
        ("M1", "Bo", "manager", None),
    ]
    assert remove_member(data_dir, "C7").id == "C7"
    assert [member.id for member in read_crew(data_dir)] == ["M1"]
    if os.name == "posix":
        assert (data_dir / "crew.json").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("member_id", "name", "role", "says"),
    [
        ("C 7", "Ana", "cashier", "expected 1 to 24 letters"),
        ("C7", "", "cashier", "--name"),
        ("C7", "Ana", "boss", "--role"),
        ("M1", "Ana", "cashier", "already on the crew"),
    ],
)
def test_a_bad_member_is_refused(data_dir: Path, member_id: str, name: str, role: str, says: str) -> None:
    add_member(data_dir, "M1", "Bo", "manager")
    with pytest.raises(PosError, match=says):
        add_member(data_dir, member_id, name, role)


def test_the_pin_is_a_salted_scrypt_hash_never_the_pin(data_dir: Path) -> None:
    crew_of(data_dir)
    text = (data_dir / "crew.json").read_text()
    assert "2468" not in text
    ana, bo = (json.loads(text)["members"][index]["pin"] for index in (0, 1))
    assert ana["hash"] != bo["hash"] and ana["salt"] != bo["salt"]  # one PIN, two hashes
    assert (ana["scheme"], ana["n"], ana["r"], ana["p"], len(bytes.fromhex(ana["salt"]))) == (
        "scrypt",
        2**14,
        8,
        1,
        16,
    )
    again = hashlib.scrypt(b"2468", salt=bytes.fromhex(ana["salt"]), n=2**14, r=8, p=1, dklen=32)
    assert again.hex() == ana["hash"]
    assert "2468" not in repr(read_crew(data_dir)) and ana["hash"] not in repr(read_crew(data_dir))


@pytest.mark.parametrize(
    ("pin", "valid"),
    [
        ("1234", True),
        ("123456789012", True),
        ("123", False),
        ("1234567890123", False),
        ("12a4", False),
        ("١٢٣٤", False),
    ],
)
def test_a_pin_is_4_to_12_ascii_digits(pin: str, valid: bool) -> None:
    assert valid_pin(pin) is valid


def test_the_right_pin_signs_in_and_a_wrong_one_or_an_unknown_id_is_refused_alike(data_dir: Path) -> None:
    crew = crew_of(data_dir)
    member = verify(crew, "M1", "2468")
    assert isinstance(member, Member) and member.role == "manager"
    wrong, unknown = verify(crew, "C7", "1111"), verify(crew, "C9", "2468")
    assert isinstance(wrong, Refused) and isinstance(unknown, Refused)
    assert wrong.message == unknown.message == WRONG
    assert [action for action, _ in wrong.audits] == [WRONG_PIN]
    assert not any("1111" in detail or "2468" in detail for _, detail in wrong.audits + unknown.audits)


def test_five_wrong_pins_lock_the_id_a_restart_keeps_it_and_the_minute_lifts_it(data_dir: Path) -> None:
    clock = FixedClock(NOON)
    crew = crew_of(data_dir, clock)
    results = [verify(crew, "C7", "0000") for _ in range(5)]
    assert [r.message for r in results if isinstance(r, Refused)] == [WRONG] * 4 + [LOCKED]
    assert [action for action, _ in results[-1].audits] == [WRONG_PIN, PIN_LOCKED]  # type: ignore[union-attr]
    restarted = Crew(data_dir, PinPolicy(), clock)  # another process: the lock is in the data folder
    assert verify(restarted, "C7", "2468") == Refused(LOCKED)  # the right PIN too, and nothing more counted
    assert isinstance(verify(restarted, "M1", "2468"), Member)  # only that ID
    clock.set(NOON + timedelta(seconds=59))
    assert verify(restarted, "C7", "2468") == Refused(LOCKED)
    clock.set(NOON + timedelta(seconds=60))
    assert isinstance(verify(restarted, "C7", "2468"), Member)


def test_a_right_pin_forgets_the_wrong_ones_before_it(data_dir: Path) -> None:
    crew = crew_of(data_dir)
    for _ in range(4):
        verify(crew, "C7", "0000")
    assert isinstance(verify(crew, "C7", "2468"), Member)
    assert verify(crew, "C7", "0000") == Refused(WRONG, ((WRONG_PIN, "wrong PIN; 1 of 5 in a row"),))


def test_an_unknown_id_locks_as_a_member_would(data_dir: Path) -> None:
    crew = Crew(data_dir, PinPolicy(attempts=2), FixedClock(NOON))
    assert [getattr(verify(crew, "X9", "1234"), "message", None) for _ in range(3)] == [WRONG, LOCKED, LOCKED]


def test_a_damaged_crew_file_is_named_not_a_traceback(data_dir: Path) -> None:
    (data_dir / "crew.json").write_text('{"members": [{"id": "C7", "name": "Ana", "role": "boss"}]}')
    with pytest.raises(PosError, match=r"crew\.json: .*role"):
        read_crew(data_dir)


def test_pin_matches_refuses_a_damaged_hash(data_dir: Path) -> None:
    crew_of(data_dir)
    stored = read_crew(data_dir)[0].pin
    assert stored is not None and pin_matches(stored, "2468") and not pin_matches(stored, "2469")


def _add_many(data_dir: Path, prefix: str) -> None:
    for number in range(8):
        add_member(data_dir, f"{prefix}{number}", "Crew", "cashier")


def test_two_processes_adding_at_once_lose_nobody(data_dir: Path) -> None:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_add_many, [data_dir, data_dir], ["A", "B"]))
    assert sorted(member.id for member in read_crew(data_dir)) == sorted(
        f"{p}{n}" for p in "AB" for n in range(8)
    )


def test_a_link_in_place_of_the_crew_file_is_refused(data_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"members": []}')
    (data_dir / "crew.json").symlink_to(elsewhere)
    with pytest.raises(PosError, match="not a regular file"):
        read_crew(data_dir)


def test_a_hash_costlier_than_the_bounds_is_refused_at_reading(data_dir: Path) -> None:
    crew_of(data_dir)
    document = json.loads((data_dir / "crew.json").read_text())
    document["members"][0]["pin"]["n"] = 2**20
    (data_dir / "crew.json").write_text(json.dumps(document))
    with pytest.raises(
        PosError, match=r'crew\.json: member #1 "C7", field "pin\.n": Expected `int` <= 32768'
    ):
        read_crew(data_dir)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            lambda member: member.update(nickname="Ana"),
            'member #1 "C7", field "nickname": unknown field; expected one of "id", "name", "pin", "role"',
        ),
        (
            lambda member: member["pin"].update(pepper="00"),
            'member #1 "C7", field "pin.pepper": unknown field; expected one of "hash", "n", "p", "r", '
            '"salt", "scheme"',
        ),
        (
            lambda member: member["pin"].update(salt=member["pin"]["salt"][:-1]),
            'member #1 "C7", field "pin": the salt is 31 hex digits: expected whole bytes (an even number)',
        ),
        (
            lambda member: member["pin"].update(hash=member["pin"]["hash"][:-2]),
            'member #1 "C7", field "pin": the hash is 62 hex digits: expected 64',
        ),
    ],
)
def test_a_field_pos_never_wrote_or_a_salt_no_pin_can_match_is_refused_by_member_and_field(
    data_dir: Path, change: Callable[[dict[str, Any]], None], said: str
) -> None:
    """crew.json took unknown fields, and a salt of an odd number of hex digits, with which the PIN never
    matched (its bytes could not be read): both are named by file, member and field."""
    member = {"id": "C7", "name": "Ana", "role": "cashier", "pin": {"salt": "ab" * 16, "hash": "cd" * 32}}
    change(member)
    (data_dir / "crew.json").write_text(json.dumps({"members": [member]}))
    with pytest.raises(PosError) as refused:
        read_crew(data_dir)
    assert (
        str(refused.value)
        == f"{data_dir / 'crew.json'}: {said}; not what pos wrote (restore it from a backup)"
    )


def test_an_unknown_field_of_the_file_itself_is_named(data_dir: Path) -> None:
    (data_dir / "crew.json").write_text('{"members": [], "owner": "Ana"}')
    with pytest.raises(
        PosError, match='crew\\.json: field "owner": unknown field; expected one of "members", "version"'
    ):
        read_crew(data_dir)


def test_a_hash_cost_scrypt_refuses_is_named_as_a_field_of_the_crew_file(data_dir: Path) -> None:
    """n = 1025 is within the bounds but not a power of 2: scrypt raised ValueError at sign-in, and
    the app's crash report showed the frames' values, the PIN typed among them."""
    add_member(data_dir, "M1", "Bo", "manager")
    set_pin(data_dir, "M1", hash_pin("482913"))
    path = data_dir / "crew.json"
    path.write_text(path.read_text().replace('"n": 16384', '"n": 1025'))
    with pytest.raises(PosError) as refused:
        read_crew(data_dir)
    assert "power of 2" in str(refused.value) and "482913" not in str(refused.value)


def test_tries_in_flight_when_the_lock_began_keep_it(data_dir: Path) -> None:
    """Wrong PINs checked at once on several terminals: those counted after the fifth leave the lock
    as it is (they reset it to one wrong PIN and no lock), and a right PIN in flight is refused."""
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    policy = PinPolicy()
    for _ in range(policy.attempts):
        tries = count_wrong(data_dir, "C7", now, policy, ["C7"])
    assert tries.locked_until is not None
    assert count_wrong(data_dir, "C7", now, policy, ["C7"]).locked_until == tries.locked_until
    assert locked(data_dir, "C7", now + timedelta(seconds=1), policy)
