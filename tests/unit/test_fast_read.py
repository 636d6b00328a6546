"""pyarrow's reader gives exactly the columns the Python reader gives, or steps aside."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from pos.core.columns import LINE_SCHEMA, ORDER_SCHEMA, PROMPT_SCHEMA, FileColumns, Schema, extend
from tests.unit.history import order, prompt, simulated, write

pytest.importorskip("pyarrow", reason="the fast reader is pyarrow's")
from pos.core.fast_read import read_whole

SCHEMAS = {"prompts": [PROMPT_SCHEMA], "orders": [ORDER_SCHEMA, LINE_SCHEMA]}


def _python(path: Path, schema: Schema) -> FileColumns:
    columns = FileColumns.empty(schema)
    with open(path, "rb") as handle:
        assert extend(columns, handle, schema) == []
    return columns


def _fast(path: Path, schema: Schema) -> FileColumns | None:
    with open(path, "rb") as handle:
        (columns,) = read_whole(handle, [schema])
        return columns


def _same(fast: FileColumns, slow: FileColumns) -> bool:
    """The same values, codes and types in every field, read from the same lines."""
    return (
        fast.values == slow.values
        and (fast.consumed, fast.lines) == (slow.consumed, slow.lines)
        and list(fast.fields) == list(slow.fields)
        and all(
            fast.fields[name].dtype == column.dtype and np.array_equal(fast.fields[name], column)
            for name, column in slow.fields.items()
        )
    )


def test_a_simulated_history_reads_the_same_both_ways(data_dir: Path) -> None:
    simulated(data_dir, orders=300, seed=4, cashiers=3, days=2)
    checked = 0
    for table, schemas in SCHEMAS.items():
        for path in sorted(data_dir.glob(f"log/*/SIM.{table}.jsonl")):
            for schema in schemas:
                fast, slow = _fast(path, schema), _python(path, schema)
                assert fast is not None, (path, schema.name)
                assert _same(fast, slow)
                checked += 1
    assert checked == 6


def test_version_1_records_read_the_same_both_ways(data_dir: Path) -> None:
    write(data_dir, [prompt(), prompt(outcome="skipped", trigger=None, size="Large")])
    write(data_dir, [order()], table="orders")
    for table, schemas in SCHEMAS.items():
        path = next(data_dir.glob(f"log/*/T1.{table}.jsonl"))
        for schema in schemas:
            fast, slow = _fast(path, schema), _python(path, schema)
            assert fast is not None and _same(fast, slow)


def test_records_with_a_store_id_and_without_read_the_same_both_ways(data_dir: Path) -> None:
    """A store id is written from version 3; left out before, and a null reads as left out."""
    store = "NQRTHSTQRE"
    write(data_dir, [prompt(seq=1, store_id=store), prompt(seq=2), {**prompt(seq=3), "store_id": None}])
    lines = [{"code": "31", "name": "Meal", "size": None, "qty": 1, "unit_price": 600, "source": "upsell"}]
    prompted = [{**lines[0], "prompt": 1, "added": 100}]
    write(
        data_dir,
        [
            order(store_id=store, lines=prompted, voided_lines=[]),
            order(lines=prompted, voided_lines=[]),
            order(store_id=store, lines=lines),
        ],
        "orders",
    )
    for table, schemas in SCHEMAS.items():
        path = next(data_dir.glob(f"log/*/T1.{table}.jsonl"))
        for schema in schemas:
            fast, slow = _fast(path, schema), _python(path, schema)
            assert fast is not None and _same(fast, slow), (table, schema.name)
            assert slow.values["store_id"] == [store]


@pytest.mark.parametrize(
    "line",
    [
        b"not json",
        b"",
        json.dumps(prompt(outcome="Accepted")).encode(),
        json.dumps(prompt(delta=-1)).encode(),
        json.dumps({k: v for k, v in prompt().items() if k != "trigger"}).encode(),
        json.dumps(prompt(cashier=None)).encode(),
        json.dumps(prompt(ts="2026-11-23T99:00:00")).encode(),
        json.dumps(prompt(cashier=5)).encode(),
        json.dumps({**prompt(), "template": None}).encode(),
        json.dumps({**prompt(), "revisit": None}).encode(),
        json.dumps({**prompt(), "size": None}, separators=(",", ":"))
        .encode()
        .replace(b'"trigger":', b'"x":'),
        json.dumps(prompt(store_id="")).encode(),
        json.dumps(prompt(store_id=7)).encode(),
        json.dumps(prompt(store_id=" V84BRVY7PG")).encode(),
        json.dumps(prompt(store_id="v84brvy7pg")).encode(),
        json.dumps(prompt(store_id="V" * 5000)).encode(),
    ],
    ids=[
        "garbage",
        "blank",
        "spelling",
        "negative",
        "missing",
        "null",
        "hour",
        "type",
        "null-template",
        "null-flag",
        "missing-compact",
        "empty-store-id",
        "store-id-type",
        "store-id-padded",
        "store-id-lower-case",
        "store-id-a-page-long",
    ],
)
def test_a_file_with_one_line_the_python_reader_refuses_is_left_to_it(data_dir: Path, line: bytes) -> None:
    write(data_dir, [prompt(), prompt()])
    path = next(data_dir.glob("log/*/T1.prompts.jsonl"))
    with open(path, "ab") as handle:
        handle.write(line + b"\n")
    assert _fast(path, PROMPT_SCHEMA) is None


def test_meals_components_read_the_same_both_ways(data_dir: Path) -> None:
    from datetime import date

    from pos.core.eventlog import EventLog
    from pos.core.simulate import simulate
    from tests.unit.test_report_truth import RENAMED

    with EventLog(data_dir, "SIM", sync=False) as log:
        simulate(RENAMED, log, orders=200, seed=6, cashiers=2, first_day=date(2026, 11, 1), days=1)
    path = next(data_dir.glob("log/*/SIM.orders.jsonl"))
    assert b'"components":' in path.read_bytes(), "the simulated customers bought meals"
    for schema in (ORDER_SCHEMA, LINE_SCHEMA):
        fast, slow = _fast(path, schema), _python(path, schema)
        assert fast is not None and _same(fast, slow)


def test_text_that_reads_like_a_null_is_read_as_the_python_reader_reads_it(data_dir: Path) -> None:
    write(data_dir, [prompt(), prompt(pitch='Say ":null" twice', size=None), prompt(trigger=None)])
    path = next(data_dir.glob("log/*/T1.prompts.jsonl"))
    fast, slow = _fast(path, PROMPT_SCHEMA), _python(path, PROMPT_SCHEMA)
    assert fast is None or _same(fast, slow)
    assert len(slow) == 3


def test_nulls_are_counted_by_the_key_written_before_them() -> None:
    from pos.core.fast_read import KEY_WINDOW, _null_keys

    start = b'{"ts":"2026-11-23T12:00:00.000+00:00","store":"S",'  # past the first window
    assert _null_keys(start + b'"size":null,"trigger": null,"code":"X","size":null}\n') == {
        b"size": 2,
        b"trigger": 1,
    }
    assert _null_keys(start + b'"pitch":"Say \\":null","size":"L"}\n') is None  # text, not a key
    long_key = b"k" * KEY_WINDOW
    assert _null_keys(start + b'"' + long_key + b'":null}\n') is None


@pytest.mark.parametrize(("name", "fast_reads"), [("note", True), ("x" * 40, False)])
def test_an_unknown_field_written_null_reads_the_same_or_goes_to_the_python_reader(
    data_dir: Path, name: str, fast_reads: bool
) -> None:
    write(data_dir, [prompt(), {**prompt(), name: None}])
    path = next(data_dir.glob("log/*/T1.prompts.jsonl"))
    fast, slow = _fast(path, PROMPT_SCHEMA), _python(path, PROMPT_SCHEMA)
    assert len(slow) == 2
    assert (fast is not None and _same(fast, slow)) if fast_reads else fast is None


def test_a_file_of_version_2_then_version_3_records_reads_the_same_or_goes_to_the_python_reader(
    data_dir: Path,
) -> None:
    """A terminal upgraded during the day: its records before carry no `rule` nor `heard`."""
    write(data_dir, [prompt(seq=1), prompt(seq=2, rule="cross_sell:1>20", heard=2, outcome="declined")])
    path = next(data_dir.glob("log/*/T1.prompts.jsonl"))
    fast, slow = _fast(path, PROMPT_SCHEMA), _python(path, PROMPT_SCHEMA)
    assert fast is None or _same(fast, slow)
    assert slow.values["rule"] == ["cross_sell:1>20"] and slow.fields["heard"].tolist() == [0, 2]
