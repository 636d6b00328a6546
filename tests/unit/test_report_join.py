"""The report's one join (`pos/sql/events.sql`, run by `pos.core.analytics.report_join`): each prompt event
counted once and joined to its order's record, on the report's columns and on tables shaped like
`pos export`'s (text ids and days, a chain's stores whose rids collide, nulls for what a version 1
record does not log)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from pos.core.analytics import day_parquet, sql
from pos.core.analytics.columns import LINE_SCHEMA, ORDER_SCHEMA, PROMPT_SCHEMA
from pos.core.analytics.event_table import EventTable
from pos.core.analytics.log_tables import load_table, load_tables
from pos.core.analytics.report_join import VIEWS, Counted, join
from pos.core.log.log_layout import log_files
from tests.golden.build_history import V1_PROMPT, _rewrite, _v1_order
from tests.golden.unpack import unpack
from tests.support.hand_logs import order, prompt, simulated, write

NEEDED = {
    "outcome",
    "delta",
    "seq",
    "heard",
    "status",
    "subtotal",
    "v2",
    "order_key",
    "prompt",
    "added",
    "order_rid",
    "voided",
}


def _joined(folders: list[Path]) -> tuple[EventTable, EventTable, Counted]:
    """The prompts and orders of the history in `folders`, joined as the report joins them."""
    layout = log_files(folders, None, None)
    prompts = load_table("prompts", PROMPT_SCHEMA, layout, NEEDED | {"order"})
    orders, lines = load_tables("orders", (ORDER_SCHEMA, LINE_SCHEMA), layout, NEEDED | {"order"})
    counted = join(prompts, orders, lines, fatigue=True)
    return prompts, orders, counted


def _of(prompts: EventTable, counted: Counted, name: str) -> list[Any]:
    """A column of the prompts counted: a derived one, `day` (as text) or `order` (its id)."""
    if name == "day":
        return [prompts.days[day] for day in prompts.day[counted.prompts].tolist()]
    if name == "order":
        return [id for id, kept in zip(prompts.order_ids(), counted.prompts.tolist(), strict=True) if kept]
    return list(prompts.ints[name][counted.prompts].tolist())


def test_the_golden_history(tmp_path: Path) -> None:
    prompts, _, counted = _joined([unpack(tmp_path / "data")])
    assert counted.prompts.all() and counted.orders.all()
    seq, heard, added, declined = (
        _of(prompts, counted, name) for name in ("seq", "heard", "added", "declined_before")
    )
    assert min(seq) == 1 and max(heard) > 1 and max(added) > 0 and max(declined) > 0
    assert "2026-11-20" in _of(prompts, counted, "day")


def test_a_version_1_history_derives_seq_heard_and_added(tmp_path: Path) -> None:
    """A version 1 event's `seq` is its place in its order, its `heard` one more than the prompts
    asked before it when shown, and an accepted prompt of a paid order keeps its delta."""
    simulated(tmp_path, orders=40, seed=3, days=1)
    (day,) = (tmp_path / "log").iterdir()
    _rewrite(day / "SIM.prompts.jsonl", lambda record: [{k: record[k] for k in V1_PROMPT}])
    _rewrite(day / "SIM.orders.jsonl", _v1_order)
    prompts, orders, counted = _joined([tmp_path])
    paid = {
        id
        for id, status in zip(orders.order_ids(), orders.text["status"].tolist(), strict=True)
        if orders.values["status"][status] == "paid"
    }
    outcomes = [prompts.values["outcome"][code] for code in prompts.text["outcome"].tolist()]
    expected: dict[str, list[int]] = {"seq": [], "heard": [], "added": []}
    seen: dict[str, int] = {}
    asked: dict[str, int] = {}
    for id, outcome, delta in zip(prompts.order_ids(), outcomes, prompts.ints["delta"].tolist(), strict=True):
        seen[id] = seen.get(id, 0) + 1
        expected["seq"].append(seen[id])
        shown = outcome in ("accepted", "declined", "skipped")
        expected["heard"].append(asked.get(id, 0) + 1 if shown else 0)
        asked[id] = asked.get(id, 0) + (outcome in ("accepted", "declined"))
        expected["added"].append(delta if outcome == "accepted" and id in paid else 0)
    for name, values in expected.items():
        assert _of(prompts, counted, name) == values, name
    assert max(expected["added"]) > 0 and max(expected["seq"]) > 1 and max(expected["heard"]) > 1


def _copied_back(path: Path) -> None:
    """The first half of a log file written again at its end, as a backup copied back in."""
    text = path.read_text().splitlines(keepends=True)
    with open(path, "a") as handle:
        handle.writelines(text[: len(text) // 2])


def test_records_written_twice_count_once(tmp_path: Path) -> None:
    original, copied = tmp_path / "original", tmp_path / "copied"
    simulated(original, orders=40, seed=4, days=2)
    shutil.copytree(original, copied)
    first_day = sorted((copied / "log").iterdir())[0]
    for table in ("prompts", "orders"):
        _copied_back(first_day / f"SIM.{table}.jsonl")
    prompts, _, counted = _joined([copied])
    alone, alone_orders, alone_counted = _joined([original])
    assert (~counted.prompts).sum() > 10 and (~counted.orders).sum() > 5
    assert counted.prompts.sum() == len(alone) and counted.orders.sum() == len(alone_orders)
    for name in ("order", "day", "seq", "added", "heard", "declined_before"):
        assert _of(prompts, counted, name) == _of(alone, alone_counted, name), name


def _paid(day: str, hour: int, lines: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    record = order(day, **fields)
    record["ts"] = f"{day}T{hour:02d}:00:15.000+00:00"
    line = {"code": "31", "name": "Meal", "size": None, "qty": 1, "unit_price": 500, "source": "upsell"}
    record["lines"] = [{**line, **kept} for kept in lines]
    record["voided_lines"] = []
    return record


def test_an_order_across_midnight_counts_on_its_records_day(tmp_path: Path) -> None:
    late = {"order": "T1-20261123-0009", "daypart": "late"}
    write(
        tmp_path,
        [
            prompt("2026-11-23", 23, seq=1, outcome="declined", **late),
            prompt("2026-11-23", 23, seq=2, outcome="accepted", delta=150, **late),
            prompt("2026-11-24", 0, seq=3, outcome="accepted", delta=90, **late),
            prompt("2026-11-24", 9, seq=1, outcome="accepted", order="T1-20261124-0001", heard=4),
            prompt("2026-11-24", 9, order="T1-20261124-0002"),  # a killed order: never recorded
        ],
    )
    lines = [{"prompt": 2, "added": 150}, {"prompt": 3, "added": 40}]
    write(tmp_path, [_paid("2026-11-24", 0, lines, **late)], table="orders")
    prompts, _, counted = _joined([tmp_path])
    assert _of(prompts, counted, "day") == ["2026-11-24"] * 5
    assert _of(prompts, counted, "added") == [0, 150, 40, 0, 0]
    assert _of(prompts, counted, "heard") == [1, 2, 3, 4, 1]
    assert _of(prompts, counted, "declined_before") == [0, 1, 1, 0, 0]


def test_two_stores_with_the_same_order_id_are_two_orders(tmp_path: Path) -> None:
    folders = []
    for name, store_id, outcome in (("north", "N9RTHSTQRE", "accepted"), ("south", "SQUTHSTQRE", "declined")):
        folder = tmp_path / name
        write(folder, [prompt(seq=1, outcome="declined"), prompt(seq=2, outcome=outcome)])
        write(folder, [_paid("2026-11-23", 12, [{"prompt": 2, "added": 100}])], table="orders")
        (folder / "store-id").write_text(store_id + "\n")
        folders.append(folder)
    prompts, _, counted = _joined(folders)
    assert counted.prompts.all() and counted.orders.all()
    assert _of(prompts, counted, "added") == [0, 100, 0, 100]
    assert _of(prompts, counted, "declined_before") == [0, 1, 0, 1]


def test_nothing_read(tmp_path: Path) -> None:
    write(tmp_path, [order()], table="orders")
    prompts, _, counted = _joined([tmp_path])
    assert len(prompts) == 0 and counted.orders.tolist() == [True]


@pytest.mark.parametrize("closed", [True, False])
def test_each_line_knows_its_order_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, closed: bool
) -> None:
    """A line's `order_rid` is its record's row among the orders read with it, over several days,
    terminals and data folders, from the log (an open day) and from a closed day's Parquet, compacted
    and then read back."""
    for name, seed in (("a", 5), ("b", 6)):
        simulated(tmp_path / name, orders=30, seed=seed, days=2)
    write(
        tmp_path / "a", [_paid("2026-11-01", 12, [{"prompt": 1, "added": 5}], terminal="T2")], table="orders"
    )
    monkeypatch.setattr(day_parquet, "closed", lambda day: closed)
    layout = log_files([tmp_path / "a", tmp_path / "b"], None, None)
    for _ in range(2):
        orders, lines = load_tables("orders", (ORDER_SCHEMA, LINE_SCHEMA), layout, {"order_key", "order_rid"})
        assert len(lines) > 30
        assert (orders.ints["order_key"][lines.ints["order_rid"]] == lines.ints["order_key"]).all()
    assert any((tmp_path / "a" / "cache").rglob("*.parquet")) == closed


def _table(rows: list[dict[str, Any]], schema: list[tuple[str, pa.DataType]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=pa.schema(schema))


PROMPTS = [
    ("rid", pa.int64()),
    ("store_id", pa.string()),
    ("order", pa.string()),
    ("seq", pa.int32()),
    ("outcome", pa.string()),
    ("delta", pa.int64()),
    ("heard", pa.int32()),
    ("day", pa.string()),
]
ORDERS = [
    ("rid", pa.int64()),
    ("store_id", pa.string()),
    ("order", pa.string()),
    ("status", pa.string()),
    ("v2", pa.bool_()),
    ("day", pa.string()),
    ("subtotal", pa.int64()),
]
LINES = [
    ("rid", pa.int64()),
    ("store_id", pa.string()),
    ("order_rid", pa.int64()),
    ("prompt", pa.int32()),
    ("added", pa.int64()),
    ("voided", pa.bool_()),
]


def _exported(
    prompts: list[dict[str, Any]], orders: list[dict[str, Any]], lines: list[dict[str, Any]]
) -> dict[str, list[Any]]:
    """`events.sql` over tables as `pos export` writes them, by store and rid."""
    tables = {
        "prompts": _table(prompts, PROMPTS),
        "orders": _table(orders, ORDERS),
        "order_lines": _table(lines, LINES),
    }
    (found,) = sql.results([("events", ())], tables, VIEWS)
    rows = sorted(zip(*(found[name].tolist() for name in found), strict=True))
    return {name: [row[index] for row in rows] for index, name in enumerate(found)}


def _event(rid: int, store_id: str, seq: int | None, outcome: str, heard: int | None = 0) -> dict[str, Any]:
    return {"rid": rid, "store_id": store_id, "order": "T1-1", "seq": seq, "outcome": outcome} | {
        "delta": 100,
        "heard": heard,
        "day": "2026-11-23",
    }


def test_only_the_lines_of_an_orders_counted_record_count() -> None:
    """A later copy of an order record that differs adds nothing: the first record is the order."""
    orders = [
        {"rid": rid, "store_id": "N9RTHSTQRE", "order": "T1-1", "status": "paid", "v2": True, "day": day}
        | {"subtotal": 1000}
        for rid, day in enumerate(("2026-11-23", "2026-11-24"))
    ]
    lines = [
        {
            "rid": rid,
            "store_id": "N9RTHSTQRE",
            "order_rid": order_rid,
            "prompt": prompt,
            "added": 100,
            "voided": False,
        }
        for rid, (order_rid, prompt) in enumerate(((0, 1), (1, 1), (1, 2)))
    ]
    found = _exported(
        [_event(0, "N9RTHSTQRE", 1, "accepted"), _event(1, "N9RTHSTQRE", 2, "accepted")], orders, lines
    )
    assert found["added"] == [100, 0] and found["day"] == ["2026-11-23"] * 2


def test_a_chains_stores_whose_rids_collide_keep_their_own_lines() -> None:
    """Two stores' exports together: each store's rids start at 0, so a line is its record's by store
    and `order_rid` (by `order_rid` alone, north's line would count in south's order too)."""
    stores = ("N9RTHSTQRE", "SQUTHSTQRE")
    prompts = [_event(0, store, 1, "accepted") for store in stores]
    orders = [
        {"rid": 0, "store_id": store, "order": "T1-1", "status": "paid", "v2": True, "day": "2026-11-23"}
        | {"subtotal": 1000}
        for store in stores
    ]
    lines = [{"rid": 0, "store_id": "N9RTHSTQRE", "order_rid": 0, "prompt": 1, "added": 100, "voided": False}]
    found = _exported(prompts, orders, lines)
    assert found["store_id"] == list(stores) and found["added"] == [100, 0]


def test_a_version_1_event_exported_with_no_seq_or_heard() -> None:
    """An export writes null for what a version 1 event does not log: it counts as 0, and the join
    derives them (a null `seq` is never a repeat)."""
    prompts = [
        _event(rid, "N9RTHSTQRE", None, outcome, None)
        for rid, outcome in enumerate(("declined", "skipped", "accepted"))
    ]
    orders = [
        {
            "rid": 0,
            "store_id": "N9RTHSTQRE",
            "order": "T1-1",
            "status": "paid",
            "v2": False,
            "day": "2026-11-24",
            "subtotal": 1000,
        }
    ]
    found = _exported(prompts, orders, [])
    assert found["seq"] == [1, 2, 3] and found["heard"] == [1, 2, 2]
    assert found["added"] == [0, 0, 100] and found["declined_before"] == [0, 1, 1]
    assert found["day"] == ["2026-11-24"] * 3


def test_version_1_copies_of_an_orders_events_are_numbered_after_them_and_keep_nothing_twice(
    data_dir: Path,
) -> None:
    """Version 3 events, then the same events written again as version 1 (no seq, rule, heard or
    store id) in the same order: a version 1 event's place is among all its order's events, so the
    copies (3 and 4) name no line and the accepted prompt's sale counts once; their `heard` follows
    the two asked before them."""
    from pos.core.analytics.report import build_report
    from tests.support.hand_logs import order, prompt, write

    logged = [
        prompt(seq=1, heard=1, rule="upsell:1>31", outcome="accepted", delta=100),
        prompt(seq=2, heard=2, rule="upsell:1>31", outcome="declined", delta=50),
    ]
    line = {"code": "31", "name": "Meal", "size": None, "qty": 1, "unit_price": 600, "source": "entered"}
    write(data_dir, logged)
    write(data_dir, [order(lines=[{**line, "prompt": 1, "added": 100}], voided_lines=[])], table="orders")
    write(
        data_dir, [{k: v for k, v in event.items() if k not in ("seq", "heard", "rule")} for event in logged]
    )
    report = build_report(data_dir, ("heard",))
    assert report.totals["added_revenue"] == 100 and report.totals["shown"] == 4
    assert [(row["heard"], row["shown"]) for row in report.rows] == [(1, 1), (2, 1), (3, 1), (4, 1)]
