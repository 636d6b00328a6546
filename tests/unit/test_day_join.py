"""The closed days' joins kept with their Parquet (`pos.core.analytics.day_join`): a report that takes
them gives every figure a report joining the whole history again gives, on a history whose orders
cross days, repeat records on other days and on their own, leave an order open, give money back
after the receipt on a later day, and mix in a day written before version 3."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from pos.core.analytics import day_join, day_parquet, report, report_join
from pos.core.analytics.columns import LINE_SCHEMA, ORDER_SCHEMA, PROMPT_SCHEMA
from pos.core.analytics.event_table import EventTable
from pos.core.analytics.log_tables import load_tables
from pos.core.analytics.report import Filters, History
from pos.core.analytics.report_fields import GROUP_FIELDS
from pos.core.analytics.report_join import Counted
from pos.core.base.events import LINE_MARK
from pos.core.log.derived import day_folder
from pos.core.log.log_layout import log_files
from tests.support.hand_logs import audit, order, order_line, prompt, simulated, write

DAYS = ("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04")


def _lines(data_dir: Path, day: str, table: str) -> list[str]:
    return (data_dir / "log" / day / f"SIM.{table}.jsonl").read_text().splitlines(keepends=True)


def _rewrite(data_dir: Path, day: str, table: str, lines: list[str]) -> None:
    (data_dir / "log" / day / f"SIM.{table}.jsonl").write_text("".join(lines))


def _tangled(data_dir: Path) -> None:
    simulated(data_dir, orders=160, seed=5, days=len(DAYS))
    first, second, third, last = DAYS
    orders = {day: _lines(data_dir, day, "orders") for day in DAYS}
    prompts = {day: _lines(data_dir, day, "prompts") for day in DAYS}
    # the first day's first records written again on the third day, the second's on its own day
    _rewrite(data_dir, third, "prompts", prompts[third] + prompts[first][:6])
    _rewrite(data_dir, second, "prompts", prompts[second] + prompts[second][:4])
    # the second day's last order recorded in the third day's file (past midnight); another never recorded
    _rewrite(data_dir, third, "orders", orders[second][-1:] + orders[third] + orders[first][:2])
    _rewrite(data_dir, second, "orders", orders[second][:-3] + orders[second][-2:-1])
    # a refund of a first day's order on the last day; a prompted line given back after its receipt
    refunded = json.loads(orders[first][4])
    prompted = next(
        record
        for record in map(json.loads, orders[second][5:])
        if record["status"] == "paid" and record["lines"][0]["prompt"] is not None
    )
    at = {"terminal": "SIM", "store_id": refunded["store_id"]}
    line = prompted["lines"][0]
    voided = f"{LINE_MARK}1: 1 x {line['name']}"
    write(
        data_dir,
        [
            audit(
                "refund", refunded["total"], order=refunded["order"], ts=f"{last}T15:00:00.000+00:00", **at
            ),
            audit(
                "void_line",
                line["unit_price"],
                order=prompted["order"],
                detail=voided,
                ts=f"{second}T23:30:00.000+00:00",
                **at,
            ),
        ],
        "audit",
    )
    # the last day's prompts as version 2 wrote them: no store id
    older = [
        json.dumps({k: v for k, v in json.loads(text).items() if k != "store_id"}) + "\n"
        for text in prompts[last]
    ]
    _rewrite(data_dir, last, "prompts", older)


def _figures(data_dir: Path) -> list[Any]:
    history = History.load(data_dir, Filters())
    reports = [history.report(()), *(history.report((name,)) for name in GROUP_FIELDS)]
    return [(report.totals, report.rows, report.notices, report.after_sale) for report in reports]


def test_the_kept_joins_give_what_joining_again_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    _tangled(data_dir)
    joined_rows: list[int] = []
    join = report_join.join

    def counting(prompts: EventTable, *rest: Any, **named: Any) -> Counted:
        joined_rows.append(len(prompts))
        return join(prompts, *rest, **named)

    monkeypatch.setattr(day_join, "join", counting)
    first = _figures(data_dir)  # the closed days compacted, each joined on its own
    assert all((day_folder(data_dir, day) / "joined_prompts.parquet").is_file() for day in DAYS)
    joined_rows.clear()
    warm = _figures(data_dir)  # from their Parquet: only the tangled orders joined again
    (again,) = joined_rows
    every = sum(len(_lines(data_dir, day, "prompts")) for day in DAYS)
    assert 0 < again < every / 2
    monkeypatch.setattr(day_parquet, "closed", lambda day: False)  # every day open: all joined at once
    joined_rows.clear()
    whole = _figures(data_dir)
    assert joined_rows == [every]
    assert first == warm == whole
    notices = whole[0][2]
    assert any("prompt events written more than once" in notice for notice in notices)
    assert any("order records written more than once" in notice for notice in notices)


def test_days_joined_together_keep_what_each_day_joined_alone_keeps(tmp_path: Path) -> None:
    """The closed days compacted together, their joins made in one query (as a compacting process
    does, `day_parquet.BATCH` at a time), keep the very Parquet each day compacted alone keeps: no
    order of one day meets another's, though the history's orders cross midnight, are written again
    on other days, and one day holds no store id."""
    alone = tmp_path / "alone"
    _tangled(alone)
    together = shutil.copytree(alone, tmp_path / "together")

    def days(data_dir: Path) -> list[tuple[Path, Path, list[Path]]]:
        return [
            (
                data_dir,
                day_folder(data_dir, day),
                [data_dir / "log" / day / f"SIM.{table}.jsonl" for table in ("prompts", "orders")],
            )
            for day in DAYS
        ]

    for day in days(alone):
        day_parquet.compact_kept([day])
    day_parquet.compact_kept(days(together))

    def kept(data_dir: Path) -> dict[str, bytes]:
        return {
            path.relative_to(data_dir).as_posix(): path.read_bytes()
            for path in (data_dir / "cache").rglob("*.parquet")
        }

    assert kept(alone) == kept(together)
    assert len(kept(alone)) == len(DAYS) * len(day_parquet.FILES)


def test_an_open_days_lines_keep_their_own_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every line joined again (an open day's) while a closed day's order records are not: the lines
    the report goes on with (what holds a redeemed code) still name their own records."""
    store: dict[str, Any] = {"store_id": "FD5C4WDGHB", "voided_lines": []}
    paid = order_line("31", 500, source="upsell", prompt=1, added=100)
    write(tmp_path, [order("2026-11-22", order="T1-20261122-0001", **store)], table="orders")
    write(
        tmp_path,
        [order(lines=[paid], **store), order(lines=[paid], order="T1-20261123-0002", **store)],
        table="orders",
    )
    write(tmp_path, [prompt(seq=1, store_id=store["store_id"])])
    monkeypatch.setattr(day_parquet, "closed", lambda day: day < "2026-11-23")
    layout = log_files([tmp_path], None, None)
    History.load(tmp_path, Filters())  # the closed day compacted
    prompts, kept_prompts = load_tables("prompts", (PROMPT_SCHEMA, day_join.JOINED_PROMPTS), layout)
    orders, lines, kept_orders = load_tables(
        "orders", (ORDER_SCHEMA, LINE_SCHEMA, day_join.JOINED_ORDERS), layout
    )
    assert kept_orders.ints["joined"].tolist() == [1, day_join.UNKNOWN, day_join.UNKNOWN]
    records = lines.ints["order_rid"].tolist()
    counted = day_join.joined((prompts, orders, lines), (kept_prompts, kept_orders), fatigue=False)
    assert lines.ints["order_rid"].tolist() == records == [1, 2]
    assert counted.orders.all() and prompts.ints["added"].tolist() == [100]


def test_an_order_recorded_into_a_closed_day_between_its_prompts_and_orders_reads_is_joined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal writes an order's record into a closed day after the report read its prompts (from
    the day's Parquet, joined without it) and before it reads its orders (compacted again with it):
    the day's prompts and orders are of two compactions, and are joined again together."""
    store: dict[str, Any] = {"store_id": "FD5C4WDGHB", "voided_lines": []}
    paid = order_line("31", 500, source="upsell", prompt=1, added=100)
    write(tmp_path, [prompt(seq=1, store_id=store["store_id"])])
    History.load(tmp_path, Filters())  # the closed day compacted: a prompt whose order is not recorded
    loads = load_tables

    def then_recorded(table: str, *rest: Any) -> list[EventTable]:
        found = loads(table, *rest)
        if table == "prompts":
            write(tmp_path, [order(lines=[paid], **store)], table="orders")
        return found

    monkeypatch.setattr(report, "load_tables", then_recorded)
    history = History.load(tmp_path, Filters())
    assert (history.totals["orders"], history.totals["added_revenue"]) == (1, 100)


def test_another_days_join_vouched_for_by_a_forged_manifest_is_not_taken(tmp_path: Path) -> None:
    """Another day's kept join put in a day's place, its checksum written into the day's manifest:
    its rows are not the day's records; it is named, and the day read and joined again."""
    data_dir = tmp_path / "data"
    _tangled(data_dir)
    first = _figures(data_dir)
    name = "joined_prompts.parquet"
    forged = day_folder(data_dir, DAYS[0]) / name
    forged.write_bytes((day_folder(data_dir, DAYS[1]) / name).read_bytes())
    manifest = day_folder(data_dir, DAYS[0]) / "manifest.json"
    content = json.loads(manifest.read_text())
    content["files"][name] = hashlib.sha256(forged.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(content))
    forged_figures = _figures(data_dir)
    assert [(totals, rows, after) for totals, rows, _, after in forged_figures] == [
        (totals, rows, after) for totals, rows, _, after in first
    ]
    assert any(
        f"{forged}: not the file its manifest vouches for" in notice for notice in forged_figures[0][2]
    )
    assert _figures(data_dir) == first  # rebuilt
