"""A closed day's Parquet (`pos.core.analytics.day_parquet`) is trusted only while its log files are the ones
it was read from and its bytes have the checksum its manifest keeps: a forged, stale, cut or
linked one is never counted, the log is."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from pos.core.analytics.report import build_report
from tests.support.hand_logs import prompt, write

DAY = "2026-11-23"


def folder(data_dir: Path) -> Path:
    return data_dir / "cache" / "parquet" / f"day={DAY}"


def compacted(data_dir: Path) -> Path:
    """Three accepted prompts of 100 in a closed day, compacted by a first report: its prompts' Parquet."""
    write(data_dir, [prompt(order=f"T1-20261123-000{n}") for n in (1, 2, 3)])
    assert build_report(data_dir).totals["accepted_value"] == 300
    return folder(data_dir) / "prompts.parquet"


def forge(path: Path) -> bytes:
    """The Parquet file with 1000 added to every delta; its new bytes."""
    table = pq.read_table(path)
    index = table.schema.get_field_index("delta")
    table = table.set_column(index, "delta", pc.add(table.column("delta"), 1000))
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    path.write_bytes(sink.getvalue().to_pybytes())
    return path.read_bytes()


def test_a_forged_parquet_is_not_counted_and_is_named(data_dir: Path) -> None:
    path = compacted(data_dir)
    forge(path)
    report = build_report(data_dir)
    assert report.totals["accepted_value"] == 300
    assert any(
        str(path) in notice and "not the file its manifest vouches for" in notice for notice in report.notices
    )
    again = build_report(data_dir)  # rebuilt from the log: trusted again, and nothing to say
    assert again.totals["accepted_value"] == 300 and again.notices == []


def test_a_forged_parquet_with_its_checksum_updated_is_not_counted_once_the_log_changed(
    data_dir: Path,
) -> None:
    path = compacted(data_dir)
    manifest = folder(data_dir) / "manifest.json"
    content = json.loads(manifest.read_text())
    content["files"]["prompts.parquet"] = hashlib.sha256(forge(path)).hexdigest()
    manifest.write_text(json.dumps(content))
    write(data_dir, [prompt(order="T1-20261123-0004")])  # a late record: the log is not what was read
    report = build_report(data_dir)
    assert report.totals["accepted_value"] == 400 and report.notices == []


def test_an_edit_in_place_of_a_closed_day_is_seen_whatever_its_size_and_time(data_dir: Path) -> None:
    compacted(data_dir)
    log = data_dir / "log" / DAY / "T1.prompts.jsonl"
    before = log.stat()
    text = log.read_bytes()
    edited = text.replace(b'"delta": 100', b'"delta": 700', 1)
    assert len(edited) == len(text) and edited != text
    log.write_bytes(edited)
    os.utime(log, ns=(before.st_atime_ns, before.st_mtime_ns))  # its time put back: its ctime moved
    assert build_report(data_dir).totals["accepted_value"] == 900


def test_a_cut_parquet_is_named_and_rebuilt(data_dir: Path) -> None:
    path = compacted(data_dir)
    path.write_bytes(path.read_bytes()[:-20])
    report = build_report(data_dir)
    assert report.totals["accepted_value"] == 300
    assert any(str(path) in notice for notice in report.notices)
    assert pq.read_table(path).num_rows == 3


@pytest.mark.skipif(os.name != "posix", reason="links need privileges on Windows")
@pytest.mark.parametrize("linked", ["cache", "cache/parquet", f"cache/parquet/day={DAY}"])
def test_a_linked_cache_folder_is_neither_read_nor_written(
    data_dir: Path, tmp_path: Path, linked: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    link = data_dir / linked
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    write(data_dir, [prompt(), prompt(order="T1-20261123-0002")])
    for _ in range(2):
        assert build_report(data_dir).totals["accepted_value"] == 200
    assert list(outside.iterdir()) == []


def test_a_report_while_a_terminal_writes_a_closed_day_counts_each_record_once(data_dir: Path) -> None:
    write(data_dir, [prompt(order="T1-20261123-0000")])
    log = data_dir / "log" / DAY / "T1.prompts.jsonl"
    done = threading.Event()
    lines = [json.dumps(prompt(order=f"T1-20261123-{n:04d}")) + "\n" for n in range(1, 201)]

    def terminal() -> None:  # a record written in two parts: a reader may meet it half written
        with open(log, "a") as handle:
            for line in lines:
                handle.write(line[:40])
                handle.flush()
                handle.write(line[40:])
                handle.flush()
        done.set()

    writer = threading.Thread(target=terminal)
    writer.start()
    seen = [build_report(data_dir).totals["shown"] for _ in range(5)]
    writer.join()
    assert seen == sorted(seen) and all(1 <= count <= 201 for count in seen)
    assert build_report(data_dir).totals["shown"] == 201
    assert build_report(data_dir).totals["shown"] == 201


def rehash(data_dir: Path, name: str) -> None:
    """The manifest made to vouch for the file as it now is."""
    manifest = folder(data_dir) / "manifest.json"
    content = json.loads(manifest.read_text())
    content["files"][name] = hashlib.sha256((folder(data_dir) / name).read_bytes()).hexdigest()
    manifest.write_text(json.dumps(content))


@pytest.mark.parametrize("change", ["plain text", "null delta"])
def test_a_parquet_not_of_the_shape_a_report_writes_is_refused_whatever_its_checksum(
    data_dir: Path, change: str
) -> None:
    path = compacted(data_dir)
    table = pq.read_table(path)
    if change == "plain text":
        table = table.set_column(
            table.schema.get_field_index("cashier"), "cashier", table.column("cashier").cast(pa.string())
        )
    else:
        index = table.schema.get_field_index("delta")
        table = table.set_column(index, "delta", pa.array([None, 100, 100], pa.int64()))
    pq.write_table(table, path)
    rehash(data_dir, "prompts.parquet")
    report = build_report(data_dir, ("cashier",))
    assert report.totals["accepted_value"] == 300
    assert any(str(path) in notice and "rebuilt" in notice for notice in report.notices)


def test_a_parquet_that_cannot_be_rebuilt_is_not_said_to_be(data_dir: Path) -> None:
    path = compacted(data_dir)
    path.unlink()
    path.mkdir()  # a folder where the file goes: it cannot be replaced
    report = build_report(data_dir)
    assert report.totals["accepted_value"] == 300
    (notice,) = [notice for notice in report.notices if str(path) in notice]
    assert notice.endswith("read from the log") and "rebuilt" not in notice


def test_what_a_killed_compaction_left_is_cleared_by_the_next(data_dir: Path) -> None:
    compacted(data_dir)
    stale = folder(data_dir) / ".prompts.parquet.tl5xndr9"
    stale.write_bytes(b"half a file")
    write(data_dir, [prompt(order="T1-20261123-0004")])  # the day compacted anew
    assert build_report(data_dir).totals["accepted_value"] == 400
    assert not stale.exists()


def test_a_copy_of_unreadable_records_taken_away_is_made_again(data_dir: Path) -> None:
    write(data_dir, [prompt()])
    log = data_dir / "log" / DAY / "T1.prompts.jsonl"
    with open(log, "a") as handle:
        handle.write("not json\n")
    build_report(data_dir)
    kept = data_dir / "set-aside" / f"{DAY}.T1.prompts.jsonl.unreadable"
    kept.unlink()
    report = build_report(data_dir)  # from the day's Parquet: the log is not read for its rows
    assert kept.read_bytes() == b"2\tnot json\n"
    assert any(str(kept) in notice for notice in report.notices)


@pytest.mark.parametrize("name", ["order_lines.parquet", "order_items.parquet", "learned_choices.parquet"])
def test_a_damaged_parquet_of_the_orders_lines_or_items_is_named_too(data_dir: Path, name: str) -> None:
    """The learned choices' too, though a day without any (these prompts learned nothing) is known
    empty by its checksum alone."""
    from tests.support.hand_logs import order

    write(data_dir, [prompt(seq=1), prompt(seq=2, outcome="held_out")])
    write(data_dir, [order()], table="orders")
    first = build_report(data_dir)
    path = folder(data_dir) / name
    with open(path, "ab") as handle:
        handle.write(b"garbage")
    report = build_report(data_dir)
    assert report.totals == first.totals
    assert any(str(path) in notice for notice in report.notices)


def _rewritten(path: Path, name: str, change: Callable[[pa.Array], pa.Array]) -> None:
    """The Parquet file with its column `name` changed."""
    table = pq.read_table(path)
    index = table.schema.get_field_index(name)
    table = table.set_column(index, table.schema.field(index), change(table.column(index).combine_chunks()))
    pq.write_table(table, path)


@pytest.mark.parametrize("change", ["a record count", "a line of no record", "a code of no text"])
def test_a_day_whose_parquet_disagrees_with_its_records_is_named_and_rebuilt(
    data_dir: Path, change: str
) -> None:
    """Whatever the checksums say: the manifest's count of the records read (it vouches for itself
    only by the log's identities), a prompted line's record beyond them, a text's code beyond its
    dictionary. Each is named, and the day read again from the log; none ends in a traceback."""
    from tests.support.hand_logs import order, order_line

    paid = order_line("31", 500, source="upsell", prompt=1, added=100)
    write(data_dir, [prompt(seq=1), prompt(seq=1, order="T1-20261123-0002")])
    write(data_dir, [order(lines=[paid], voided_lines=[]), order(order="T1-20261123-0002")], table="orders")
    first = build_report(data_dir)
    manifest = folder(data_dir) / "manifest.json"
    if change == "a record count":
        content = json.loads(manifest.read_text())
        content["reads"][0]["records"] += 5
        manifest.write_text(json.dumps(content))
        named = "prompts.parquet"
    elif change == "a line of no record":
        named = "order_lines.parquet"
        _rewritten(folder(data_dir) / named, "order_rid", lambda rids: pc.add(rids, 100))
        rehash(data_dir, named)
    else:
        named = "prompts.parquet"
        _rewritten(
            folder(data_dir) / named,
            "cashier",
            lambda codes: pa.DictionaryArray.from_arrays(
                pc.add(codes.indices, pa.scalar(9, pa.int32())), codes.dictionary, safe=False
            ),
        )
        rehash(data_dir, named)
    report = build_report(data_dir)
    assert report.totals == first.totals
    assert any(f"{named}: not the file its manifest vouches for" in notice for notice in report.notices)
    assert build_report(data_dir).notices == first.notices


def test_a_day_compacted_again_by_another_report_while_it_is_read_is_not_called_damaged(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between a report's reading of a closed day's manifest and of its Parquet, a terminal writes into
    the day and another report compacts it again: the files no longer match the manifest read, which
    is no damage. The day is read again, and nothing said."""
    from pos.core.analytics import day_parquet

    write(data_dir, [prompt(order="T1-20261123-0001")])
    build_report(data_dir)
    reads = day_parquet._reads
    meanwhile: list[int] = []

    def another_report_meanwhile(*args: Any) -> Any:
        if not meanwhile:
            meanwhile.append(1)
            write(data_dir, [prompt(order="T1-20261123-0002")])
            assert build_report(data_dir).totals["shown"] == 2
        return reads(*args)

    monkeypatch.setattr(day_parquet, "_reads", another_report_meanwhile)
    report = build_report(data_dir)
    assert meanwhile and report.notices == [] and report.totals["shown"] == 2
