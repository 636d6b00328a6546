"""`DATA/crew.json`: who may sign in, in which role, and each one's PIN as a salted hash
(`pos.core.store.pins`); never the PIN. Every change is made under `crew.lock` and written whole
(`replace_whole`: a crash leaves the old file or the new one), so two managers at two terminals
at once lose neither change. Read afresh at each sign-in: a member removed cannot sign in again."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct

from pos.core.base.errors import DataFolderError, PosError
from pos.core.base.files import lock_file, read_regular, replace_whole, wait_lock
from pos.core.base.ids import CASHIER_RULE, valid_id
from pos.core.base.text import printable
from pos.core.store.crew_problems import crew_problem
from pos.core.store.pins import PinHash

FILE = "crew.json"
LOCK = "crew.lock"
MOST_BYTES = 4 * 1024 * 1024
MOST_MEMBERS = 5000
NAME_LENGTH = 40
Role = Literal["cashier", "manager"]
ROLES: tuple[Role, ...] = ("cashier", "manager")


class Member(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Annotated[str, Meta(pattern="^[A-Za-z0-9_-]{1,24}$")]
    name: Annotated[str, Meta(min_length=1, max_length=NAME_LENGTH)]
    role: Role
    pin: PinHash | None = None
    """None until `pos crew pin` sets it: until then the member cannot sign in where PINs are asked."""


class CrewFile(Struct, kw_only=True, forbid_unknown_fields=True):
    version: Literal[1] = 1
    members: Annotated[list[Member], Meta(max_length=MOST_MEMBERS)]


class CrewError(PosError):
    """A crew file that is not what pos wrote, or a change that cannot be made."""


def has_crew(data_dir: Path) -> bool:
    """Whether the store has a crew (then sign-in asks PINs, as its settings say): a crew file with
    a member in it. One that is damaged is said (CrewError), so the counter does not start open."""
    return bool(read_crew(data_dir))


def read_crew(data_dir: Path) -> list[Member]:
    """The members, in the order they were added; none when there is no crew file."""
    path = data_dir / FILE
    try:
        data = read_regular(path, MOST_BYTES)
    except FileNotFoundError:
        return []
    try:
        members = msgspec.json.decode(data, type=CrewFile).members
    except msgspec.DecodeError as error:  # ValidationError too: it names the member and field
        fields = (CrewFile.__struct_fields__, Member.__struct_fields__, PinHash.__struct_fields__)
        raise CrewError(
            f"{path}: {crew_problem(error, data, fields)}; not what pos wrote (restore it from a backup)"
        ) from None
    ids = [member.id for member in members]
    if len(set(ids)) != len(ids):
        raise CrewError(f"{path}: an ID is listed twice; not what pos wrote (restore it from a backup)")
    return [  # a name written by hand shows as `pos crew add` keeps one
        member if member.name.isprintable() else msgspec.structs.replace(member, name=printable(member.name))
        for member in members
    ]


@contextlib.contextmanager
def crew_lock(data_dir: Path) -> Iterator[None]:
    """Held while the crew file or the PIN tries change (`pos.core.store.pin_tries`)."""
    with lock_file(data_dir / LOCK) as handle:
        wait_lock(handle)
        yield


def add_member(data_dir: Path, member_id: str, name: str, role: str) -> Member:
    _check_id(member_id)
    name = printable(name.strip())
    if not name or len(name) > NAME_LENGTH:
        raise CrewError(f"--name: expected 1 to {NAME_LENGTH} characters, got {name!r}")
    if role not in ROLES:
        raise CrewError(f"--role: expected cashier or manager, got {role!r}")
    member = Member(id=member_id, name=name, role=role)  # checked above
    with crew_lock(data_dir):
        members = read_crew(data_dir)
        if any(other.id == member_id for other in members):
            raise CrewError(f"{member_id}: already on the crew (pos crew remove {member_id} first)")
        if len(members) >= MOST_MEMBERS:
            raise CrewError(f"the crew is full ({MOST_MEMBERS} members)")
        _write(data_dir, [*members, member])
    return member


def remove_member(data_dir: Path, member_id: str) -> Member:
    with crew_lock(data_dir):
        members = read_crew(data_dir)
        member = _find(members, member_id)
        _write(data_dir, [other for other in members if other is not member])
    return member


def set_pin(data_dir: Path, member_id: str, pin: PinHash) -> Member:
    with crew_lock(data_dir):
        members = read_crew(data_dir)
        member = msgspec.structs.replace(_find(members, member_id), pin=pin)
        _write(data_dir, [member if other.id == member_id else other for other in members])
    return member


def find_member(data_dir: Path, member_id: str) -> Member:
    return _find(read_crew(data_dir), member_id)


def _find(members: list[Member], member_id: str) -> Member:
    _check_id(member_id)
    found = next((member for member in members if member.id == member_id), None)
    if found is None:
        raise CrewError(f"{member_id}: not on the crew (pos crew list shows who is)")
    return found


def _check_id(member_id: str) -> None:
    if not valid_id(member_id):
        raise CrewError(f"ID {printable(member_id)!r}: expected {CASHIER_RULE}")


def _write(data_dir: Path, members: list[Member]) -> None:
    try:
        replace_whole(
            data_dir / FILE, msgspec.json.format(msgspec.json.encode(CrewFile(members=members))) + b"\n"
        )
    except DataFolderError:
        raise
    except OSError as error:
        raise CrewError(
            f"{data_dir / FILE}: cannot write it ({error.strerror}); the crew is as it was"
        ) from None
