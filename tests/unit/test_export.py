"""`pos export` round trip: docs/chain.md's SQL, run by DuckDB over an export, gives every figure of
`pos report --by cashier --format json`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyarrow.dataset
import pytest

from pos.cli import main
from pos.core.analytics.warehouse import DuckDBWarehouse, warehouse_report
from pos.reports.text import json_text
from tests.conftest import REPO
from tests.support.in_process import PosReport
from tests.support.warehouse_checks import same_figures, same_rows
from tests.unit.test_report_truth import _history

duckdb = pytest.importorskip("duckdb", reason="the export test checks docs/chain.md's SQL with DuckDB")


def _export(data_dir: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pos",
            "export",
            "--format",
            "parquet",
            "--data",
            str(data_dir),
            "-o",
            str(output),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def export_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("chain")
    _history(data_dir)  # voids, a killed open order, midnight, a changed menu, variants at qty 1 and 2
    return data_dir


def test_the_reports_sql_over_an_export_gives_every_figure_of_the_report(
    pos_report: PosReport, export_history: Path, tmp_path: Path
) -> None:
    result = _export(export_history, tmp_path / "export")
    assert result.returncode == 0, result.stderr
    assert "prompt events" in result.stdout
    reported = json.loads(
        pos_report("--data", str(export_history), "--by", "cashier", "--format", "json").stdout
    )
    _agree(tmp_path / "export", reported)


@pytest.mark.parametrize(
    ("start", "until"),
    [("2026-11-24", None), (None, "2026-11-23"), ("2026-11-22", "2026-11-23"), ("2026-11-22", "2026-11-24")],
)
def test_an_export_of_a_date_range_holds_what_the_report_of_it_counts(
    export_history: Path, tmp_path: Path, start: str | None, until: str | None
) -> None:
    """An order across midnight (its upsell at 23:57 on the 23rd, paid on the 24th) counts on its
    record's day, in the export of a range as in the report of it."""
    from pos.core.analytics.export import export_parquet
    from pos.core.analytics.report import Filters, History

    first, last = (date.fromisoformat(day) if day else None for day in (start, until))
    export_parquet(export_history, tmp_path / "export", first, last)
    by = ("cashier",)
    reported = json.loads(
        json_text(History.load(export_history, Filters(start=first, until=last), by).report(by))
    )
    _agree(tmp_path / "export", reported)


def _agree(export: Path, reported: dict[str, Any], currency: str | None = None) -> None:
    """The report's SQL over `export` (pos.core.analytics.warehouse, DuckDB) gives the report's totals and
    its rows by cashier, every figure, in `currency` (by default the one all its rows are in)."""
    engine = DuckDBWarehouse(export)
    totals, rows = (
        [row for row in warehouse_report(engine, by) if currency is None or row["currency"] == currency]
        for by in ("currency", "cashier")
    )
    assert [row["cashier"] for row in rows] == [row["cashier"] for row in reported["rows"]]
    assert all({"orders", "avg_ticket", "added_per_order"} <= set(row) for row in rows), "each one's own"
    (total,) = totals
    same_figures(total, reported["totals"])
    same_rows(rows, reported)


def test_an_export_leaves_out_what_the_reports_leave_out(tmp_path: Path) -> None:
    from tests.support.hand_logs import prompt, write

    data_dir = tmp_path / "data"
    write(data_dir, [prompt(seq=1), prompt(seq=1), prompt(seq=2, outcome="Accepted")])
    result = _export(data_dir, tmp_path / "export")
    assert result.returncode == 0, result.stderr
    assert "record written twice" in result.stderr and "left out" in result.stderr
    query = f"select count(*) from read_parquet('{tmp_path / 'export'}/prompts/*/*/*.parquet')"
    assert duckdb.sql(query).fetchall() == [(1,)]


def test_an_older_record_is_exported_with_the_rule_and_heard_the_reports_give_it(tmp_path: Path) -> None:
    from pos.core.analytics.export import export_parquet
    from tests.support.hand_logs import prompt, write

    data_dir, order = tmp_path / "data", "T1-20261123-0007"
    write(  # version 2, an order across midnight
        data_dir,
        [
            prompt(order=order, seq=1, kind="after_sale", trigger=None, offer="40", outcome="redeemed"),
            prompt(order=order, seq=2, hour=23, outcome="declined"),
            prompt(order=order, seq=3, hour=23, outcome="held_out", kind="cross_sell", offer="20"),
            prompt("2026-11-24", 0, order=order, seq=4, kind="cross_sell", offer="50", outcome="skipped"),
            prompt("2026-11-24", 0, order=order, seq=5, kind="checkout", trigger=None, offer="42"),
            prompt("2026-11-24", order="T1-20261124-0001", seq=1, rule="a-rule", heard=1),
        ],
    )
    export_parquet(data_dir, tmp_path / "export", None, None)
    rows = duckdb.sql(
        f"select rule, heard from read_parquet('{tmp_path / 'export'}/prompts/*/*/*.parquet') order by ts, seq"
    ).fetchall()
    assert rows == [
        ("after_sale:>40", 0),
        ("upsell:1>31", 1),
        ("cross_sell:1>20", 0),
        ("cross_sell:1>50", 2),
        ("checkout:>42", 2),
        ("a-rule", 1),
    ]


def test_every_table_says_whose_rows_they_are_older_records_their_folders(tmp_path: Path) -> None:
    from tests.support.hand_logs import order, prompt, write

    data_dir = tmp_path / "data"
    line = {"code": "31", "name": "Meal", "size": None, "qty": 1, "unit_price": 600, "source": "upsell"}
    write(data_dir, [prompt(seq=1)])
    write(data_dir, [order(lines=[{**line, "prompt": 1, "added": 100}], voided_lines=[])], table="orders")
    result = _export(data_dir, tmp_path / "export")
    assert result.returncode == 0, result.stderr
    for table in ("prompts", "orders", "order_lines"):
        query = f"select distinct store_id from read_parquet('{tmp_path / 'export'}/{table}/*/*/*.parquet')"
        assert duckdb.sql(query).fetchall() == [(str(data_dir.resolve()),)], table
        (folder,) = (tmp_path / "export" / table).iterdir()
        assert unquote(folder.name) == f"store_id={data_dir.resolve()}" and "%2F" in folder.name, "escaped"
    assert not (data_dir / "store-id").exists(), "an export writes no store id"


def test_a_version_1_line_says_nothing_of_what_a_prompt_added(tmp_path: Path) -> None:
    """A version 1 order record has no `added`: exported null, never 0 (which says a prompt added
    nothing); a version 2 line's 0 stays 0."""
    from tests.support.hand_logs import order, write

    data_dir = tmp_path / "data"
    line = {"code": "31", "name": "Meal", "size": None, "qty": 1, "unit_price": 600, "source": "entered"}
    write(
        data_dir,
        [
            order(lines=[line]),
            order(order="T1-20261123-0002", lines=[{**line, "prompt": None, "added": 0}], voided_lines=[]),
        ],
        table="orders",
    )
    result = _export(data_dir, tmp_path / "export")
    assert result.returncode == 0, result.stderr
    assert sorted(_table(tmp_path / "export", "order_lines", '"order", added')) == [
        ("T1-20261123-0001", None),
        ("T1-20261123-0002", 0),
    ]


def _table(export: Path, table: str, columns: str) -> list[tuple[Any, ...]]:
    query = f"select {columns} from read_parquet('{export}/{table}/*/*/*.parquet', hive_partitioning = true)"
    rows: list[tuple[Any, ...]] = duckdb.sql(query).fetchall()
    return rows


def test_ts_is_an_instant_and_ts_local_the_time_logged(tmp_path: Path) -> None:
    """Recomputed from the raw file: `ts` the instant of each logged time, `ts_local` its text, whose
    hour docs/chain.md's SQL reads as the local one."""
    from pos.core.analytics.export import export_parquet
    from tests.support.hand_logs import order, write

    data_dir, times = tmp_path / "data", ["2026-11-23T23:59:59.999-05:00", "2026-11-24T00:30:00.001+01:00"]
    write(data_dir, [order(ts=times[0]), order(ts=times[1], order="T1-20261124-0001")], table="orders")
    write(data_dir, [order(ts="2026-11-23T12:00:00.000", order="T1-20261123-0002")], table="orders")
    exported = export_parquet(data_dir, tmp_path / "export", None, None)
    logged = [
        json.loads(line)["ts"]
        for path in sorted((data_dir / "log").glob("*/T1.orders.jsonl"))
        for line in path.read_text().splitlines()
    ]
    rows = _table(tmp_path / "export", "orders", "ts, ts_local, typeof(ts), hour(ts_local::timestamp)")
    assert sorted(row[1] for row in rows) == sorted(logged)
    for ts, text, kind, hour in rows:
        assert kind == "TIMESTAMP WITH TIME ZONE" and hour == int(text[11:13])
        instant = datetime.fromisoformat(text)
        assert ts == (instant if instant.tzinfo else None)
    assert (
        "1 record(s) whose ts names no UTC offset: their ts is null, ts_local as logged" in exported.notices
    )


def test_every_table_says_its_currency(export_history: Path, tmp_path: Path) -> None:
    assert _export(export_history, tmp_path / "export").returncode == 0
    for table in ("prompts", "orders", "order_lines"):
        assert _table(tmp_path / "export", table, "distinct currency") == [("USD",)], table


def test_a_record_whose_currency_its_menus_do_not_tell_has_none_and_is_named(tmp_path: Path) -> None:
    """T1 started with a menu in euros on the 23rd (two currencies that day), T2 sold in dollars, and
    T1's 24th has no menu record: the store's menus are in two, so its currency is not told either.
    A store whose every menu is in dollars gives a day with no menu record its dollars; one with
    no menu recorded has none."""
    from pos.core.analytics.export import export_parquet
    from pos.core.log.menu_stamp import MenuStamp, keep
    from tests.support.hand_logs import order, write

    def sell(folder: Path, menus: dict[tuple[str, str], list[str]]) -> None:
        for (day, terminal), currencies in menus.items():
            for currency in currencies:
                stamp = MenuStamp(f"Menu in {currency}", currency, {"1": "Burger"})
                keep(folder, stamp)
                menu = {"day": day, "terminal": terminal, "menu": stamp.digest, "name": stamp.name}
                write(folder, [{**menu, "currency": currency, "ts": day}], table="menus")
        for day, terminal in [("2026-11-23", "T1"), ("2026-11-23", "T2"), ("2026-11-24", "T1")]:
            write(folder, [order(day, terminal=terminal, order=f"{terminal}-{day}")], table="orders")

    chain = {"mixed": {("2026-11-23", "T1"): ["USD", "EUR"], ("2026-11-23", "T2"): ["USD"]}}
    chain |= {"dollars": {("2026-11-23", "T1"): ["USD"]}, "unknown": {}}
    currencies, notices = {}, []
    for name, menus in chain.items():
        folder = tmp_path / name
        folder.mkdir()
        sell(folder, menus)
        notices += export_parquet(folder, tmp_path / "export" / name, None, None).notices
        currencies[name] = sorted(
            _table(tmp_path / "export" / name, "orders", "day::text, terminal, currency"), key=str
        )
    assert currencies["mixed"] == [
        ("2026-11-23", "T1", None),
        ("2026-11-23", "T2", "USD"),
        ("2026-11-24", "T1", None),
    ]
    assert currencies["dollars"] == [
        ("2026-11-23", "T1", "USD"),
        ("2026-11-23", "T2", "USD"),
        ("2026-11-24", "T1", "USD"),
    ]
    assert {currency for _, _, currency in currencies["unknown"]} == {None}
    mixed, unknown = (str((tmp_path / name).resolve()) for name in ("mixed", "unknown"))
    assert notices == [
        f"T1 on 2026-11-23 (store {mixed}) sold from menus in EUR, USD: its records' currency is left null",
        f"store {mixed}: no menu recorded for T1 on 2026-11-24, and its menus are in EUR, USD: "
        "their records' currency is left null",
        f"store {unknown}: no menu recorded for T1 on 2026-11-23, T2 on 2026-11-23, T1 on 2026-11-24, "
        "and it recorded none: their records' currency is left null",
    ]


def test_the_reports_sql_over_stores_in_two_currencies_never_adds_their_money(
    tmp_path: Path,
) -> None:
    """A dollar store's and a euro store's exports read together: the SQL's rows are each
    currency's totals and cashiers, each as that store's own report."""
    import dataclasses

    from pos.core.analytics.export import export_parquet
    from pos.core.analytics.report import Filters, History
    from tests.unit.test_chain import BURGERS, _store

    stores = {"USD": _store(tmp_path / "dollars", "Dollars", 1)}
    stores["EUR"] = _store(tmp_path / "euros", "Euros", 2, dataclasses.replace(BURGERS, currency="EUR"))
    for folder in stores.values():  # both into one folder: each store's files are its own
        export_parquet(folder, tmp_path / "chain", None, None)
    totals = warehouse_report(DuckDBWarehouse(tmp_path / "chain"), "currency")
    assert [row["currency"] for row in totals] == ["EUR", "USD"]
    by = ("cashier",)
    for currency, folder in stores.items():
        reported = json.loads(json_text(History.load(folder, Filters(), by).report(by)))
        _agree(tmp_path / "chain", reported, currency)


def test_a_folder_of_several_store_ids_exports_each_to_its_own_partition(tmp_path: Path) -> None:
    """A store's records, its backup's of another id, and older records that carry none (their
    folder's path, escaped into one folder name): each store's rows under its own `store_id=`, read
    back by DuckDB and pyarrow as the ids they are, and nothing written outside the export."""
    from pos.core.analytics.export import export_parquet
    from tests.support.hand_logs import prompt, write

    data_dir, output = tmp_path / "old store %41 = ..", tmp_path / "out" / "export"
    write(data_dir, [prompt(seq=1, order="T1-20261123-0001")])
    ids = ["V84BRVY7PG", "2345678923"]
    write(
        data_dir,
        [prompt(store_id=store, seq=1, order=f"T1-20261123-000{n}") for n, store in enumerate(ids, 2)],
    )
    exported = export_parquet(data_dir, output, None, None)
    assert exported.rows["prompts"] == 3
    stores = sorted([*ids, str(data_dir.resolve())])
    assert sorted(unquote(path.name) for path in (output / "prompts").iterdir()) == [
        f"store_id={store}" for store in stores
    ]
    assert [path.parent.parent.parent for path in (tmp_path / "out").rglob("*.parquet")] == [
        output / "prompts"
    ] * 3
    read = f"read_parquet('{output}/prompts/*/*/*.parquet', hive_types = {{'store_id': varchar}})"
    assert duckdb.sql(f"select store_id, count(*) from {read} group by all order by 1").fetchall() == [
        (store, 1) for store in stores
    ]
    dataset = pyarrow.dataset.dataset(output / "prompts", partitioning="hive")
    assert sorted(dataset.to_table(columns=["store_id"]).column(0).to_pylist()) == stores


def test_the_reports_sql_gives_no_interval_to_a_cashier_who_asked_nothing(
    pos_report: PosReport, tmp_path: Path
) -> None:
    """Every prompt skipped: no acceptance rate and no Wilson interval, as the report says (the
    SQL's 0 to 1 came from `greatest` and `least` skipping the null the formula gave)."""
    from pos.core.analytics.export import export_parquet
    from tests.support.hand_logs import order, prompt, write

    data_dir = tmp_path / "data"
    line = {"code": "31", "name": "Meal", "size": None, "qty": 1, "unit_price": 600, "source": "entered"}
    write(data_dir, [prompt(seq=1, outcome="skipped")])
    write(data_dir, [order(lines=[{**line, "prompt": None, "added": 0}], voided_lines=[])], table="orders")
    export_parquet(data_dir, tmp_path / "export", None, None)
    reported = json.loads(pos_report("--data", str(data_dir), "--by", "cashier", "--format", "json").stdout)
    _agree(tmp_path / "export", reported)
    assert reported["totals"]["asked"] == 0 and reported["totals"]["ci_low"] is None


def test_order_tenders_lists_each_tender_an_older_record_s_as_one_cash_tender(tmp_path: Path) -> None:
    from pos.core.analytics.export import export_parquet
    from tests.support.hand_logs import order, write

    data_dir = tmp_path / "data"
    split = [{"kind": "card", "amount": 300}, {"kind": "cash", "amount": 400}]
    write(
        data_dir,
        [
            order(tendered=700, change=200),
            order(order="T1-20261123-0002", tendered=700, change=200, tenders=split),
            order(order="T1-20261123-0003", status="voided", tendered=0, tenders=[]),
        ],
        table="orders",
    )
    exported = export_parquet(data_dir, tmp_path / "export", None, None)
    assert exported.rows["order_tenders"] == 3
    query = (
        '"order", status, kind, amount, order_rid = (select rid from orders o where o."order" = t."order")'
    )
    rows = duckdb.sql(
        f"with orders as (select * from read_parquet('{tmp_path}/export/orders/*/*/*.parquet')), "
        f"t as (select * from read_parquet('{tmp_path}/export/order_tenders/*/*/*.parquet')) "
        f"select {query} from t order by rid"
    ).fetchall()
    assert rows == [
        ("T1-20261123-0001", "paid", "cash", 700, True),
        ("T1-20261123-0002", "paid", "card", 300, True),
        ("T1-20261123-0002", "paid", "cash", 400, True),
    ]


@pytest.mark.parametrize("in_the_way", ["the output", "a table's folder"])
def test_an_output_that_is_a_file_is_refused_by_name(
    export_history: Path, tmp_path: Path, in_the_way: str, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    if in_the_way == "the output":
        output.write_text("")
    else:
        output.mkdir()
        (output / "prompts").write_text("")
    assert main(["export", "--data", str(export_history), "-o", str(output)]) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"pos: -o {output}") and "Traceback" not in said
