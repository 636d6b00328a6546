"""A report's groups: each event's group by the `--by` fields, each group's key, and the stores
of each group's events."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from pos.core.analytics.columns import NULL
from pos.core.analytics.event_table import EventTable
from pos.core.analytics.report_fields import key_fields


def stores_of(table: EventTable, rows: npt.NDArray[np.bool_] | None = None) -> frozenset[str]:
    """The ids of the stores of `table`'s `rows` (all by default)."""
    codes = table.text["store_id"] if rows is None else table.text["store_id"][rows]
    seen = np.bincount(codes[codes != NULL], minlength=len(table.values["store_id"]))
    return frozenset(table.values["store_id"][code] for code in np.flatnonzero(seen).tolist())


def group_stores(table: EventTable, group: npt.NDArray[np.int64], count: int) -> list[frozenset[str]]:
    """The ids of the stores of each of `count` groups' events."""
    found: list[set[str]] = [set() for _ in range(count)]
    names = table.values["store_id"]
    width = len(names) + 1  # a code, or null (-1) as 0
    pairs = np.flatnonzero(np.bincount(group * width + table.text["store_id"] + 1, minlength=count * width))
    for number, code in zip((pairs // width).tolist(), (pairs % width - 1).tolist(), strict=True):
        if code != NULL:
            found[number].add(names[code])
    return [frozenset(stores) for stores in found]


def groups(
    table: EventTable, by: tuple[str, ...]
) -> tuple[npt.NDArray[np.int64], list[dict[str, str | int | None]]]:
    """Each event's group, and each group's key fields: a store is its id, named as its latest
    record names it (`store`, then `store_id`)."""
    key = np.zeros(len(table), dtype=np.int64)
    for number, name in enumerate(by):
        codes = _key_codes(table, name)
        key = (_dense(key) * (int(codes.max(initial=0)) + 2) if number else key) + (codes + 1)
    group = _dense(key)
    first = np.zeros(int(group.max(initial=-1)) + 1, dtype=np.int64)
    first[group[::-1]] = np.arange(len(group))[::-1]
    last = np.zeros_like(first)
    last[group] = np.arange(len(group))
    keys = [
        {
            name: _key_value(table, name, int(latest if name == "store" else position))
            for name in key_fields(by)
        }
        for position, latest in zip(first, last, strict=True)
    ]
    return group, keys


def _dense(key: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Numbers 0..k-1 for the k distinct non-negative keys, in the keys' order."""
    if len(key) and int(key.max()) < 4 * len(key) + 1024:
        present = np.bincount(key) > 0
        return (np.cumsum(present) - 1)[key].astype(np.int64)
    return np.unique(key, return_inverse=True)[1].astype(np.int64)


def _key_codes(table: EventTable, name: str) -> npt.NDArray[np.int64]:
    if name == "store":  # named by its `store`, told apart by its id
        return table.text["store_id"].astype(np.int64)
    if name == "day":
        return table.day.astype(np.int64)
    if name in table.ints:
        return table.ints[name]
    return table.text[name].astype(np.int64)


def _key_value(table: EventTable, name: str, position: int) -> str | int | None:
    if name == "day":
        return table.days[int(table.day[position])]
    if name in table.ints:
        return int(table.ints[name][position])
    code = int(table.text[name][position])
    return None if code == NULL else table.values[name][code]


def sort_key(value: object) -> tuple[int, str | int]:
    return (0, "") if not isinstance(value, str | int) else (1, value)
