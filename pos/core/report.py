"""The acceptance-rate report: the metrics of `events-and-reports.md`, grouped and filtered.

Reads the event log through the columnar cache (`pos.core.columns`) and computes
with numpy, so a report over a store's whole history is quick.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from pos.core import columns
from pos.core.columns import NULL, ORDER_SCHEMA, PROMPT_SCHEMA, Schema
from pos.core.errors import PosError
from pos.core.events import Outcome, Status
from pos.core.money import round_half_up
from pos.core.report_fields import GROUP_FIELDS, KINDS, MODES

PROMPT_METRICS = (
    "shown",
    "asked",
    "accepted",
    "declined",
    "skipped",
    "ask_rate",
    "acceptance_rate",
    "conversion",
    "ci_low",
    "ci_high",
    "added_revenue",
    "median_response_ms",
)
ORDER_METRICS = ("orders", "avg_ticket", "added_per_order")
Z95 = 1.959963984540054
RATE_DECIMALS = 6

Row = dict[str, Any]


class ReportError(PosError):
    pass


@dataclass(frozen=True)
class Filters:
    mode: str = "live"
    start: date | None = None
    until: date | None = None
    cashier: str | None = None
    terminal: str | None = None
    kind: str | None = None

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ReportError(f"--mode {self.mode!r}: expected one of {', '.join(MODES)}")
        if self.kind is not None and self.kind not in KINDS:
            raise ReportError(f"--kind {self.kind!r}: expected one of {', '.join(KINDS)}")
        if self.start and self.until and self.start > self.until:
            raise ReportError(f"--from {self.start} is after --until {self.until}")

    def as_dict(self) -> dict[str, str | None]:
        return {
            "mode": self.mode,
            "from": self.start.isoformat() if self.start else None,
            "until": self.until.isoformat() if self.until else None,
            "cashier": self.cashier,
            "terminal": self.terminal,
            "kind": self.kind,
        }


@dataclass
class Report:
    filters: Filters
    by: tuple[str, ...]
    totals: Row
    rows: list[Row]
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "filters": self.filters.as_dict(),
            "by": list(self.by),
            "totals": self.totals,
            "rows": self.rows,
        }


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


def load_table(
    data_dir: Path, table: str, schema: Schema, filters: Filters, needed: set[str] | None = None
) -> EventTable:
    """The records of `table` on the days the filters allow; only the `needed` fields."""
    log = data_dir / "log"
    folders = sorted(log.iterdir()) if log.is_dir() else []
    days = [p.name for p in folders if p.is_dir() and _wanted_day(p.name, filters)]
    parts: list[columns.FileColumns] = []
    part_days: list[int] = []
    notices: list[str] = []
    for index, day in enumerate(days):
        for path in sorted((log / day).glob(f"*.{table}.jsonl")):
            try:
                part = columns.load(data_dir, path, schema)
            except OSError as error:
                notices.append(f"{path}: cannot be read ({error.strerror}); left out of the report")
                continue
            if part.skipped:
                lines = ", ".join(str(n) for n in part.skipped[:5]) + (" …" if len(part.skipped) > 5 else "")
                notices.append(
                    f"{path}: {len(part.skipped)} record(s) could not be read and are left out (line {lines}); "
                    f"a copy is kept in {columns.set_aside_path(data_dir, path)}"
                )
            parts.append(part)
            part_days.append(index)
    lengths = np.array([len(part.rows) for part in parts], dtype=np.int64)
    rows = np.concatenate([part.rows for part in parts]) if parts else np.zeros(0, schema.dtype)
    values: dict[str, list[str]] = {}
    text: dict[str, npt.NDArray[np.int32]] = {}
    for name in schema.text:
        if needed is not None and name not in needed:
            continue
        # One table maps every file's codes to store-wide ones: slot 0 of each file's
        # stretch is null, so code c of file f is looked up at offset[f] + c + 1.
        lookup: dict[str, int] = {}
        remap: list[int] = []
        offsets = []
        for part in parts:
            offsets.append(len(remap))
            remap.append(NULL)
            for value in part.values[name]:
                known = lookup.get(value)
                if known is None:
                    known = lookup[value] = len(lookup)
                remap.append(known)
        values[name] = list(lookup)
        row_offsets = np.repeat(np.array(offsets, dtype=np.int64), lengths)
        text[name] = (
            np.array(remap, dtype=np.int32)[rows[name].astype(np.int64) + row_offsets + 1]
            if parts
            else np.zeros(0, np.int32)
        )
    return EventTable(
        text,
        values,
        {name: rows[name].astype(np.int64) for name in schema.int_names if needed is None or name in needed},
        np.repeat(np.array(part_days, dtype=np.int32), lengths),
        days,
        notices,
    )


@dataclass
class History:
    """The filtered prompt events and paid orders, loaded once for any number of groupings."""

    filters: Filters
    prompts: EventTable
    orders: EventTable

    @classmethod
    def load(
        cls, data_dir: Path, filters: Filters | None = None, by: tuple[str, ...] = GROUP_FIELDS
    ) -> History:
        filters = filters or Filters()
        needed = {
            "mode",
            "outcome",
            "delta",
            "response_ms",
            "cashier",
            "terminal",
            "kind",
            "status",
            "total",
            *by,
        }
        prompts = _filtered(
            load_table(data_dir, "prompts", PROMPT_SCHEMA, filters, needed), filters, use_kind=True
        )
        orders = _filtered(
            load_table(data_dir, "orders", ORDER_SCHEMA, filters, needed), filters, use_kind=False
        )
        return cls(filters, prompts, orders.select(orders.where("status", Status.PAID)))

    @property
    def notices(self) -> list[str]:
        return self.prompts.notices + self.orders.notices

    def report(self, by: tuple[str, ...] = ()) -> Report:
        for name in by:
            if name not in GROUP_FIELDS:
                raise ReportError(f"--by {name!r}: expected one of {', '.join(GROUP_FIELDS)}")
        prompts, orders = self.prompts, self.orders
        totals = prompt_metrics(prompts, np.zeros(len(prompts), dtype=np.int64), 1)[0]
        count = len(orders)
        ticket_sum = int(orders.ints["total"].sum()) if count else 0
        totals["orders"] = count
        totals["avg_ticket"] = round_half_up(Decimal(ticket_sum) / count) if count else None
        totals["added_per_order"] = round_half_up(Decimal(totals["added_revenue"]) / count) if count else None
        rows: list[Row] = []
        if by:
            group, keys = _groups(prompts, by)
            for key, metrics in zip(keys, prompt_metrics(prompts, group, len(keys)), strict=True):
                rows.append({**key, **metrics})
            rows.sort(key=lambda row: tuple(_sort_key(row[name]) for name in by))
        return Report(self.filters, by, totals, rows, self.notices)


def build_report(data_dir: Path, by: tuple[str, ...] = (), filters: Filters | None = None) -> Report:
    return History.load(data_dir, filters, by).report(by)


def prompt_metrics(table: EventTable, group: npt.NDArray[np.int64], count: int) -> list[Row]:
    """Every prompt metric for each of `count` groups; `group` gives each event's group."""
    accepted = table.where("outcome", Outcome.ACCEPTED)
    declined = table.where("outcome", Outcome.DECLINED)
    skipped = table.where("outcome", Outcome.SKIPPED)
    shown = np.bincount(group, minlength=count)
    n_accepted = np.bincount(group, weights=accepted, minlength=count)
    n_declined = np.bincount(group, weights=declined, minlength=count)
    n_skipped = np.bincount(group, weights=skipped, minlength=count)
    added = np.bincount(group, weights=np.where(accepted, table.ints["delta"], 0), minlength=count)
    medians = _medians(group, table.ints["response_ms"], shown)
    result = []
    for index in range(count):
        n_shown, n_acc = int(shown[index]), int(n_accepted[index])
        asked = n_acc + int(n_declined[index])
        low, high = wilson(n_acc, asked)
        result.append(
            {
                "shown": n_shown,
                "asked": asked,
                "accepted": n_acc,
                "declined": int(n_declined[index]),
                "skipped": int(n_skipped[index]),
                "ask_rate": _rate(asked, n_shown),
                "acceptance_rate": _rate(n_acc, asked),
                "conversion": _rate(n_acc, n_shown),
                "ci_low": low,
                "ci_high": high,
                "added_revenue": int(added[index]),
                "median_response_ms": medians[index],
            }
        )
    return result


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float | None, float | None]:
    """The Wilson score interval of successes / trials; (None, None) without trials."""
    if trials == 0:
        return None, None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return round(max(0.0, centre - half), RATE_DECIMALS), round(min(1.0, centre + half), RATE_DECIMALS)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, RATE_DECIMALS) if whole else None


def _medians(
    group: npt.NDArray[np.int64], values: npt.NDArray[np.int64], sizes: npt.NDArray[np.int64]
) -> list[int | float | None]:
    if len(sizes) <= _PARTITION_GROUPS:
        return [_median(values[group == index] if len(sizes) > 1 else values) for index in range(len(sizes))]
    # One sort of (group, value) packed in an int64 is several times quicker than lexsort.
    ordered = np.sort((group << 32) | np.clip(values, 0, 2**32 - 1)) & (2**32 - 1)
    starts = np.cumsum(sizes) - sizes
    return [
        _median(ordered[start : start + size], presorted=True)
        for start, size in zip(starts.tolist(), sizes.tolist(), strict=True)
    ]


def _median(values: npt.NDArray[np.int64], presorted: bool = False) -> int | float | None:
    size = len(values)
    if size == 0:
        return None
    middle = [(size - 1) // 2, size // 2]
    picked = values[middle] if presorted else np.partition(values, middle)[middle]
    half = (int(picked[0]) + int(picked[1])) / 2
    return int(half) if half.is_integer() else half


_PARTITION_GROUPS = 16
"""Up to this many groups, a selection per group beats sorting everything."""


def _filtered(table: EventTable, filters: Filters, use_kind: bool) -> EventTable:
    mask = np.ones(len(table), dtype=bool)
    wanted = [
        ("mode", None if filters.mode == "all" else filters.mode),
        ("cashier", filters.cashier),
        ("terminal", filters.terminal),
    ]
    if use_kind:
        wanted.append(("kind", filters.kind))
    for name, value in wanted:
        if value is not None:
            mask &= table.where(name, value)
    return table.select(mask)


def _groups(table: EventTable, by: tuple[str, ...]) -> tuple[npt.NDArray[np.int64], list[Row]]:
    """Each event's group, and each group's key fields."""
    key = np.zeros(len(table), dtype=np.int64)
    for name in by:
        codes = _key_codes(table, name)
        key = _dense(key) * (int(codes.max(initial=0)) + 2) + (codes + 1)
    group = _dense(key)
    first = np.zeros(int(group.max(initial=-1)) + 1, dtype=np.int64)
    first[group[::-1]] = np.arange(len(group))[::-1]
    keys = [{name: _key_value(table, name, int(position)) for name in by} for position in first]
    return group, keys


def _dense(key: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Numbers 0..k-1 for the k distinct non-negative keys, in the keys' order."""
    if len(key) and int(key.max()) < 4 * len(key) + 1024:
        present = np.bincount(key) > 0
        return (np.cumsum(present) - 1)[key].astype(np.int64)
    return np.unique(key, return_inverse=True)[1].astype(np.int64)


def _key_codes(table: EventTable, name: str) -> npt.NDArray[np.int64]:
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


def _sort_key(value: str | int | None) -> tuple[int, str | int]:
    return (0, "") if value is None else (1, value)


def _wanted_day(name: str, filters: Filters) -> bool:
    """A day folder's name, and within the filters' dates."""
    try:
        day = date.fromisoformat(name)
    except ValueError:
        return False
    return (filters.start is None or day >= filters.start) and (filters.until is None or day <= filters.until)
