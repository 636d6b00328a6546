"""Only ASCII 0-9 are digits, wherever text becomes a number: `²` is not a choice, `٣` is not 3."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from pos.cli import build_parser
from pos.core.analytics.columns import PROMPT_SCHEMA, read_log
from pos.core.base.digits import decimal_number, whole_number
from pos.core.base.money import parse_money
from pos.core.codes.codes import Codes, Refusal
from pos.core.counter.counter_keys import TENDER_HELP, Stage
from pos.core.counter.entry import EntryError, parse_entry
from pos.core.counter.meal_entry import MealDraft, parse_combo
from pos.core.counter.tender import TenderError, parse_tender
from pos.core.log.eventlog import EventLog
from pos.core.selling.menu_loader import load_menu
from pos.core.training.drill_script import DrillError, load_drill
from tests.conftest import MENUS, REPO
from tests.support.counter_kit import make_counter, type_keys
from tests.support.hand_logs import prompt, write
from tests.support.small_menus import menu_text
from tests.unit.test_menu_loader import errors_of

BURGERS = load_menu(MENUS / "burger_counter.toml")
OTHER_DIGITS = ["²", "٣", "３", "۵", "߃", "१"]
"""Superscript two, Arabic-Indic three, fullwidth three, Persian five, NKo three, Devanagari one."""


def test_no_module_takes_another_script_s_digits_for_numbers() -> None:
    """The class, not the examples: `\\d`, `isdigit`, `isdecimal` and `isnumeric` take every script's
    digits, so `pos` spells digits `[0-9]` and tests them in `pos/core/base/digits.py` alone."""
    unicode_digit = re.compile(r"\\d|\.isdigit\(|\.isdecimal\(|\.isnumeric\(")
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted((REPO / "pos").rglob("*.py"))
        if path.name != "digits.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if unicode_digit.search(line)
    ]
    assert found == []


@pytest.mark.parametrize("digit", OTHER_DIGITS)
def test_the_helpers_take_0_to_9_alone(digit: str) -> None:
    assert whole_number("12") == 12 and whole_number(f"1{digit}") is None and whole_number(digit) is None
    assert whole_number("") is None and whole_number("+1") is None and whole_number(" 1") is None
    assert decimal_number(" 3.49 ") is not None and decimal_number(f"3.{digit}9") is None
    assert decimal_number("1_000") is None and decimal_number("NaN") is None


@pytest.mark.parametrize("digit", OTHER_DIGITS)
def test_the_entry_line_counts_0_to_9_alone(digit: str) -> None:
    for text in (f"{digit}*1", f"{digit}*20 large", f"1{digit}", digit):
        with pytest.raises(EntryError, match=f"typed with 0-9 \\({digit!r} is not one\\)"):
            parse_entry(text, BURGERS)
    assert parse_combo(f"{digit}*31", BURGERS) is None
    assert parse_entry("3*1", BURGERS).qty == 3


@pytest.mark.parametrize("digit", OTHER_DIGITS)
def test_a_meal_s_slot_takes_a_list_number_in_0_to_9_alone(digit: str) -> None:
    draft = MealDraft.start(BURGERS.combos["31"], 1)
    assert draft.press(digit, digit) is None and draft.typed == digit, "typed, as a code would be"
    assert (
        draft.press("enter", None) == f"{digit!r} is not a side of this meal: a number from 1 to 2, or Enter"
    )
    assert draft.choose(digit) is not None and draft.asking is not None and draft.asking.name == "side"
    assert draft.choose("2") is None and draft.items[-1].code == "21"


@pytest.mark.parametrize("digit", OTHER_DIGITS)
def test_the_tender_takes_0_to_9_alone(digit: str) -> None:
    counter, recorder = make_counter()
    type_keys(counter, "4", "0", "enter", "f10")
    assert counter.stage is Stage.TENDER
    type_keys(counter, "1", digit)
    assert counter.till.tender == "1" and counter.error and counter.message == TENDER_HELP
    with pytest.raises(TenderError, match="not an amount"):
        parse_tender(f"{digit}0", 139, "USD")
    type_keys(counter, "0", "enter")
    assert recorder.orders[-1].tendered == 1000


@pytest.mark.parametrize("digit", OTHER_DIGITS)
def test_a_menu_writes_its_numbers_in_0_to_9(digit: str) -> None:
    with pytest.raises(ValueError, match="expected a price"):
        parse_money(f"{digit}.49", "USD")
    price = menu_text().replace('price = "3.49"', f'price = "{digit}.49"', 1)
    assert 'item "1", field "price": expected a price like "3.49"' in errors_of(price)
    tax = menu_text().replace('tax_rate = "0.0825"', f'tax_rate = "0.0{digit}"')
    assert 'field "tax_rate": expected a decimal number' in errors_of(tax)
    daypart = menu_text().replace('lunch = "10:30-16:00"', f'lunch = "10:30-1{digit}:00"')
    assert 'field "lunch"' in errors_of(daypart)
    season = menu_text('[[checkout]]\noffer = "40"\nfrom = "2026-12-01"\n')
    assert 'field "from"' in errors_of(season.replace("2026-12-01", f"2026-12-0{digit}"))


@pytest.mark.parametrize("digit", ["٢", "²"])
def test_a_drill_script_keys_its_orders_in_0_to_9(tmp_path: Path, digit: str) -> None:
    path = tmp_path / "drill.toml"
    path.write_text(
        f'[drill]\nname = "D"\n[[customer]]\nsays = "Two fries."\norder = ["{digit}*20"]\n', encoding="utf-8"
    )
    with pytest.raises(DrillError, match=f"typed with 0-9 \\({digit!r} is not one\\)"):
        load_drill(path, BURGERS)


@pytest.mark.parametrize(
    "args",
    [
        ["simulate", "--orders", "٣"],
        ["simulate", "--orders", "3", "--seed", "٣"],
        ["simulate", "--orders", "3", "--days", "²"],
        ["drill", "--customers", "٣"],
        ["serve", "--port", "８０００"],
    ],
)
def test_command_line_numbers_are_0_to_9(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(args)  # parsed only: nothing is run
    assert exit_.value.code == 2 and "expected a whole number" in capsys.readouterr().err


def test_a_seed_may_still_be_negative() -> None:
    assert build_parser().parse_args(["simulate", "--orders", "3", "--seed", "-5"]).seed == -5


def test_a_log_s_hour_and_a_code_s_price_are_0_to_9(data_dir: Path) -> None:
    write(data_dir, [prompt(), {**prompt(), "ts": "2026-11-23T١٢:00:00.000+00:00"}])
    (path,) = data_dir.glob("log/*/T1.prompts.jsonl")
    with open(path, "rb") as handle:
        (columns,), bad = read_log(handle, (PROMPT_SCHEMA,))
    assert len(bad) == 1 and columns.lines == 2, "the Arabic-Indic hour is a bad record, not hour 12"
    code = Codes(data_dir).issue("T1-20261123-0001", "40", None, 99, date(2026, 11, 23), 7).code
    issued = data_dir / "codes" / "issued.jsonl"
    issued.write_text(issued.read_text().replace('"price":99', '"price":"٩٩"'), encoding="utf-8")
    refusal = Codes(data_dir).redeem(code, "T1-20261124-0001", date(2026, 11, 24))
    assert refusal is Refusal.WRONG, "a damaged record, not a price of 99"


def test_an_order_number_in_other_digits_is_not_taken_back(data_dir: Path) -> None:
    with EventLog(data_dir, "T1") as log:
        first = log.new_order_id(datetime(2026, 11, 23, 12))
        log.release_order_id("T1-20261123-²")
        log.release_order_id("T1-20261123-٠٠٠١")
        assert log.new_order_id(datetime(2026, 11, 23, 12)) != first
