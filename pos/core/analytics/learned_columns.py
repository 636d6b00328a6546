"""The learned choices of a prompt log (events spec v3: `candidates`, `propensity`, `context`) as
columns, a row for each prompt whose offer was learned: what the reports value a learned rule by
(`pos.core.analytics.learned_chances`).

Read with the prompt events, each line decoded once (`pos.core.analytics.log_reads`), and kept
with a closed day's Parquet like them (`pos.core.analytics.day_parquet`); a log with no learned
prompt gives no row. Candidates and context are kept as the JSON they are logged as (a few
values per rule, dictionary-encoded); the propensity in billionths, as the columns hold integers.
"""

from __future__ import annotations

import msgspec

from pos.core.analytics.columns import Schema
from pos.core.base.digits import whole_number
from pos.core.base.events import PromptEvent

PROPENSITY_UNITS = 1_000_000_000
"""A propensity is kept in billionths: 0.2265625 as 226,562,500."""


class LearnedChoice(msgspec.Struct, frozen=True):
    """A learned prompt's choice, a row of `LEARNED_SCHEMA`."""

    store_id: str | None
    order: str
    rule: str | None
    candidates: str
    """The candidates the guards allowed, as logged: a JSON list of codes in the menu's order."""
    context: str
    """What the choice knew of the order, as logged: a JSON object (`ChoiceContext`)."""
    seq: int
    at_ms: int
    """Its time of day (the local time logged), in milliseconds: the chances of a day in the order
    they were taken, whichever terminal took them."""
    propensity: int


def _learned_choices(record: PromptEvent, index: int) -> tuple[LearnedChoice, ...]:
    propensity = record.propensity
    if not isinstance(propensity, float):  # not learned (the three fields are logged together)
        return ()
    return (
        LearnedChoice(
            record.store_id,
            record.order,
            record.rule,
            msgspec.json.encode(record.candidates).decode(),
            msgspec.json.encode(record.context).decode(),
            record.seq,
            _at_ms(record.ts),
            round(propensity * PROPENSITY_UNITS),
        ),
    )


def _at_ms(ts: str) -> int:
    """The time of day of a `ts`, in milliseconds: its hour and minute (the declaration holds them to
    0-9), and its seconds and milliseconds where written in 0-9."""
    at = (int(ts[11:13]) * 60 + int(ts[14:16])) * 60_000
    seconds = whole_number(ts[17:19]) if ts[16:17] == ":" and len(ts[17:19]) == 2 else None
    if seconds is not None:
        milliseconds = whole_number(ts[20:23]) if ts[19:20] == "." and len(ts[20:23]) == 3 else None
        at += seconds * 1000 + (milliseconds or 0)
    return at


LEARNED_SCHEMA = Schema(
    PromptEvent,
    text=("store_id", "rule", "candidates", "context"),
    ints=(("seq", "<i4"), ("at_ms", "<i4"), ("propensity", "<i8"), ("order_key", "<i8")),
    rows=_learned_choices,
)
"""Each learned prompt's choice; `order_key` joins it, with `seq`, to its prompt event."""
