"""A redemption and its order stand or fall together. A code's redemption reaches the store's
ledger first, then its `redeemed` event the terminal's log, then the open order holding its line
`open/T1.json`, and at last the order's record; a kill in between leaves a code used up by an
order that never was. At the terminal's next start (the open order left on disk already recorded
as voided, with its lines), each redemption of the terminal's that the ledger took since the last
start settled it stands only when an order record of the log holds the redeemed line: a line, a
voided line or a meal's component whose `prompt` is the `seq` of the code's `redeemed` event. Any
other is undone: the code may be redeemed again, and a notice says so. The order numbers the
ledgers name, live and training alike (one numbering), are never given to another order.

How far the ledger was settled is kept in `codes/T1.settled` (its count of records), so a start
looks only at what the ones before it left, however long the ledger; a folder without it (an
older version's, or the file lost) has its last few looked at, as that version did.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import suppress
from datetime import date, timedelta
from typing import Any

from pos.core.base.bounded_lines import lines_of
from pos.core.base.events import Outcome
from pos.core.codes.codes import Codes
from pos.core.log.eventlog import ORDERS, PROMPTS, EventLog
from pos.core.log.log_layout import own_log_file
from pos.core.log.orphan_orders import record_orphan_orders
from pos.core.log.storage import SUFFIX


def settle_redemptions(log: EventLog, *ledgers: Codes) -> list[str]:
    """Number the terminal's next orders past every order the `ledgers` name; record as voided each
    order whose events have no record (`record_orphan_orders`); undo each of its redemptions since
    the last start that no order record of its log holds; a notice for each."""
    for codes in ledgers:
        for order in codes.last_orders(log.terminal):
            log.number_past(order)
    notices = record_orphan_orders(log)
    return notices + [notice for codes in ledgers for notice in _settle(log, codes)]


def _settle(log: EventLog, codes: Codes) -> list[str]:
    redeemed, read = codes.unsettled(log.terminal)
    notices = []
    for code, (order, day) in redeemed.items():
        if not _held(log, code, order, day):
            codes.undo(code, order)
            notices.append(
                f"code {code} was redeemed by order {order}, which no record holds (pos stopped before "
                "the order was kept): the redemption is undone, and the code may be redeemed again"
            )
    codes.keep_settled(log.terminal, read)
    return notices


def _held(log: EventLog, code: str, order: str, redeemed: str) -> bool:
    day = _day_of(order)
    if day is None:
        return True  # not an order number this terminal gives: not ours to undo
    last = day + timedelta(days=1)  # an order may close after midnight
    with suppress(ValueError):  # an order numbered on a Friday may be keyed on the Monday
        last = max(last, date.fromisoformat(redeemed) + timedelta(days=1))
    days = [day + timedelta(days=n) for n in range(min((last - day).days, 31) + 1)]
    seqs = {
        event.get("seq")
        for event in _records(log, days, PROMPTS, order)
        if event.get("code") == code and event.get("outcome") == Outcome.REDEEMED
    }
    return any(_holds(record, seqs) for record in _records(log, days, ORDERS, order))


def _records(log: EventLog, days: list[date], table: str, order: str) -> Iterator[dict[str, Any]]:
    """The order's records in the terminal's files of those days."""
    needle = f'"order":"{order}"'.encode()
    for day in days:
        path = own_log_file(log.data_dir, day, f"{log.terminal}.{table}{SUFFIX}")
        if path is None:
            continue
        for line in lines_of(path):
            if needle in line:
                with suppress(ValueError):
                    record = json.loads(line)
                    if isinstance(record, dict) and record.get("order") == order:
                        yield record


def _holds(record: dict[str, Any], seqs: set[object]) -> bool:
    """Whether a line of the record (kept or voided, or a meal's component) is a prompt's of `seqs`."""
    lines = [*_listed(record.get("lines")), *_listed(record.get("voided_lines"))]
    while lines:
        line = lines.pop()
        if line.get("prompt") in seqs:
            return True
        lines += _listed(line.get("components"))
    return False


def _listed(value: object) -> list[dict[str, Any]]:
    return [each for each in value if isinstance(each, dict)] if isinstance(value, list) else []


def _day_of(order: str) -> date | None:
    """The day of `T1-20261123-0042`."""
    parts = order.rsplit("-", 2)
    try:
        return date(int(parts[-2][:4]), int(parts[-2][4:6]), int(parts[-2][6:]))
    except (IndexError, ValueError):
        return None
