"""A history's records of one kind (prompt events, orders, prompted lines) as numpy columns.

The columns of every log file (`pos.core.columns`) are put together with one
dictionary per text field for the whole history, so a report compares codes, not text.
Each record gets its store id (its own, or for one written before version 3 its folder's), and
its order's key names the store too (`pos.core.order_keys`): two stores' `T1-20261123-0001`
are two orders.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from pos.core import column_cache, columns
from pos.core.bounded_lines import damage_notice
from pos.core.columns import NULL, Schema
from pos.core.errors import PosError
from pos.core.log_layout import LogFiles
from pos.core.order_keys import with_store

Days = list[str]


@dataclass
class EventTable:
    """The history's records of one kind, as columns with store-wide dictionaries."""

    text: dict[str, npt.NDArray[np.int32]]
    values: dict[str, list[str]]
    ints: dict[str, npt.NDArray[np.int64]]
    day: npt.NDArray[np.int32]
    days: list[str]
    notices: list[str]

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
        for name, codes in self.text.items():
            self.text[name] = codes[mask]
        for name, numbers in self.ints.items():
            self.ints[name] = numbers[mask]
        self.day = self.day[mask]

    def select(self, mask: npt.NDArray[np.bool_]) -> EventTable:
        if mask.all():
            return self
        return EventTable(
            {k: v[mask] for k, v in self.text.items()},
            self.values,
            {k: v[mask] for k, v in self.ints.items()},
            self.day[mask],
            self.days,
            self.notices,
        )


def _load(
    data_dir: Path, path: Path, schema: Schema, needed: set[str] | None, keep: bool
) -> columns.FileColumns | str:
    """The file's columns, or why it cannot be read."""
    try:
        return column_cache.load(data_dir, path, schema, needed, keep)
    except OSError as error:
        return f"{path}: cannot be read ({error.strerror}); left out of the report"
    except PosError as error:  # replaced by a link or a FIFO since it was listed
        return str(error)


def load_table(
    table: str,
    schema: Schema,
    layout: LogFiles,
    needed: set[str] | None = None,
) -> EventTable:
    """The records of `table` in the log's files (`layout`); only the `needed` fields."""
    if needed is not None and "order_key" in needed:
        needed = needed | {"store_id"}  # an order is its store's
    days = layout.days
    files = [
        (index, data_dir, path)
        for index, day in enumerate(days)
        for data_dir, path in layout.files(day, table)
    ]
    loaded = [_load(data_dir, path, schema, needed, layout.keeps(data_dir)) for _, data_dir, path in files]
    parts: list[columns.FileColumns] = []
    part_days: list[int] = []
    notices: list[str] = []
    for (index, data_dir, path), part in zip(files, loaded, strict=True):
        if isinstance(part, str):
            notices.append(part)
            continue
        if part.skipped:
            lines = ", ".join(str(n) for n in part.skipped[:5]) + (" …" if len(part.skipped) > 5 else "")
            kept = f"; a copy is kept in {column_cache.set_aside_path(data_dir, path)}"
            notices.append(
                f"{path}: {len(part.skipped)} record(s) could not be read and are left out (line {lines})"
                + (kept if layout.keeps(data_dir) else "")
            )
        if part.damaged is not None:
            notices.append(damage_notice(path, part.damaged))
        if "store_id" in part.fields:
            _own_store(part, layout.store_ids[data_dir], layout.apart.get(data_dir))
        parts.append(part)
        part_days.append(index)
    lengths = np.array([len(part) for part in parts], dtype=np.int64)
    # Each file's column is let go once it is in the table's, so a history is not held twice.
    values: dict[str, list[str]] = {}
    text: dict[str, npt.NDArray[np.int32]] = {}
    for name in schema.text:
        if needed is None or name in needed:
            values[name], text[name] = _store_wide(name, parts, int(lengths.sum()))
    ints: dict[str, npt.NDArray[np.int64]] = {
        name: np.concatenate([part.fields.pop(name) for part in parts], dtype=np.int64)
        if parts
        else np.zeros(0, np.int64)
        for name in schema.int_names
        if needed is None or name in needed
    }
    if "order_key" in ints:
        ints["order_key"] = with_store(ints["order_key"], text["store_id"], values["store_id"])
    return EventTable(
        text,
        values,
        ints,
        np.repeat(np.array(part_days, dtype=np.int32), lengths),
        days,
        notices,
    )


def _own_store(part: columns.FileColumns, folder_id: str, apart: str | None) -> None:
    """The file's records that carry no store id (written before version 3) take their folder's; a
    folder kept `apart` from another with its id counts all its own records as that store."""
    codes = part.fields["store_id"]
    if apart is not None:
        part.values["store_id"] = [
            apart if value == folder_id else value for value in part.values["store_id"]
        ]
        folder_id = apart
    if (codes == NULL).any():
        known = part.values["store_id"]
        if folder_id not in known:
            known.append(folder_id)
        part.fields["store_id"] = np.where(codes == NULL, known.index(folder_id), codes).astype(codes.dtype)


def _store_wide(
    name: str, parts: list[columns.FileColumns], rows: int
) -> tuple[list[str], npt.NDArray[np.int32]]:
    """A text field's store-wide dictionary, in the order values were first seen, and every row's
    code in it. Each file's codes are its own: each file gets a table from its codes to the
    store's, with null (-1) in its last slot, where numpy's index -1 finds it."""
    known = list(dict.fromkeys(value for part in parts for value in part.values[name]))
    code = {value: number for number, value in enumerate(known)}
    coded = np.empty(rows, np.int32)
    start = 0
    for part in parts:
        column = part.fields.pop(name)
        lookup = np.array([*map(code.__getitem__, part.values[name]), NULL], dtype=np.int32)
        np.take(lookup, column, out=coded[start : start + len(column)])
        start += len(column)
    return known, coded
