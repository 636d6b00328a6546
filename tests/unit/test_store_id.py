"""A folder's store id stays its own: a `store-id` file lost from a folder whose records name the id
is restored from them, never made anew (a new id split the folder into two stores and refused every
receipt code printed before); records that name two ids stop the start with what to restore."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pos.core.analytics.report import History
from pos.core.base.errors import DataFolderError
from pos.core.base.store_id import FILE, folder_id, store_id
from pos.core.codes.codes import Codes
from pos.core.log.eventlog import EventLog
from pos.core.log.menu_stamp import MenuStamp
from pos.core.selling.menu_loader import load_menu
from pos.core.training.simulate import simulate
from tests.conftest import MENUS

BURGERS = load_menu(MENUS / "burger_counter.toml")


def _sell(folder: Path, seed: int, day: date) -> None:
    with EventLog(folder, "T1", sync=False, menu=MenuStamp.of(BURGERS)) as log:
        simulate(BURGERS, log, orders=8, seed=seed, cashiers=1, first_day=day, days=1)


def test_a_lost_store_id_is_restored_from_the_records_and_the_folder_stays_one_store(tmp_path: Path) -> None:
    _sell(tmp_path, 1, date(2026, 11, 23))
    before = (tmp_path / FILE).read_text()
    code = Codes(tmp_path).issue("T1-20261123-0099", "40", None, 99, date(2026, 11, 23), valid_days=30).code
    (tmp_path / FILE).unlink()

    assert folder_id(tmp_path) == before.strip(), (
        "a report gives older records the id the folder's records name"
    )
    assert not (tmp_path / FILE).exists(), "a report writes nothing"
    _sell(tmp_path, 2, date(2026, 11, 24))

    assert (tmp_path / FILE).read_text() == before
    assert len(History.load(tmp_path).report(("store",)).rows) == 1
    redeemed = Codes(tmp_path).redeem(code, "T1-20261125-0001", date(2026, 11, 25))
    assert getattr(redeemed, "code", None) == code, "codes printed before still redeem"


def test_records_naming_two_store_ids_stop_the_start_with_what_to_restore(tmp_path: Path) -> None:
    _sell(tmp_path, 1, date(2026, 11, 23))
    (tmp_path / FILE).unlink()
    stray = tmp_path / "log" / "2026-11-24"
    stray.mkdir()
    (stray / "T2.menus.jsonl").write_text(json.dumps({"store_id": "ABCDEFGHJK", "menu": "x"}) + "\n")

    with pytest.raises(DataFolderError, match=r"name 2 store ids.*restore it from a backup"):
        store_id(tmp_path)
    assert not (tmp_path / FILE).exists()
    assert folder_id(tmp_path) == str(tmp_path.resolve()), "a report still reads the folder"
    assert History.load(tmp_path).totals["shown"] > 0


def test_a_folder_whose_records_name_no_store_id_gets_a_new_one(tmp_path: Path) -> None:
    day = tmp_path / "log" / "2026-11-23"
    day.mkdir(parents=True)
    (day / "T1.menus.jsonl").write_text(json.dumps({"menu": "x", "terminal": "T1"}) + "\n")  # before v3

    made = store_id(tmp_path)

    assert (tmp_path / FILE).read_text() == made + "\n"
