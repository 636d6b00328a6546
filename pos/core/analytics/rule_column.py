"""The `rule` of every prompt in a history: as logged (events spec version 3), or for an older event,
which logged none, derived from its kind, trigger, offer and size as a new event's is
(`pos.core.selling.rule_ids`), so old and new records of one rule fall in one group."""

from __future__ import annotations

import numpy as np

from pos.core.analytics.columns import NULL
from pos.core.analytics.event_table import EventTable
from pos.core.selling.rule_ids import event_rule_id

DERIVED_FROM = ("kind", "trigger", "offer", "size")


def fill_rules(prompts: EventTable) -> None:
    """Give each event that logged no `rule` its derived one, in place: one id per distinct
    kind, trigger, offer and size, however many events share it."""
    codes = prompts.text["rule"]
    missing = codes == NULL
    if not missing.any():
        return
    rows = np.flatnonzero(missing)
    key = np.zeros(len(rows), dtype=np.int64)
    for name in DERIVED_FROM:  # one number per distinct kind, trigger, offer and size (null: 0)
        key = key * (len(prompts.values[name]) + 1) + prompts.text[name][rows] + 1
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    values = prompts.values["rule"]
    known = {value: code for code, value in enumerate(values)}
    ids = []
    for row in rows[first].tolist():
        kind, trigger, offer, size = (_text(prompts, name, row) for name in DERIVED_FROM)
        assert kind is not None and offer is not None, "a prompt event always names its kind and offer"
        derived = event_rule_id(kind, trigger, offer, size)
        if derived not in known:
            known[derived] = len(values)
            values.append(derived)
        ids.append(known[derived])
    codes[rows] = np.array(ids, dtype=codes.dtype)[inverse]


def _text(prompts: EventTable, name: str, row: int) -> str | None:
    code = int(prompts.text[name][row])
    return None if code == NULL else prompts.values[name][code]
