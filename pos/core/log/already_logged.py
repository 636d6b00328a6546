"""Which records kept aside are in the log already, so adding them again never writes one twice.

Records kept in `set-aside/T1.STAMP.unsaved` may reach the log by two ways: the writer itself, once
the disk takes them again, and a start's recovery, which a kill may stop half way. A record is in
the log when a record of its table and day there is the same in every field but its order number,
which a recovery may have changed (`pos.core.log.unsaved`): such a match also says what number its
order was given, so the rest of that order keeps it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from pos.core.log.log_layout import day_of

RENUMBERED = ("order", "issued_order")
"""The fields a recovery may change: a record matches one logged whatever they hold."""

Entry = tuple[str, dict[str, Any]]
LoggedLines = Callable[[str, date], Iterable[bytes]]
"""The lines of the terminal's log of a table and a day."""


def not_logged(entries: list[Entry], logged: LoggedLines) -> tuple[list[Entry], dict[str, str]]:
    """The entries the log does not hold yet, and the number each order was logged under, for the
    orders of those it holds."""
    seen: dict[tuple[str, date], dict[bytes, Any]] = {}
    left: list[Entry] = []
    numbers: dict[str, str] = {}
    for table, record in entries:
        day = day_of(str(record.get("ts"))[:10])
        if day is None:
            left.append((table, record))
            continue
        if (table, day) not in seen:
            seen[table, day] = _index(logged(table, day))
        found = seen[table, day].get(_key(record))
        if found is None:
            left.append((table, record))
        elif isinstance(record.get("order"), str) and isinstance(found, str):
            numbers[record["order"]] = found
    return left, numbers


def _index(lines: Iterable[bytes]) -> dict[bytes, Any]:
    index: dict[bytes, Any] = {}
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            index.setdefault(_key(record), record.get("order"))
    return index


def _key(record: dict[str, Any]) -> bytes:
    same = {field: value for field, value in record.items() if field not in RENUMBERED}
    text = json.dumps(same, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=16).digest()
