"""The command line as a user meets it: exit status 2 and a clear message, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pos.core.base.errors import PosError
from pos.locations import data_folder
from tests.conftest import MENUS, REPO


def pos(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "120", **(env or {})},
    )


@pytest.mark.parametrize("menu", sorted(MENUS.glob("*.toml")), ids=lambda p: p.name)
def test_menu_check_summarises_each_shipped_menu(menu: Path) -> None:
    result = pos("menu", "check", str(menu))
    assert result.returncode == 0, result.stderr
    assert "is a good menu" in result.stdout
    assert "Which item triggers which prompts" in result.stdout
    assert "[upsell #1]" in result.stdout


def test_menu_check_shows_what_the_guards_remove(tmp_path: Path) -> None:
    menu = tmp_path / "guarded.toml"
    menu.write_text(
        '[menu]\nname = "Guarded"\ncurrency = "USD"\n[rules]\nmax_upsell_ratio = "1.5"\n'
        '[[item]]\ncode = "1"\nname = "Burger"\nprice = "2.00"\n'
        '[[item]]\ncode = "31"\nname = "Meal"\nprice = "6.99"\n'
        '[[item]]\ncode = "2"\nname = "Big Burger"\nprice = "4.00"\n'
        '[[upsell]]\nitem = "1"\nto = "31"\n[[upsell]]\nitem = "2"\nto = "31"\n',
        encoding="utf-8",
    )
    result = pos("menu", "check", str(menu), env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # $4.99 more on a $2.00 burger is 2.5 x its price: removed; $2.99 on $4.00 is 0.75 x: offered.
    assert any("Meal +$4.99 [upsell #1]: never offered" in line for line in lines)
    assert any("Meal +$2.99 [upsell #2]" in line and "never" not in line for line in lines)


def test_menu_check_lists_meals_their_slots_and_what_a_full_set_saves(tmp_path: Path) -> None:
    menu = tmp_path / "meals.toml"
    menu.write_text(
        (MENUS / "burger_counter.toml").read_text()
        + '\n[[combo]]\ncode = "M1"\nname = "Burger Meal Deal"\nprice = "5.99"\nslots = [\n'
        + '  { name = "main", choose = ["1"] },\n'
        + '  { name = "side", choose = ["20"], size = "Medium" },\n'
        + '  { name = "drink", choose = ["50", "51"], size = "Medium" },\n]\n',
        encoding="utf-8",
    )
    result = pos("menu", "check", str(menu), env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    # Cheeseburger 3.49 + Medium Fries 2.29 + the cheaper Medium drink (Cola 1.59): 7.37, 1.38 saved.
    assert "M1     Burger Meal Deal  $5.99: a full set alone $7.37, saves $1.38" in result.stdout
    assert "side        Medium Fries" in result.stdout


def test_menu_check_on_a_broken_copy(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    text = (MENUS / "burger_counter.toml").read_text()
    broken.write_text(
        text.replace('price = "3.49"', 'price = "3.499"', 1).replace('offer = "20"', 'offer = "2O"', 1)
    )
    result = pos("menu", "check", str(broken))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f'{broken}:37: item "1", field "price": USD prices have at most 2 decimals' in result.stderr
    assert "cross_sell #1, field \"offer\": unknown item code '2O'" in result.stderr
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 2, "a problem a line, each named"
    assert all(line.startswith("pos: ") for line in result.stderr.splitlines())


def test_menu_check_on_a_toml_syntax_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(
        (MENUS / "coffee_bar.toml").read_text().replace('name = "Espresso"', 'name = "Espresso')
    )
    result = pos("menu", "check", str(broken))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{broken}:" in result.stderr and "TOML syntax" in result.stderr


def test_menu_check_on_a_missing_file(tmp_path: Path) -> None:
    result = pos("menu", "check", str(tmp_path / "none.toml"))
    assert result.returncode == 2 and "no such menu file" in result.stderr


def test_bad_arguments_exit_2() -> None:
    result = pos("simulate", "--orders", "many")
    assert result.returncode == 2 and "expected a whole number" in result.stderr


def test_simulate_into_a_data_folder(tmp_path: Path) -> None:
    result = pos(
        "simulate",
        "--orders",
        "300",
        "--seed",
        "5",
        "--days",
        "2",
        "--date",
        "2026-11-01",
        "--cashiers",
        "2",
        "--data",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "Logged 300 orders" in result.stderr
    orders = (tmp_path / "log" / "2026-11-01" / "SIM.orders.jsonl").read_text().splitlines()
    assert len(orders) == 150 and json.loads(orders[0])["terminal"] == "SIM"


def test_simulate_never_writes_the_live_folder(tmp_path: Path) -> None:
    result = pos("simulate", "--orders", "10", "--date", "2026-11-01", env={"POS_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--data" in result.stderr and not (tmp_path / "log").exists()


def test_simulate_refuses_a_stores_own_folder_and_goes_on_in_its_own(tmp_path: Path) -> None:
    store, sim = tmp_path / "store", tmp_path / "sim"
    (store / "codes").mkdir(parents=True)
    (store / "codes" / "secret").write_bytes(b"s" * 32)
    sim.mkdir()
    result = pos("simulate", "--orders", "10", "--data", str(store))
    assert result.returncode == 2 and "a store's own records (codes)" in result.stderr
    assert sorted(p.name for p in store.rglob("*")) == ["codes", "secret"]
    for _ in range(2):  # made up, and made up again
        result = pos("simulate", "--orders", "10", "--date", "2026-11-01", "--data", str(sim))
        assert result.returncode == 0, result.stderr
    assert len((sim / "log" / "2026-11-01" / "SIM.orders.jsonl").read_text().splitlines()) == 20


def test_simulate_into_a_missing_data_folder(tmp_path: Path) -> None:
    result = pos("simulate", "--orders", "10", "--data", str(tmp_path / "nope"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "does not exist" in result.stderr


def test_a_read_only_data_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root may write anywhere, so the check is made to see a folder it may not write.
    monkeypatch.setattr("pos.locations.os.access", lambda path, mode: False)
    with pytest.raises(PosError, match="cannot write to it"):
        data_folder(str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_simulate_into_a_read_only_data_folder(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        result = pos("simulate", "--orders", "10", "--data", str(tmp_path))
    finally:
        tmp_path.chmod(0o700)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot write to it" in result.stderr


def test_simulate_with_a_bad_menu(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[menu]\nname = "X"\n')
    result = pos("simulate", "--orders", "10", "--data", str(tmp_path), "--menu", str(bad))
    assert result.returncode == 2 and 'field "currency": missing' in result.stderr


def test_cashier_screen_with_a_bad_menu_stops_before_the_screen(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[menu]\nname = "X"\ncurrency = "USD"\n[[item]]\ncode = "1"\nname = "A"\nprice = "-1"\n')
    result = pos("--menu", str(bad), "--data", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f'{bad}:7: item "1", field "price": a price cannot be negative' in result.stderr


def test_cashier_screen_with_a_missing_data_folder(tmp_path: Path) -> None:
    result = pos("--data", str(tmp_path / "missing"))
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_cashier_screen_with_a_data_folder_that_is_a_file(tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("")
    result = pos("--data", str(file))
    assert result.returncode == 2 and "is not a folder" in result.stderr


def test_cashier_screen_on_a_terminal_already_open(tmp_path: Path) -> None:
    from pos.core.log.eventlog import EventLog

    with EventLog(tmp_path, "T1"):
        result = pos("--data", str(tmp_path), "--terminal", "T1")
    assert result.returncode == 2 and "terminal T1 is already open" in result.stderr


def test_cashier_screen_with_a_bad_cashier_id(tmp_path: Path) -> None:
    result = pos("--data", str(tmp_path), "--cashier", "no spaces please")
    assert result.returncode == 2 and "--cashier" in result.stderr


def test_cashier_screen_with_a_bad_time(tmp_path: Path) -> None:
    result = pos("--data", str(tmp_path), "--now", "lunchtime")
    assert result.returncode == 2 and "expected a time like" in result.stderr


def test_every_value_pos_report_accepts_is_in_the_managers_guide() -> None:
    """docs/manager.md: the synopsis lists each choice of `--kind`, `--mode` and `--format` as the parser takes them,
    and the `--by` sentence each field `--by` takes (`parse_by`), whatever is added to either."""
    import argparse
    import re

    from pos.cli import build_parser
    from pos.commands.report import parse_by
    from pos.core.analytics.report_fields import GROUP_FIELDS

    guide = (REPO / "docs" / "manager.md").read_text(encoding="utf-8")
    synopsis = guide.split("pos report [", 1)[1].split("```", 1)[0]
    commands = next(
        action for action in build_parser()._actions if isinstance(action, argparse._SubParsersAction)
    )
    report = commands.choices["report"]
    chosen = [action for action in report._actions if action.choices and action.option_strings]
    assert {action.dest for action in chosen} >= {"kind", "mode", "format"}
    for action in chosen:
        option = action.option_strings[-1]
        listed = re.search(rf"\[{option} ([a-z_|]+)\]", synopsis)
        assert listed and sorted(listed.group(1).split("|")) == sorted(action.choices), option
    (by,) = re.findall(r"`--by` takes one or more of `([a-z_\s]+)`", guide)
    assert sorted(by.split()) == sorted(GROUP_FIELDS) and set(parse_by(by.split())) == set(GROUP_FIELDS)


def test_a_report_piped_to_a_reader_gone_stops_without_a_traceback(tmp_path: Path) -> None:
    """`pos report | head`: the reader closes the pipe before the report is written."""
    reader_gone = subprocess.Popen(
        [sys.executable, "-m", "pos", "report", "--data", str(tmp_path), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert reader_gone.stdout is not None and reader_gone.stderr is not None
    reader_gone.stdout.close()
    error = reader_gone.stderr.read().decode()
    assert reader_gone.wait(timeout=60) == 1
    assert "Traceback" not in error and "BrokenPipe" not in error, error
