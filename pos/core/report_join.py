"""Prompt events joined to their orders, each record counted once, in SQL (`pos/sql/events.sql`).

The same join and dedupe as `pos.core.duplicates` and `pos.core.order_join`, over tables a
warehouse holds too (`pos export`'s): `prompts` (rid, store_id, "order", seq, outcome, delta, heard,
day), `orders` (rid, store_id, "order", status, v2, day) and `order_lines` (rid, order_rid, prompt,
added, voided). `rid` is a record's place in reading order; text is text, days `YYYY-MM-DD`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from pos.core import sql

if TYPE_CHECKING:
    from pos.core.sql import Table

Rids = npt.NDArray[np.int64]

VIEWS = ("prompt_copies", "order_copies")
"""What `events.sql` and `repeats.sql` read: each record with its copy number."""


@dataclass(frozen=True)
class JoinedPrompts:
    """Per prompt event counted, by `rid`: what the join gives it (`events.sql` says how)."""

    rid: Rids
    day: npt.NDArray[np.object_]
    seq: Rids
    added: Rids
    heard: Rids
    declined_before: Rids
    prompt_repeats: Rids
    """The prompt events that are a later copy of one counted: left out."""
    order_repeats: Rids
    """The order records that are a later copy of one counted: left out, with their lines."""


def join_prompts(tables: dict[str, Table]) -> JoinedPrompts:
    """The prompt events of `tables` (`prompts`, `orders`, `order_lines`) counted once, joined."""
    joined = sql.columns("events", tables, VIEWS)
    repeats = sql.columns("repeats", tables, VIEWS)
    records, rids = repeats["records"], repeats["rid"].astype(np.int64)
    return JoinedPrompts(
        rid=joined["rid"].astype(np.int64),
        day=joined["day"],
        seq=joined["seq"],
        added=joined["added"],
        heard=joined["heard"],
        declined_before=joined["declined_before"],
        prompt_repeats=rids[records == "prompts"],
        order_repeats=rids[records == "orders"],
    )
