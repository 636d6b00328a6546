"""A chain's stores in one report (`pos report --data A --data B --by store`) and in one warehouse
(`pos export` of each, read together): a store is its store id, never its menu, so two stores on
one menu with the same terminal, and so the same order ids, never merge (issue 26)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pos.cli import main
from pos.core.analytics.report import Filters, build_report
from pos.core.analytics.warehouse import DuckDBWarehouse, warehouse_report
from pos.core.log.eventlog import EventLog
from pos.core.log.menu_stamp import MenuStamp
from pos.core.selling.menu import Menu
from pos.core.selling.menu_loader import load_menu
from pos.core.training.simulate import simulate
from tests.conftest import MENUS
from tests.support.hand_logs import order, prompt, write
from tests.support.in_process import PosReport
from tests.support.warehouse_checks import same_figures, same_rows

BURGERS = load_menu(MENUS / "burger_counter.toml")


def _store(folder: Path, name: str, seed: int, menu: Menu = BURGERS) -> Path:
    folder.mkdir()
    with EventLog(folder, "T1", sync=False, menu=MenuStamp.of(menu)) as log:
        simulate(
            menu, log, orders=60, seed=seed, cashiers=2, first_day=date(2026, 11, 23), days=1, store=name
        )
    return folder


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    capsys.readouterr()
    assert main(list(args)) == 0
    out = capsys.readouterr()
    return out.out, out.err


@pytest.fixture(scope="module")
def same_menu_chain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The issue's chain: two stores on the bundled menu, terminal T1, one day, seeds 1 and 2."""
    base = tmp_path_factory.mktemp("chain")
    stores = base / "north", base / "south"
    for seed, folder in enumerate(stores, start=1):
        folder.mkdir()
        simulated = [
            *("simulate", "--orders", "50", "--seed", str(seed), "--date", "2026-11-23"),
            *("--terminal", "T1", "--data", str(folder)),
        ]
        assert main(simulated) == 0
    return stores


def _id(folder: Path) -> str:
    return (folder / "store-id").read_text().strip()


def test_two_stores_on_one_menu_with_one_terminal_are_two_stores(
    same_menu_chain: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    north, south = same_menu_chain
    assert _id(north) != _id(south)
    for folder in same_menu_chain:  # every record says whose it is
        for table in ("prompts", "orders", "menus"):
            lines = (folder / "log" / "2026-11-23" / f"T1.{table}.jsonl").read_text().splitlines()
            assert {json.loads(line)["store_id"] for line in lines} == {_id(folder)}
    alone = [build_report(folder).totals for folder in same_menu_chain]
    out, err = _run(capsys, "report", "--data", str(north), "--data", str(south), "--format", "json")
    assert "more than once" not in err
    together = json.loads(out)["totals"]
    for metric in ("shown", "accepted", "added_revenue", "orders"):
        assert together[metric] == alone[0][metric] + alone[1][metric], metric
    assert together["orders"] > 50, "each store's T1-20261123-0001 is an order of its own"
    out, _ = _run(
        capsys, "report", "--data", str(north), "--data", str(south), "--by", "store", "--format", "json"
    )
    rows = json.loads(out)["rows"]
    assert [(row["store"], row["store_id"]) for row in rows] == sorted(
        ("Burger Counter", _id(folder)) for folder in same_menu_chain
    )
    by_id = {row["store_id"]: row for row in rows}
    for folder, totals in zip(same_menu_chain, alone, strict=True):
        assert by_id[_id(folder)]["shown"] == totals["shown"]
    out, _ = _run(capsys, "report", "--data", str(north), "--data", str(south), "--by", "store")
    said = " ".join(out.split())
    assert all(f"({_id(folder)})" in said for folder in same_menu_chain), "two stores of one name told apart"


def test_the_reports_sql_over_a_chains_exports_keeps_its_stores_apart(
    same_menu_chain: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    duckdb = pytest.importorskip("duckdb", reason="the chain's warehouse is queried with DuckDB")
    import pyarrow.dataset as dataset

    stores = tmp_path / "chain"
    # each store's export, then all copied into one folder: `cp -r north/* south/* chain/`
    for folder in same_menu_chain:
        _run(
            capsys, "export", "--format", "parquet", "--data", str(folder), "-o", str(tmp_path / folder.name)
        )
        shutil.copytree(tmp_path / folder.name, stores, dirs_exist_ok=True)
    read = f"read_parquet('{stores}/orders/*/*/*.parquet', hive_partitioning = true)"
    per_store = duckdb.sql(f'select store_id, count(distinct "order") from {read} group by all').fetchall()
    assert sorted(per_store) == sorted((_id(folder), 50) for folder in same_menu_chain)
    orders = dataset.dataset(stores / "orders", partitioning="hive").to_table(columns=["store_id", "order"])
    assert sorted({(row["store_id"], row["order"]) for row in orders.to_pylist()}) == sorted(
        (_id(folder), f"T1-20261123-{number:04}") for folder in same_menu_chain for number in range(1, 51)
    ), "pyarrow reads the same dataset"
    engine = DuckDBWarehouse(stores)
    data = ("--data", str(same_menu_chain[0]), "--data", str(same_menu_chain[1]))
    for by in ("store", "cashier"):
        out, _ = _run(capsys, "report", *data, "--by", by, "--format", "json")
        reported = json.loads(out)
        rows = warehouse_report(engine, by)
        assert len(rows) > 1
        same_rows(rows, reported, by)
    (totals,) = warehouse_report(engine, "currency")
    same_figures(totals, reported["totals"])


def test_older_records_without_a_store_id_in_two_folders_never_merge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Version 2 records carry no store id: each folder's are its own (by its `store-id`, else by
    the folder), and reading them makes no `store-id`."""
    north, south = tmp_path / "north", tmp_path / "south"
    for folder in (north, south):
        write(folder, [prompt(seq=1, outcome="accepted", delta=100), prompt(seq=2, outcome="declined")])
        write(folder, [order(lines=[], voided_lines=[])], table="orders")
    (south / "store-id").write_text("SQUTHSTQRE\n")
    out, err = _run(
        capsys, "report", "--data", str(north), "--data", str(south), "--by", "store", "--format", "json"
    )
    assert "more than once" not in err
    report = json.loads(out)
    assert (report["totals"]["shown"], report["totals"]["orders"]) == (4, 2)
    assert sorted(row["store_id"] for row in report["rows"]) == sorted([str(north.resolve()), "SQUTHSTQRE"])
    assert not (north / "store-id").exists(), "a report writes no store id"


def test_an_order_logged_across_the_store_ids_arrival_is_one_order(tmp_path: Path) -> None:
    """A prompt written before version 3 and its order record written after, with the folder's id:
    one order, its prompt's sale kept."""
    (tmp_path / "store-id").write_text("NQRTHSTQRE\n")
    write(tmp_path, [prompt(seq=1, outcome="accepted", delta=100)])
    line = {"code": "31", "name": "Meal", "size": None, "qty": 1, "unit_price": 600, "source": "upsell"}
    paid = order(lines=[{**line, "prompt": 1, "added": 100}], voided_lines=[], store_id="NQRTHSTQRE")
    write(tmp_path, [paid], table="orders")
    totals = build_report(tmp_path).totals
    assert (totals["orders"], totals["added_revenue"]) == (1, 100)


def test_stores_in_two_currencies_each_in_its_own_and_never_added_up(
    pos_report: PosReport,
    tmp_path: Path,
) -> None:
    taco = _store(tmp_path / "taco", "Taco Stand", 1)
    coffee = _store(tmp_path / "coffee", "Coffee Bar", 2, load_menu(MENUS / "coffee_bar.toml"))
    result = pos_report("--data", str(taco), "--data", str(coffee), "--by", "store")
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert "these stores sell in EUR, USD" in said and "money is not added up across currencies" in said
    assert f"{taco}: USD" in said and f"{coffee}: EUR" in said
    assert "the stores' menus differ" in said and "--from and --until" not in said
    lines = result.stdout.splitlines()
    (coffee_row,) = [line for line in lines if line.startswith(" Coffee Bar")]
    (taco_row,) = [line for line in lines if line.startswith(" Taco Stand")]
    (total,) = [line for line in lines if line.startswith(" Total")]
    assert "€" in coffee_row and "$" not in coffee_row and "$" in taco_row and "€" not in taco_row
    assert total.count("–") == 3 and not {"$", "€"} & set(total), "kept, agreed, avg ticket: not added up"
    summary, coached = result.stdout.split("Orders paid")[1].split("Coaching:")
    assert not {"$", "€"} & set(summary)
    (taco_coached,) = [line for line in coached.splitlines() if line.startswith("  Taco Stand ")]
    (coffee_coached,) = [line for line in coached.splitlines() if line.startswith("  Coffee Bar ")]
    assert "$" in taco_coached and "€" in coffee_coached, "each store coached in its own currency"
    assert "not added up across currencies" in result.stdout
    html = pos_report("--data", str(taco), "--data", str(coffee), "--format", "html").stdout
    assert "<title>Burger Counter / Corner Coffee Bar: selling report</title>" in html
    alone = pos_report("--data", str(taco), "--by", "store")
    assert "$" in alone.stdout.split(" Total")[1] and "not added up" not in alone.stdout + alone.stderr


def test_json_and_csv_never_add_money_across_currencies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One menu sold in dollars in one store and in euros in another: each row says its currency,
    and a row (a rule's, the totals) of both has none and no sum of money."""
    dollars = _store(tmp_path / "dollars", "Dollars", 1)
    euros = _store(tmp_path / "euros", "Euros", 2, dataclasses.replace(BURGERS, currency="EUR"))
    both = ("report", "--data", str(dollars), "--data", str(euros), "--format")
    money = ("added_revenue", "accepted_value", "added_per_prompt_second", "avg_ticket", "added_per_order")
    by_store = json.loads(_run(capsys, *both, "json", "--by", "store")[0])
    assert {row["store_id"]: row["currency"] for row in by_store["rows"]} == {
        _id(dollars): "USD",
        _id(euros): "EUR",
    }
    assert all(row["added_revenue"] > 0 for row in by_store["rows"])
    for report in (by_store, json.loads(_run(capsys, *both, "json", "--by", "rule")[0])):
        assert report["totals"]["currency"] is None
        assert all(report["totals"].get(name) is None for name in money), report["totals"]
    by_rule = json.loads(_run(capsys, *both, "json", "--by", "rule")[0])["rows"]
    assert any(row["currency"] is None for row in by_rule), "the bigger rules are sold in both stores"
    assert all((row["currency"] is None) == (row["added_revenue"] is None) for row in by_rule)
    assert json.loads(_run(capsys, *both, "json")[0])["after_sale"]["redeeming_revenue"] is None
    alone = json.loads(_run(capsys, "report", "--data", str(euros), "--format", "json", "--by", "rule")[0])
    assert alone["totals"]["currency"] == "EUR" and alone["totals"]["added_revenue"] > 0
    assert {row["currency"] for row in alone["rows"]} == {"EUR"}
    (header, *rows) = csv.reader(io.StringIO(_run(capsys, *both, "csv", "--by", "store,rule")[0]))
    for row in map(dict, (zip(header, row, strict=True) for row in rows)):
        assert row["currency"] == ("USD" if row["store_id"] == _id(dollars) else "EUR")
    (header, totals) = csv.reader(io.StringIO(_run(capsys, *both, "csv")[0]))
    assert [totals[header.index(name)] for name in ("currency", *money)] == [""] * 6


def test_a_store_id_not_of_a_store_ids_form_is_set_aside_and_named_never_a_store(tmp_path: Path) -> None:
    """A record's `store_id` is as the `store-id` file holds it: 10 of the id's alphabet, nothing else."""
    folder, good = tmp_path / "store", "V84BRVY7PG"
    wrong = [" V84BRVY7PG", "v84brvy7pg", "V" * 5000, "V84BRVY7P0"]
    write(folder, [prompt(store_id=good, seq=1)])
    write(folder, [prompt(store_id=store, seq=2 + number) for number, store in enumerate(wrong)])
    write(
        folder,
        [order(store_id=good), *(order(store_id=store, order=f"X{store}") for store in wrong)],
        "orders",
    )
    report = build_report(folder, ("store",))
    assert [row["store_id"] for row in report.rows] == [good]
    assert (report.totals["shown"], report.totals["orders"]) == (1, 1)
    for table in ("prompts", "orders"):
        path = folder / "log" / "2026-11-23" / f"T1.{table}.jsonl"
        assert any(str(path) in notice and "line 2, 3, 4, 5" in notice for notice in report.notices)
        kept = folder / "set-aside" / f"2026-11-23.T1.{table}.jsonl.unreadable"
        assert len(kept.read_text().splitlines()) == len(wrong), "each record kept aside"


def _sell(folder: Path, seed: int, day: date) -> Path:
    """A day's sales at `folder`'s terminal T1 (its first makes the folder)."""
    folder.mkdir(exist_ok=True)
    with EventLog(folder, "T1", sync=False, menu=MenuStamp.of(BURGERS)) as log:
        simulate(BURGERS, log, orders=40, seed=seed, cashiers=2, first_day=day, days=1, store="North")
    return folder


@pytest.fixture(scope="module")
def north(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store that sold on 2026-11-23, with a backup taken that night (`north-backup`), then on the 24th."""
    folder = _sell(tmp_path_factory.mktemp("north") / "north", 1, date(2026, 11, 23))
    shutil.copytree(folder, folder.with_name("north-backup"), ignore=shutil.ignore_patterns("cache", "locks"))
    return _sell(folder, 3, date(2026, 11, 24))


def _figures(report: Any) -> tuple[int, int, int]:
    return report.totals["shown"], report.totals["orders"], report.totals["added_revenue"]


def test_the_same_folder_given_twice_is_counted_once_and_said(north: Path, tmp_path: Path) -> None:
    alone = build_report(north)
    link = tmp_path / "link"
    link.symlink_to(north, target_is_directory=True)
    for again in (north, link, Path(os.path.relpath(north))):
        report = build_report([north, again], ("store",))
        assert _figures(report) == _figures(alone) and len(report.rows) == 1
        assert f"{again}: the same folder given twice (as {north}); counted once" in report.notices
        assert not any("written more than once" in notice for notice in report.notices)


def test_a_backup_given_with_its_original_counts_once(north: Path) -> None:
    backup = north.with_name("north-backup")
    report = build_report([north, backup], ("store",))
    assert _figures(report) == _figures(build_report(north)) and len(report.rows) == 1
    assert any("written more than once counted once" in notice for notice in report.notices)
    assert not any("differ" in notice for notice in report.notices)
    later = build_report([north, backup], filters=Filters(start=date(2026, 11, 24)))
    assert _figures(later) == _figures(build_report(north, filters=Filters(start=date(2026, 11, 24))))
    assert not any("more than once" in notice for notice in later.notices), (
        "the 23rd's repeats are not the 24th's"
    )


def test_a_folder_copied_to_set_up_another_store_is_a_store_of_its_own(north: Path, tmp_path: Path) -> None:
    """Both sold on the 24th after the copy: one order id, two orders. Each folder counts as a store."""
    first, second = tmp_path / "north", tmp_path / "south"
    for folder in (first, second):
        shutil.copytree(north.with_name("north-backup"), folder)
    _sell(first, 3, date(2026, 11, 24))
    _sell(second, 4, date(2026, 11, 24))
    report = build_report([first, second], ("store",))
    store = _id(first)
    assert _id(second) == store
    (said,) = [notice for notice in report.notices if "differ" in notice]
    assert said.startswith(f"{first} and {second}: both store {store}, and ") and " record(s) differ" in said
    assert [row["store_id"] for row in report.rows] == [f"{store} ({first})", f"{store} ({second})"]
    for row, folder in zip(report.rows, (first, second), strict=True):
        assert row["shown"] == build_report(folder).totals["shown"]
    assert report.totals["orders"] == sum(build_report(folder).totals["orders"] for folder in (first, second))


def test_a_warehouse_without_an_order_yet_reports_its_prompts(tmp_path: Path) -> None:
    """Every order still open: the export has prompts only, and the warehouse counts them."""
    from pos.core.analytics.export import export_parquet

    data_dir = tmp_path / "data"
    write(data_dir, [prompt(seq=1), prompt(seq=2, outcome="declined")])
    export_parquet(data_dir, tmp_path / "export", None, None)
    assert not (tmp_path / "export" / "orders").exists()
    (row,) = warehouse_report(DuckDBWarehouse(tmp_path / "export"), "store")
    assert (row["shown"], row["accepted"], row["added_revenue"], row["orders"]) == (2, 1, 0, 0)


def test_a_warehouse_report_refuses_a_folder_that_is_no_export_and_a_grouping_it_has_not(
    same_menu_chain: tuple[Path, Path], tmp_path: Path
) -> None:
    from pos.core.analytics.export import export_parquet
    from pos.core.base.errors import PosError

    # a typo, a store's data folder: never an empty report
    for wrong in (tmp_path / "chian", same_menu_chain[0]):
        with pytest.raises(PosError, match="not a folder of pos export's Parquet"):
            DuckDBWarehouse(wrong)
    export_parquet(same_menu_chain[0], tmp_path / "export", None, None)
    with pytest.raises(PosError, match="expected one of store, cashier, terminal, currency"):
        warehouse_report(DuckDBWarehouse(str(tmp_path / "export")), "store,cashier")


def test_a_warehouse_refuses_two_stores_of_one_id_and_counts_a_backup_once(tmp_path: Path) -> None:
    """A store's folder copied to set up another, both selling since: their exports no longer
    overwrite each other's files in the bucket, and the warehouse, which cannot tell them apart,
    refuses them by name; a backup exported beside its store is the same records, counted once."""
    from pos.core.analytics.export import export_parquet
    from pos.core.base.errors import PosError

    north = _store(tmp_path / "north", "North", 1)
    backup, south = tmp_path / "backup", tmp_path / "south"
    shutil.copytree(north, backup)
    shutil.copytree(north, south)
    for folder, seed in ((north, 7), (south, 8)):
        with EventLog(folder, "T1", sync=False, menu=MenuStamp.of(BURGERS)) as log:
            simulate(BURGERS, log, orders=20, seed=seed, cashiers=1, first_day=date(2026, 11, 24), days=1)
    for folder, bucket in ((north, "chain"), (south, "chain"), (north, "safe"), (backup, "safe")):
        export_parquet(folder, tmp_path / bucket, None, None)
    with pytest.raises(PosError, match=f"store {_id(north)}: two exports hold different records"):
        warehouse_report(DuckDBWarehouse(tmp_path / "chain"), "store")
    (row,) = warehouse_report(DuckDBWarehouse(tmp_path / "safe"), "store")
    same_figures(row, dict(build_report(north, ("store",)).rows[0]))
