"""The bounds docs/cashier.md promises, and bad input at every door: a clear message, exit 2, no traceback."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pos.cli import main
from pos.core.base.ids import valid_id
from pos.core.base.money import parse_money
from pos.core.counter.entry import EntryError, parse_entry
from pos.core.counter.tender import TenderError, parse_tender
from tests.conftest import MENUS
from tests.support.counter_kit import BURGERS
from tests.support.small_menus import menu_text
from tests.unit.test_menu_loader import errors_of


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["drill", "--help"],
        ["report", "--help"],
        ["simulate", "--help"],
        ["menu", "check", "--help"],
    ],
)
def test_help_reads_as_the_readme(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert not any(f"{word}_" in out for word in ("DRILL", "SIM", "REPORT")), "no DRILL_MENU-style metavars"
    assert "Traceback" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--now", "0001-01-01T00:00"], "years 2000 to 2099"),
        (["--now", "9999-12-31T23:59:58"], "years 2000 to 2099"),
        (["simulate", "--orders", "2", "--date", "9999-12-31", "--days", "2"], "years 2000 to 2099"),
        (["simulate", "--orders", "2", "--date", "2099-12-31", "--days", "2"], "runs past the year 2099"),
        (["--data", "", "report"], "--data is empty"),
        (["drill", "--data", "", "--scores"], "--data is empty"),
        (["--cashier", "T1\n"], "1 to 24 letters"),
        (["--terminal", "T1\n", "--cashier", "C1"], "terminal"),
    ],
)
def test_bad_arguments_are_clear_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    if "--data" not in args and args[0] != "simulate":
        args = ["--data", str(data_dir), *args]
    elif args[0] == "simulate":
        args = [*args, "--data", str(data_dir)]
    try:
        code = main(args)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out = capsys.readouterr()
    assert code == 2
    assert message in out.err and "Traceback" not in out.err


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        ('[rules]\nmax_upsell_ratio = "1e999999"\n', 'field "max_upsell_ratio"'),
        ('[rules]\nmax_upsell_ratio = "101"\n', 'field "max_upsell_ratio"'),
    ],
)
def test_huge_numbers_in_a_menu_name_the_field(rules: str, field: str) -> None:
    assert field in errors_of(menu_text(rules))


def test_a_huge_price_names_item_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for price in ("1e999999", "1e5000", '"1000000"'):  # TOML numbers, and text
        menu = tmp_path / "menu.toml"
        menu.write_text(
            (MENUS / "burger_counter.toml").read_text().replace('price = "3.49"', f"price = {price}", 1)
        )
        code = main(["menu", "check", str(menu)])
        err = capsys.readouterr().err
        assert (
            code == 2
            and 'item "1", field "price": an amount is below 1,000,000 USD' in err
            and "menu.toml:" in err
        )


def test_toml_nested_500_deep_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    menu = tmp_path / "deep.toml"
    menu.write_text("a = " + "[" * 500 + "]" * 500 + "\n")
    assert main(["menu", "check", str(menu)]) == 2
    assert "deep.toml: TOML syntax: arrays or tables nested too deep" in capsys.readouterr().err


def test_amount_bounds() -> None:
    assert parse_money("999999.99", "USD") == 99_999_999
    with pytest.raises(ValueError, match="below 1,000,000"):
        parse_money(Decimal("1e999999"), "USD")
    assert parse_tender("", 540, "USD") == 540
    assert parse_tender("540", 540, "USD") == 54_000, "a hundred times the total is taken"
    with pytest.raises(TenderError, match="more than this counter takes"):
        parse_tender("540.01", 540, "USD")
    with pytest.raises(TenderError, match="not an amount"):
        parse_tender("9" * 4400, 540, "USD")


def test_quantity_bounds() -> None:
    assert parse_entry("99*40", BURGERS).qty == 99
    for text in ("100*40", "0*40", "9" * 4400 + "*40"):
        with pytest.raises(EntryError, match="a quantity is 1 to 99"):
            parse_entry(text, BURGERS)


def test_ids_match_whole_strings() -> None:
    assert valid_id("T1") and not valid_id("T1\n") and not valid_id("T1 ") and not valid_id("x" * 25)


def test_an_unknown_size_lists_sizes_in_menu_order() -> None:
    with pytest.raises(EntryError, match="Fries comes in Small, Medium, Large; 'jumbo'"):
        parse_entry("20 jumbo", BURGERS)
    errors = errors_of(menu_text('[[cross_sell]]\nwhen = ["1"]\noffer = "20"\nsize = "Jumbo"\n'))
    assert '"Small", "Medium", "Large"' in errors


def test_a_data_path_with_markup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "x[" / "]y [@click=app.quit]"
    folder.mkdir(parents=True)
    assert main(["simulate", "--orders", "3", "--data", str(folder)]) == 0
    assert main(["report", "--data", str(folder)]) == 0
    assert main(["drill", "--scores", "--data", str(folder)]) == 0
    captured = capsys.readouterr()
    # shown literally; a long path may be wrapped at any of its spaces, so they are left out of the match
    assert "x[/]y[@click=app.quit]" in "".join((captured.out + captured.err).split())


def test_a_file_named_set_aside_stops_the_start_with_a_message(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_dir / "log" / "2026-11-23"
    folder.mkdir(parents=True)
    (folder / "T1.prompts.jsonl").write_bytes(b'{"ts": "2026-11-23T12:00:00"}\n{"torn')
    (data_dir / "set-aside").write_text("not a folder")
    assert main(["--data", str(data_dir), "--cashier", "C1", "--now", "2026-11-23T12:15"]) == 2
    err = capsys.readouterr().err
    assert "set-aside: is not a folder" in err and "Traceback" not in err
    assert (folder / "T1.prompts.jsonl").read_bytes().endswith(b'{"torn'), (
        "nothing was cut before it could be kept"
    )
