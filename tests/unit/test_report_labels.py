"""A report names the store, the currency and the items from the menus the data folder recorded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pos.core.analytics.report_labels import Labels, recorded_labels
from pos.core.log.eventlog import EventLog
from pos.core.log.menu_stamp import MenuStamp
from pos.core.selling.menu_loader import load_menu, parse_menu
from pos.core.training.simulate import simulate
from tests.conftest import MENUS
from tests.support.in_process import PosReport

BURGERS = load_menu(MENUS / "burger_counter.toml")
COFFEE = load_menu(MENUS / "coffee_bar.toml")


def _sell(data_dir: Path, menu_text: str | None, first_day: date, terminal: str = "T1") -> None:
    menu = COFFEE if menu_text is None else parse_menu(menu_text, Path("renamed.toml"))
    with EventLog(data_dir, terminal, sync=False, menu=MenuStamp.of(menu)) as log:
        simulate(menu, log, orders=20, seed=3, cashiers=1, first_day=first_day, days=1)


def test_a_coffee_bars_data_is_reported_as_the_coffee_bar_in_euros(
    pos_report: PosReport, data_dir: Path
) -> None:
    _sell(data_dir, None, date(2026, 11, 23))
    labels = recorded_labels(data_dir, None, None, None, fallback=BURGERS)
    assert (labels.store, labels.currency, labels.notices) == ("Corner Coffee Bar", "EUR", [])
    assert labels.names["E1"] == "Espresso"
    html = pos_report("--data", str(data_dir), "--format", "html").stdout
    assert "<title>Corner Coffee Bar: selling report</title>" in html and "€" in html
    assert "Burger Counter" not in html


def test_a_changed_menu_shows_both_names_and_says_so(data_dir: Path) -> None:
    _sell(data_dir, None, date(2026, 11, 22))
    renamed = (MENUS / "coffee_bar.toml").read_text().replace('"Espresso"', '"Ristretto"', 1)
    _sell(data_dir, renamed.replace("Corner Coffee Bar", "Corner Coffee Bar II"), date(2026, 11, 23))
    labels = recorded_labels(data_dir, None, None, None, fallback=BURGERS)
    assert labels.store == "Corner Coffee Bar II" and labels.names["E1"] == "Espresso / Ristretto"
    assert any("the menu changed" in notice for notice in labels.notices)
    only_first = recorded_labels(data_dir, None, date(2026, 11, 22), None, fallback=BURGERS)
    assert only_first.names["E1"] == "Espresso" and only_first.notices == []


def test_mixed_currencies_are_named(data_dir: Path) -> None:
    _sell(data_dir, None, date(2026, 11, 22))
    dollars = (MENUS / "coffee_bar.toml").read_text().replace('currency = "EUR"', 'currency = "USD"')
    _sell(data_dir, dollars, date(2026, 11, 23), terminal="T2")
    labels = recorded_labels(data_dir, None, None, None, fallback=BURGERS)
    assert any("EUR, USD" in notice for notice in labels.notices)
    assert recorded_labels(data_dir, None, None, "T1", fallback=BURGERS).currency == "EUR"


def test_a_history_without_menus_says_where_its_names_come_from(data_dir: Path) -> None:
    with EventLog(data_dir, "T1", sync=False) as log:
        simulate(COFFEE, log, orders=5, seed=3, cashiers=1, first_day=date(2026, 11, 23), days=1)
    labels = recorded_labels(data_dir, None, None, None, fallback=BURGERS)
    assert labels.store == "Burger Counter" and "does not say which menu" in labels.notices[0]


def test_menu_overrides_what_the_data_says(pos_report: PosReport, data_dir: Path) -> None:
    _sell(data_dir, None, date(2026, 11, 23))
    result = pos_report(
        "--data", str(data_dir), "--menu", str(MENUS / "burger_counter.toml"), "--format", "html"
    )
    assert "<title>Burger Counter: selling report</title>" in result.stdout
    assert Labels.of(BURGERS).currency == "USD"


def test_each_day_records_its_menu_once_per_terminal(data_dir: Path) -> None:
    _sell(data_dir, None, date(2026, 11, 23))
    _sell(data_dir, None, date(2026, 11, 23))
    (record,) = (data_dir / "log" / "2026-11-23" / "T1.menus.jsonl").read_text().splitlines()
    assert MenuStamp.of(COFFEE).digest in record
    assert (data_dir / "menus" / f"{MenuStamp.of(COFFEE).digest}.json").exists()
