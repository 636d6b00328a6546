"""The history's records of one kind (prompt events, orders, prompted lines) as numpy columns, with
one dictionary per text field for the whole history, so a report compares codes, not text
(made by `pos.core.analytics.log_tables`, and for closed days joined on their own by
`pos.core.analytics.day_join`)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from pos.core.analytics.columns import FileColumns, Schema, merged
from pos.core.analytics.order_keys import with_store


@dataclass
class EventTable:
    """The history's records of one kind, as columns with store-wide dictionaries."""

    text: dict[str, npt.NDArray[np.int32]]
    values: dict[str, list[str]]
    ints: dict[str, npt.NDArray[np.int64]]
    day: npt.NDArray[np.int32]
    part: npt.NDArray[np.int32]
    """Each row's day and data folder, numbered together: an order whose records are all in one part
    can be joined on its own (`pos.core.analytics.day_join`)."""
    days: list[str]
    notices: list[str]
    stamps: dict[int, str] = field(default_factory=dict)
    """The compaction (`pos.core.analytics.day_parquet.Day.stamp`) of each part read from a closed
    day's Parquet."""

    def __len__(self) -> int:
        return len(self.day)

    def where(self, name: str, value: str) -> npt.NDArray[np.bool_]:
        """The rows whose text column `name` holds `value` (none, when no row does)."""
        try:
            code = self.values[name].index(value)
        except ValueError:
            return np.zeros(len(self), dtype=bool)
        rows: npt.NDArray[np.bool_] = self.text[name] == code
        return rows

    def order_ids(self) -> list[str]:
        """Each record's order id, as text (loaded with `order` among the needed fields)."""
        ids = self.values["order"]
        return [ids[code] for code in self.text["order"].tolist()]

    def keep(self, mask: npt.NDArray[np.bool_]) -> None:
        """Only the rows of `mask`, in place: a column at a time, so a big table is never held twice."""
        if mask.all():
            return
        rows = np.flatnonzero(mask)  # found once for every column
        for name, codes in self.text.items():
            self.text[name] = codes[rows]
        for name, numbers in self.ints.items():
            self.ints[name] = numbers[rows]
        self.day = self.day[rows]
        self.part = self.part[rows]

    def select(self, mask: npt.NDArray[np.bool_]) -> EventTable:
        if mask.all():
            return self
        rows = np.flatnonzero(mask)  # found once for every column
        return EventTable(
            {k: v[rows] for k, v in self.text.items()},
            self.values,
            {k: v[rows] for k, v in self.ints.items()},
            self.day[rows],
            self.part[rows],
            self.days,
            self.notices,
            self.stamps,
        )


def from_parts(
    parts: list[FileColumns],
    schema: Schema,
    needed: Collection[str] | None,
    day: npt.NDArray[np.int32],
    part: npt.NDArray[np.int32],
    days: list[str],
    notices: list[str],
) -> EventTable:
    """The parts' rows of `schema` (their `needed` fields, `columns.merged`: taken from the parts) as
    one table, each order's key naming its store; `day` and `part` each row's."""
    rows = merged(parts, schema, needed)
    if "order_key" in rows.fields:
        rows.fields["order_key"] = with_store(
            rows.fields["order_key"], rows.fields["store_id"], rows.values["store_id"]
        )
    return EventTable(
        {name: rows.fields[name] for name in schema.text if name in rows.fields},
        rows.values,
        {
            name: rows.fields[name].astype(np.int64, copy=False)
            for name in schema.int_names
            if name in rows.fields
        },
        day,
        part,
        days,
        notices,
    )
