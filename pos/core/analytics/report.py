"""The acceptance-rate report: the metrics of `docs/spec/events-and-reports.md`, grouped and filtered.

Reads the event log as columns (`pos.core.analytics.columns`, closed days from their Parquet and
their own joins), joins each prompt to its order and counts each record once in SQL
(`pos.core.analytics.day_join`), and computes with numpy: a store's whole history is quick.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from pos.core.analytics.after_sale_report import AfterSale, CodeLog, after_sale_rows, after_sale_summary
from pos.core.analytics.approvals import Approved, CashierApprovals, approved, per_cashier, take_back_refunds
from pos.core.analytics.columns import ITEM_SCHEMA, LINE_SCHEMA, ORDER_SCHEMA, PROMPT_SCHEMA
from pos.core.analytics.day_join import JOINED_ORDERS, JOINED_PROMPTS, joined
from pos.core.analytics.event_table import EventTable
from pos.core.analytics.group_orders import group_orders, order_figures
from pos.core.analytics.held_redemptions import held
from pos.core.analytics.learned_chances import RuleChances, rule_chances
from pos.core.analytics.learned_columns import LEARNED_SCHEMA
from pos.core.analytics.learned_floors import learned_floors
from pos.core.analytics.learned_rules import LearnedRule, learned_rule
from pos.core.analytics.lift import attached
from pos.core.analytics.log_tables import compact_closed, load_table, load_tables
from pos.core.analytics.metrics import Z95, Row, prompt_metrics, value_of, wilson
from pos.core.analytics.report_fields import GROUP_FIELDS, key_fields
from pos.core.analytics.report_filters import Filters, ReportError
from pos.core.analytics.report_groups import group_stores, groups, sort_key, stores_of
from pos.core.analytics.report_join import repeats_notice
from pos.core.analytics.rule_column import DERIVED_FROM, fill_rules
from pos.core.base.events import ASKED_OUTCOMES, Outcome, Status
from pos.core.log.log_layout import LogFiles, log_files

__all__ = ["Z95", "Filters", "History", "Report", "Row", "wilson"]


@dataclass
class Report:
    filters: Filters
    by: tuple[str, ...]
    totals: Row
    rows: list[Row]
    notices: list[str] = field(default_factory=list)
    after_sale: AfterSale | None = None
    """What the receipts' codes did (spec v2); None when none was issued or redeemed."""
    row_stores: list[frozenset[str]] = field(default_factory=list)
    """The ids of the stores each row's events are from (`pos.core.analytics.report_currency`)."""
    stores: frozenset[str] = frozenset()
    """Those of the totals' prompts and orders."""
    code_stores: frozenset[str] = frozenset()
    """Those of the receipts' codes (`after_sale`)."""
    approvals: list[CashierApprovals] = field(default_factory=list)
    """Per cashier who asked: refunds, voids after the receipt, no-sales, discounts by hand."""
    learned: list[LearnedRule] = field(default_factory=list)
    """What each learned rule did (`pos.core.analytics.learned_rules`), whatever the grouping."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "filters": self.filters.as_dict(),
            "by": list(self.by),
            "totals": self.totals,
            "rows": self.rows,
            **({"after_sale": self.after_sale} if self.after_sale is not None else {}),
            **({"approvals": self.approvals} if self.approvals else {}),
            **({"learned": self.learned} if self.learned else {}),
        }


@dataclass
class History:
    """The filtered prompt events and paid orders, loaded once for any number of groupings."""

    filters: Filters
    prompts: EventTable
    orders: EventTable
    variants_shown: bool = False
    """Some rule's second wording was shown on the days loaded, whatever the other filters."""
    after_sale: AfterSale | None = None
    """What the receipts' codes did; None when no code was issued or redeemed."""
    code_stores: frozenset[str] = frozenset()
    """The ids of the stores whose codes `after_sale` counts."""
    approvals: list[CashierApprovals] = field(default_factory=list)
    learned_chances: list[RuleChances] = field(default_factory=list)
    """Each learned rule's chances, by store (`pos.core.analytics.learned_chances`)."""
    grouped: dict[tuple[str, ...], list[tuple[Row, frozenset[str]]]] = field(default_factory=dict, repr=False)
    """Each grouping's rows, worked out once (`report` hands out copies)."""

    @classmethod
    def load(
        cls,
        data_dir: Path | Sequence[Path],
        filters: Filters | None = None,
        by: tuple[str, ...] = GROUP_FIELDS,
        codes: bool = True,
    ) -> History:
        """`codes`: what the receipts' codes did (`after_sale`), which reads every day of the log
        outside the filters' for the codes printed or redeemed there; without, None."""
        filters = filters or Filters()
        # An order across midnight counts on its record's day: its prompts may be in the day's
        # folder before, and an order record of the day after may hold prompts of the last day.
        day = timedelta(days=1)
        layout = log_files(
            data_dir, filters.start and filters.start - day, filters.until and filters.until + day
        )
        needed = _needed(by)
        compact_closed(layout)
        prompts, choices, kept_prompts = load_tables(
            "prompts", (PROMPT_SCHEMA, LEARNED_SCHEMA, JOINED_PROMPTS), layout, needed
        )
        orders, lines, kept_orders = load_tables(
            "orders", (ORDER_SCHEMA, LINE_SCHEMA, JOINED_ORDERS), layout, needed
        )
        found = approved(layout)
        joins, fatigue = (kept_prompts, kept_orders), "declined_before" in by
        repeats = _counted_once((prompts, orders, lines), joins, layout, filters, fatigue, found)
        kept = take_back_refunds(found, prompts, orders)
        orders.ints["total"] = found.kept_totals(orders)  # a ticket is what its order kept
        if "rule" in by:
            fill_rules(prompts)
        prompts.notices[:0] = layout.notices + repeats
        if "pitch" in by:  # one row per wording, whatever it was filled in with
            prompts.text["pitch"], prompts.values["pitch"] = (
                prompts.text["template"],
                prompts.values["template"],
            )
        variants_shown = bool(len(prompts)) and int(prompts.ints["variant"].max()) > 0
        # each table is cut once, to the rows wanted, however many filters there are
        orders.keep(_wanted(orders, filters, use_kind=False) & orders.where("status", Status.PAID) & kept)
        wanted = _wanted(prompts, filters, use_kind=True)
        chances = prompts.where("outcome", Outcome.HELD_OUT)
        for outcome in ASKED_OUTCOMES:  # an after-sale offer is printed, not asked: counted apart
            chances |= prompts.where("outcome", outcome)
        summary, code_stores = (
            _after_sale(data_dir, layout, prompts, orders, lines, wanted & ~chances)
            if codes
            else (None, frozenset[str]())
        )
        prompts.keep(wanted & chances)
        if prompts.where("outcome", Outcome.HELD_OUT).any():
            _attach_paid(prompts, orders, layout)
            fill_rules(prompts)  # the lift compares the rules held out (`metrics.prompt_metrics`)
        mine = per_cashier(found, filters)
        learned, below = rule_chances(prompts, choices, lambda: learned_floors(layout))
        prompts.notices += below
        return cls(filters, prompts, orders, variants_shown, summary, code_stores, mine, learned)

    @property
    def notices(self) -> list[str]:
        return self.prompts.notices + self.orders.notices

    def report(self, by: tuple[str, ...] = ()) -> Report:
        for name in by:
            if name not in GROUP_FIELDS:
                raise ReportError(f"--by {name!r}: expected one of {', '.join(GROUP_FIELDS)}")
        if by not in self.grouped:  # a dashboard asks for some groupings twice (its coaching)
            self.grouped[by] = self._rows(by) if by else []
        rows = self.grouped[by]
        return Report(
            self.filters,
            by,
            cast(Row, dict(self.totals)),  # each report its own copy
            [cast(Row, dict(row)) for row, _ in rows],
            self.notices,
            None if self.after_sale is None else cast(AfterSale, dict(self.after_sale)),
            [stores for _, stores in rows],
            self.stores,
            self.code_stores,
            [cast(CashierApprovals, dict(row)) for row in self.approvals],
            self.learned,
        )

    def _rows(self, by: tuple[str, ...]) -> list[tuple[Row, frozenset[str]]]:
        """The rows grouped by `by`, in order, each with the ids of the stores of its events."""
        group, keys = groups(self.prompts, by)
        figures = prompt_metrics(self.prompts, group, len(keys))
        stores = group_stores(self.prompts, group, len(keys))
        orders = group_orders(self.prompts, group, self.orders, by, [m["added_revenue"] for m in figures])
        rows = [
            (cast(Row, {**key, **metrics, **its_orders}), found)
            for key, metrics, its_orders, found in zip(keys, figures, orders, stores, strict=True)
        ]
        rows.sort(key=lambda row: tuple(sort_key(value_of(row[0], name)) for name in key_fields(by)))
        if "heard" in by:  # a chance held out is never heard (0): no prompt figure of it to show
            rows = [(row, found) for row, found in rows if row["heard"] != 0]
        return rows

    @functools.cached_property
    def stores(self) -> frozenset[str]:
        """The ids of the stores of the history's records."""
        return stores_of(self.prompts) | stores_of(self.orders)

    @functools.cached_property
    def learned(self) -> list[LearnedRule]:
        """What each learned rule did: the same under every report of the history."""
        return [learned_rule(chances) for chances in self.learned_chances]

    @functools.cached_property
    def totals(self) -> Row:
        """The whole history's figures: the same under every report of it (a dashboard makes ten)."""
        metrics = prompt_metrics(self.prompts, np.zeros(len(self.prompts), dtype=np.int64), 1)[0]
        tickets = int(self.orders.ints["total"].sum())
        return cast(Row, {**metrics, **order_figures(len(self.orders), tickets, metrics["added_revenue"])})


def build_report(
    data_dir: Path | Sequence[Path], by: tuple[str, ...] = (), filters: Filters | None = None
) -> Report:
    return History.load(data_dir, filters, by).report(by)


def _needed(by: tuple[str, ...]) -> set[str]:
    """The fields a report by `by` reads. A wording is its template (a version 1 record's is its
    pitch): the pitch itself is not read; an older event's rule is made of its other fields."""
    return {
        *("mode", "outcome", "delta", "response_ms", "cashier", "terminal", "kind", "status", "total"),
        *("order_key", "seq", "heard", "variant", "v2", "prompt", "added", "order_rid", "voided", "code"),
        *("offer", "size", "subtotal"),
        *LEARNED_SCHEMA.names,  # a learned prompt's choice, joined to its event by its order and seq
        *(name for name in by if name != "pitch"),
        *(("template",) if "pitch" in by else ()),
        *DERIVED_FROM,  # an older event's rule, for `--by rule` and the holdout's lift
    }


def _counted_once(
    tables: tuple[EventTable, EventTable, EventTable],
    kept: tuple[EventTable, EventTable],
    layout: LogFiles,
    filters: Filters,
    fatigue: bool,
    found: Approved,
) -> list[str]:
    """Keeps each record of the prompts, orders and lines (`tables`) once, joined to its order
    (`pos.core.analytics.day_join`, `kept`: what the closed days' joins found) less what `found` gave
    back; the notices naming the records found written twice on the days reported."""
    prompts, orders, lines = tables

    def ids(table: str) -> Callable[[], list[str]]:  # only to name records written twice: rare
        schema = PROMPT_SCHEMA if table == "prompts" else ORDER_SCHEMA
        return lambda: load_table(table, schema, layout, {"order"}).order_ids()

    # the days around the range are read for its orders across midnight: their repeats are theirs
    reported = _on_days(prompts, filters), _on_days(orders, filters)
    counted = joined(tables, kept, fatigue, *found.taken_back(orders, lines))
    notices = [
        repeats_notice(prompts, reported[0] & ~counted.prompts, "prompt events", True, ids("prompts")),
        repeats_notice(orders, reported[1] & ~counted.orders, "order records", False, ids("orders")),
    ]
    prompts.keep(counted.prompts)
    orders.keep(counted.orders)
    lines.keep(counted.orders[lines.ints["order_rid"]])
    return [notice for notice in notices if notice]


def _after_sale(
    data_dir: Path | Sequence[Path],
    layout: LogFiles,
    prompts: EventTable,
    paid: EventTable,
    lines: EventTable,
    printed: npt.NDArray[np.bool_],
) -> tuple[AfterSale | None, frozenset[str]]:
    """What the `printed` after-sale events' codes did, and the ids of their stores."""
    if not printed.any():
        return None, stores_of(prompts, printed)
    outside, outside_lines = _outside(data_dir, layout)
    standing = held(prompts, lines, outside_lines)
    printed &= standing
    codes = CodeLog().add(prompts.select(standing & after_sale_rows(prompts)))  # not a copy of them all
    codes.add(outside.select(held(outside, lines, outside_lines)))
    return after_sale_summary(prompts.select(printed), paid, codes), stores_of(prompts, printed)


def _attach_paid(prompts: EventTable, paid: EventTable, layout: LogFiles) -> None:
    """What each chance's paid order ended with (the holdout's lift): `attached`, and `paid`."""
    items = load_table("orders", ITEM_SCHEMA, layout, {"order", "code", "size", "order_key"})
    paid.notices += [notice for notice in items.notices if notice not in paid.notices]
    prompts.ints["attached"] = attached(prompts, items)
    prompts.ints["paid"] = np.isin(prompts.ints["order_key"], paid.ints["order_key"]).astype(np.int64)


def _outside(data_dir: Path | Sequence[Path], layout: LogFiles) -> tuple[EventTable, EventTable]:
    """The after-sale fields of the log's days that `layout` leaves out, and those days' prompted
    lines (what holds a redemption): what the codes printed on its days came to, and when those
    redeemed on them were printed."""
    whole = log_files(data_dir, None, None)
    loaded = set(layout.days)
    outside = dataclasses.replace(whole, days=[day for day in whole.days if day not in loaded])
    return (
        load_table("prompts", PROMPT_SCHEMA, outside, {"outcome", "code", "store_id", "order_key", "seq"}),
        load_table("orders", LINE_SCHEMA, outside, {"order_key", "prompt"}),
    )


def _wanted(table: EventTable, filters: Filters, use_kind: bool) -> npt.NDArray[np.bool_]:
    """The rows the filters keep."""
    mask = _on_days(table, filters)
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
    return mask


def _on_days(table: EventTable, filters: Filters) -> npt.NDArray[np.bool_]:
    """The records whose day (their order's) is within the filters' dates."""
    wanted = np.array(
        [
            (filters.start is None or day >= filters.start)
            and (filters.until is None or day <= filters.until)
            for day in map(date.fromisoformat, table.days)
        ]
        + [False],
        dtype=bool,
    )
    on_days: npt.NDArray[np.bool_] = wanted[table.day]
    return on_days
