"""A process that logs prompt events and says which ones were answered.

`python -m tests.support.answering_process DATA TERMINAL FIRST COUNT` logs COUNT events
numbered from FIRST (forever when COUNT is 0) and prints each event's number once
`log_prompt` has returned, which is when the cashier screen would move on.
"""

from __future__ import annotations

import sys
from datetime import datetime
from itertools import count
from pathlib import Path

import msgspec

from pos.core.base.events import PromptEvent
from pos.core.log.eventlog import EventLog


def event(terminal: str, number: int) -> PromptEvent:
    record = {
        "ts": datetime(2026, 11, 23, 12, 0).astimezone().isoformat(timespec="milliseconds"),
        "store": "Test Counter",
        "store_id": "TESTSTQRE3",
        "terminal": terminal,
        "cashier": "C1",
        "mode": "live",
        "order": f"{terminal}-20261123-{number:07d}",
        "kind": "upsell",
        "trigger": "1",
        "offer": "31",
        "size": None,
        "pitch": f"Make it a meal, number {number}? " + "x" * (number % 50),
        "variant": 0,
        "delta": number,
        "outcome": "accepted",
        "response_ms": number,
        "daypart": "lunch",
        "seq": 1,
        "template": "Make it a meal?",
        "rule": "upsell:1>31",
        "heard": 1,
    }
    return msgspec.convert(record, PromptEvent)


def main() -> None:
    data, terminal, first, total = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with EventLog(data, terminal) as log:
        for notice in log.notices:
            print(f"notice: {notice}", file=sys.stderr)
        numbers = count(first) if total == 0 else range(first, first + total)
        for number in numbers:
            log.log_prompt(event(terminal, number))
            print(number, flush=True)


if __name__ == "__main__":
    main()
