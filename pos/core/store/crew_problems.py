"""What is wrong in a crew file that is not what pos wrote, said as a menu's problems are: the member
(its number and ID) and the field, then what is wrong with it. msgspec names the place as a path
(`Object contains unknown field `nick` - at `$.members[0]``); a manager reads `member #1 "M1", field
"nick": unknown field; expected one of "id", "name", "pin", "role"`."""

from __future__ import annotations

import re
from collections.abc import Sequence

import msgspec

from pos.core.base.text import printable

_AT = re.compile(r"(?P<what>.*?)(?: - at `\$(?P<path>[^`]*)`)?", re.DOTALL)
_PLACE = re.compile(r"(?:\.members\[(?P<index>[0-9]+)\])?(?:\.(?P<field>.+))?")
_UNKNOWN = re.compile(r"Object contains unknown field `(?P<field>[^`]*)`")


def crew_problem(error: msgspec.DecodeError, data: bytes, fields: Sequence[Sequence[str]]) -> str:
    """`error` said by member and field; `fields` lists the fields of the file, of a member and of its
    PIN, for an unknown one."""
    said = _AT.fullmatch(str(error))
    place = _PLACE.fullmatch(said["path"] or "") if said else None
    if said is None or place is None:
        return printable(str(error))
    what, field = said["what"], place["field"]
    unknown = _UNKNOWN.fullmatch(what)
    if unknown is not None:
        depth = (place["index"] is not None) + (field is not None)
        allowed = ", ".join(f'"{name}"' for name in sorted(fields[depth]))
        field = ".".join(filter(None, (field, unknown["field"])))
        what = f"unknown field; expected one of {allowed}"
    member = _member(data, int(place["index"])) if place["index"] is not None else None
    where = ", ".join(filter(None, (member, f'field "{field}"' if field else None)))
    return printable(f"{where}: {what}" if where else what)


def _member(data: bytes, index: int) -> str:
    """`member #1 "M1"`: its number, and its ID when it has one."""
    try:
        member = msgspec.json.decode(data)["members"][index]
        named = f' "{member["id"]}"' if isinstance(member["id"], str) else ""
    except (msgspec.DecodeError, LookupError, TypeError):
        named = ""
    return f"member #{index + 1}{named}"
