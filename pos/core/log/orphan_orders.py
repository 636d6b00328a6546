"""Every event belongs to an order record. A kill between a prompt's event reaching the log and
the open order holding it reaching `open/T1.json` leaves events of an order that has no record
and no open order on disk to record it from; reports could join them to nothing. At the
terminal's next start (the open order on disk already recorded, the records set aside added),
each such order is recorded as voided from its events: who, where and when they say, no line
(what the order held is not known), `prompts` the prompts they show. Its redemption, which no
line then holds, is undone after (`pos.core.codes.orphan_redemptions`).

A terminal writes its records in order, so a kill orphans only the order it had open: the last
two days the terminal wrote (an order may close after midnight) are all a start looks at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import suppress
from datetime import date
from typing import Any

from pos.core.base.bounded_lines import lines_of
from pos.core.base.events import Mode, OrderRecord, Outcome, Status
from pos.core.base.files import is_folder
from pos.core.log.eventlog import ORDERS, PROMPTS, EventLog
from pos.core.log.log_layout import day_of, own_log_file
from pos.core.log.storage import SUFFIX

_ORDER = re.compile(rb'"order":"([^"]*)"')


def record_orphan_orders(log: EventLog) -> list[str]:
    """Record as voided each order of the terminal's last days whose events have no record; a
    notice for each."""
    days = _last_days(log)
    recorded = {order for day in days for order, _ in _records(log, day, ORDERS)}
    events: dict[str, list[dict[str, Any]]] = {}
    for day in reversed(days):
        for order, line in _records(log, day, PROMPTS):
            if order not in recorded and order.startswith(f"{log.terminal}-"):
                with suppress(ValueError):
                    event = json.loads(line)
                    if isinstance(event, dict) and isinstance(event.get("ts"), str):
                        events.setdefault(order, []).append(event)
    notices = []
    for order, its in events.items():
        log.log("order", _voided(order, its, log.store_id))
        notices.append(
            f"order {order} has {len(its)} event(s) in the log and no record (pos stopped before it "
            "was kept): it is recorded as voided, with no line"
        )
    if events:
        log.flush()
    return notices


def _voided(order: str, events: list[dict[str, Any]], store_id: str) -> OrderRecord:
    last = events[-1]
    shown = [e for e in events if e.get("kind") != "after_sale" and e.get("outcome") != Outcome.HELD_OUT]
    return OrderRecord(
        ts=str(last["ts"]),
        store=str(last.get("store")),
        store_id=store_id,
        terminal=str(last.get("terminal")),
        cashier=str(last.get("cashier")),
        mode=Mode.TRAINING if last.get("mode") == Mode.TRAINING else Mode.LIVE,
        order=order,
        status=Status.VOIDED,
        lines=[],
        subtotal=0,
        tax=0,
        total=0,
        tendered=0,
        change=0,
        prompts=len(shown),
        voided_lines=[],
    )


def _last_days(log: EventLog) -> list[date]:
    """The last two days the terminal wrote on, latest first."""
    root = log.data_dir / "log"
    if not is_folder(root):
        return []
    days = sorted((day for path in root.iterdir() if (day := day_of(path.name)) is not None), reverse=True)
    written = (
        day
        for day in days
        if any(
            own_log_file(log.data_dir, day, f"{log.terminal}.{table}{SUFFIX}") for table in (PROMPTS, ORDERS)
        )
    )
    return [day for day, _ in zip(written, range(2), strict=False)]


def _records(log: EventLog, day: date, table: str) -> Iterator[tuple[str, bytes]]:
    """Each line of the terminal's table of the day, with the order it names."""
    path = own_log_file(log.data_dir, day, f"{log.terminal}.{table}{SUFFIX}")
    for line in lines_of(path) if path is not None else ():
        found = _ORDER.search(line)
        if found is not None:
            yield found.group(1).decode(errors="replace"), line
