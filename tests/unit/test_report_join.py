"""The join and dedupe in SQL (`pos/sql/events.sql`, `pos.core.report_join`) give what numpy's give
(`pos.core.duplicates.first_only`, `pos.core.order_join.join`) for every prompt event, on the
golden history (versions 1 to 3, midnight, a killed order), a version 1 history, records written
twice, an order across midnight and two stores with the same order id."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import msgspec
import numpy as np
import pyarrow as pa

from pos.core.bounded_lines import lines
from pos.core.columns import LINE_SCHEMA, ORDER_SCHEMA, PROMPT_SCHEMA
from pos.core.duplicates import first_only
from pos.core.event_table import EventTable, load_table
from pos.core.events import OrderRecord, decoder
from pos.core.files import open_regular
from pos.core.log_layout import LogFiles, log_files
from pos.core.order_join import join, number_orders
from pos.core.report_join import JoinedPrompts, join_prompts
from tests.golden.build_history import V1_PROMPT, _rewrite, _v1_order
from tests.golden.unpack import unpack
from tests.unit.history import order, prompt, simulated, write

NEEDED = {
    "outcome",
    "delta",
    "seq",
    "heard",
    "status",
    "v2",
    "order_key",
    "prompt",
    "added",
    "part",
    "voided",
}


def _text(table: EventTable, name: str) -> list[str | None]:
    values = table.values[name]
    return [values[code] if code >= 0 else None for code in table.text[name].tolist()]


def _days(table: EventTable) -> list[str]:
    return [table.days[day] for day in table.day.tolist()]


def _order_lines(layout: LogFiles) -> tuple[int, list[dict[str, Any]]]:
    """How many order records the files hold, and their prompted lines (kept, then voided), each
    with its record's place in reading order (`order_rid`), as the columns' reader lists them."""
    read = decoder(OrderRecord).decode
    records = 0
    rows: list[dict[str, Any]] = []
    for day in layout.days:
        for _, path in layout.files(day, "orders"):
            with os.fdopen(open_regular(path), "rb") as handle:
                for _, text in lines(handle):
                    assert text is not None
                    try:
                        record = read(text)
                    except msgspec.ValidationError:
                        continue
                    voided = record.voided_lines or []
                    every = [(line, False) for line in record.every_line] + [
                        (part, True) for line in voided for part in [line, *(line.components or [])]
                    ]
                    v1 = record.voided_lines is msgspec.UNSET
                    rows += [
                        {
                            "order_rid": records,
                            "prompt": kept.prompt,
                            "added": None if v1 else kept.added,
                            "voided": was_voided,
                        }
                        for kept, was_voided in every
                        if kept.prompt is not None
                    ]
                    records += 1
    return records, rows


def _compare(folders: list[Path]) -> JoinedPrompts:
    """The SQL's join of the history in `folders`, checked against numpy's on the same records."""
    layout = log_files(folders, None, None)
    tables = [
        load_table(table, schema, layout, NEEDED | {"order"})
        for table, schema in (("prompts", PROMPT_SCHEMA), ("orders", ORDER_SCHEMA), ("orders", LINE_SCHEMA))
    ]
    number_orders(tables)
    prompts_read, orders_read, lines_read = tables
    records, line_rows = _order_lines(layout)
    assert records == len(orders_read) and [(row["prompt"], row["voided"]) for row in line_rows] == list(
        zip(lines_read.ints["prompt"].tolist(), (lines_read.ints["voided"] == 1).tolist(), strict=True)
    )
    inputs = {
        "prompts": pa.table(
            {
                "rid": np.arange(len(prompts_read)),
                "store_id": _text(prompts_read, "store_id"),
                "order": _text(prompts_read, "order"),
                "seq": prompts_read.ints["seq"],
                "outcome": _text(prompts_read, "outcome"),
                "delta": prompts_read.ints["delta"],
                "heard": prompts_read.ints["heard"],
                "day": _days(prompts_read),
            }
        ),
        "orders": pa.table(
            {
                "rid": np.arange(len(orders_read)),
                "store_id": _text(orders_read, "store_id"),
                "order": _text(orders_read, "order"),
                "status": _text(orders_read, "status"),
                "v2": orders_read.ints["v2"] == 1,
                "day": _days(orders_read),
            }
        ),
        "order_lines": pa.Table.from_pylist(
            [{"rid": rid, **row} for rid, row in enumerate(line_rows)],
            schema=pa.schema(
                [
                    ("rid", pa.int64()),
                    ("order_rid", pa.int64()),
                    ("prompt", pa.int32()),
                    ("added", pa.int64()),
                    ("voided", pa.bool_()),
                ]
            ),
        ),
    }
    found = join_prompts(inputs)

    for table in (prompts_read, orders_read):
        table.ints["rid"] = np.arange(len(table))
    prompts, _ = first_only(prompts_read, "prompt events", "seq")
    orders, _ = first_only(orders_read, "order records", None)
    kept_lines, _ = first_only(lines_read, "lines", "part")
    join(prompts, orders, kept_lines)
    assert found.rid.tolist() == prompts.ints["rid"].tolist()
    assert found.day.tolist() == _days(prompts)
    for name in ("seq", "added", "heard", "declined_before"):
        assert getattr(found, name).dtype == np.int64, name
        assert getattr(found, name).tolist() == prompts.ints[name].tolist(), name
    assert (
        found.prompt_repeats.tolist()
        == np.setdiff1d(np.arange(len(prompts_read)), prompts.ints["rid"]).tolist()
    )
    assert (
        found.order_repeats.tolist() == np.setdiff1d(np.arange(len(orders_read)), orders.ints["rid"]).tolist()
    )
    return found


def test_the_golden_history(tmp_path: Path) -> None:
    found = _compare([unpack(tmp_path / "data")])
    assert (
        found.seq.min() == 1
        and found.heard.max() > 1
        and found.added.max() > 0
        and found.declined_before.max()
    )
    assert "2026-11-20" in found.day.tolist()


def test_a_version_1_history(tmp_path: Path) -> None:
    simulated(tmp_path, orders=40, seed=3, days=1)
    (day,) = (tmp_path / "log").iterdir()
    _rewrite(day / "SIM.prompts.jsonl", lambda record: [{k: record[k] for k in V1_PROMPT}])
    _rewrite(day / "SIM.orders.jsonl", _v1_order)
    found = _compare([tmp_path])
    assert found.added.max() > 0 and found.seq.max() > 1 and found.heard.max() > 1


def _copied_back(path: Path) -> None:
    """The first half of a log file written again at its end, as a backup copied back in."""
    text = path.read_text().splitlines(keepends=True)
    with open(path, "a") as handle:
        handle.writelines(text[: len(text) // 2])


def test_records_written_twice_count_once(tmp_path: Path) -> None:
    simulated(tmp_path, orders=40, seed=4, days=2)
    first_day = sorted((tmp_path / "log").iterdir())[0]
    for table in ("prompts", "orders"):
        _copied_back(first_day / f"SIM.{table}.jsonl")
    found = _compare([tmp_path])
    assert len(found.prompt_repeats) > 10 and len(found.order_repeats) > 5


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
    found = _compare([tmp_path])
    assert found.day.tolist() == ["2026-11-24"] * 5
    assert found.added.tolist() == [0, 150, 40, 0, 0] and found.heard.tolist() == [1, 2, 3, 4, 1]


def test_two_stores_with_the_same_order_id_are_two_orders(tmp_path: Path) -> None:
    folders = []
    for name, store_id, outcome in (("north", "N9RTHSTQRE", "accepted"), ("south", "SQUTHSTQRE", "declined")):
        folder = tmp_path / name
        write(folder, [prompt(seq=1, outcome="declined"), prompt(seq=2, outcome=outcome)])
        write(folder, [_paid("2026-11-23", 12, [{"prompt": 2, "added": 100}])], table="orders")
        (folder / "store-id").write_text(store_id + "\n")
        folders.append(folder)
    found = _compare(folders)
    assert found.prompt_repeats.tolist() == [] and found.order_repeats.tolist() == []
    assert found.added.tolist() == [0, 100, 0, 100] and found.declined_before.tolist() == [0, 1, 0, 1]


def test_nothing_read(tmp_path: Path) -> None:
    write(tmp_path, [order()], table="orders")
    found = _compare([tmp_path])
    assert len(found.rid) == 0


def test_only_the_lines_of_an_orders_counted_record_count() -> None:
    """A later copy of an order record that differs (numpy's `first_only` keeps each line it adds
    beyond the first copy's, by its place) adds nothing: the first record is the order."""
    prompts = [
        {"rid": rid, "store_id": "N9RTHSTQRE", "order": "T1-1", "seq": seq, "outcome": "accepted"}
        | {"delta": 100, "heard": 0, "day": "2026-11-23"}
        for rid, seq in enumerate((1, 2))
    ]
    orders = [
        {"rid": rid, "store_id": "N9RTHSTQRE", "order": "T1-1", "status": "paid", "v2": True, "day": day}
        for rid, day in enumerate(("2026-11-23", "2026-11-24"))
    ]
    lines = [
        {"rid": rid, "order_rid": order_rid, "prompt": prompt, "added": 100, "voided": False}
        for rid, (order_rid, prompt) in enumerate(((0, 1), (1, 1), (1, 2)))
    ]
    found = join_prompts(
        {
            name: pa.Table.from_pylist(rows)
            for name, rows in (("prompts", prompts), ("orders", orders), ("order_lines", lines))
        }
    )
    assert found.added.tolist() == [100, 0] and found.day.tolist() == ["2026-11-23"] * 2
    assert found.order_repeats.tolist() == [1] and found.prompt_repeats.tolist() == []
