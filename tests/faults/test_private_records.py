"""Receipt codes are readable by their owner only (issue 25): the prompt log carries each code
printed and redeemed, so every file pos owns (logs, audit, menu records, open orders, set-aside
copies, the report cache, the score book, the locks) is made owner-only, in folders made
owner-only, and so is every file `pos export` writes. A folder an older version made readable by
all is made the owner's when pos next writes into it: at a terminal's start, what pos keeps at
the top of the data folder (the store id, `set-aside/` and its files, `training/`), and the
default data folder itself wherever it is used."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from pos import locations
from pos.cli import main
from pos.core.analytics.report import build_report
from pos.core.base.events import Mode
from pos.core.codes.codes import session_codes
from pos.core.log.eventlog import EventLog
from pos.core.log.menu_stamp import MenuStamp
from pos.core.log.unsaved import UnsavedFile
from pos.core.selling.menu_loader import load_menu
from pos.core.training.scores import ScoreBook
from pos.core.training.simulate import simulate
from tests.conftest import MENUS
from tests.support.hand_logs import order_record, prompt, prompt_event, write

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Windows has no mode bits to check")

DAY = "2026-11-01"


def simulated(data: Path, orders: int) -> None:
    """A day of the bundled menu: logs, menu records, codes printed and redeemed, the report cache."""
    menu = load_menu(MENUS / "burger_counter.toml")
    with EventLog(data, "SIM", sync=False, menu=MenuStamp.of(menu)) as log:
        simulate(menu, log, orders=orders, seed=3, cashiers=1, first_day=date(2026, 11, 1), days=1)


def loose(root: Path) -> list[str]:
    """Everything under `root` another user of the machine could read or enter."""
    found = []
    for folder, folders, files in os.walk(root):
        for name in [*folders, *files]:
            path = Path(folder) / name
            if stat.S_IMODE(os.lstat(path).st_mode) & 0o077:
                found.append(f"{path.relative_to(root)} {stat.S_IMODE(os.lstat(path).st_mode):o}")
    return found


def reachable(root: Path) -> list[str]:
    """Everything under `root` (a folder open to all) another user could read: readable by all, in
    folders all may enter."""
    found = []
    for folder, folders, files in os.walk(root):
        for name in [*folders, *files]:
            if os.lstat(Path(folder) / name).st_mode & 0o044:
                found.append(str((Path(folder) / name).relative_to(root)))
        folders[:] = [name for name in folders if os.lstat(Path(folder) / name).st_mode & 0o001]
    return sorted(found)


def as_an_older_version_left_it(root: Path) -> None:
    """Every folder 0755, every file 0644, as an older pos made them under the usual umask."""
    for folder, folders, files in os.walk(root):
        for name in folders:
            (Path(folder) / name).chmod(0o755)
        for name in files:
            (Path(folder) / name).chmod(0o644)


@pytest.fixture(autouse=True)
def usual_umask() -> object:
    """The usual umask, under which files used to be made readable by all."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_every_file_and_folder_pos_makes_is_the_owners_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    simulated(data, orders=40)
    assert list((data / "codes").glob("issued.jsonl")), "the simulation printed no code"
    with (data / "log" / DAY / "SIM.prompts.jsonl").open("ab") as torn:
        torn.write(b'{"torn')
    with EventLog(data, "SIM") as log:  # the torn record set aside
        assert any("set aside" in notice for notice in log.notices)
        log.save_open_order(order_record(DAY, order="SIM-20261101-0999", terminal="SIM", status="voided"))
        # a value the spec does not allow: copied to set-aside by the report
        write(data, [prompt(DAY, outcome="Accepted", terminal="SIM")])
    UnsavedFile(data, "T1", "20261101T120000000000").keep("prompts", prompt_event(DAY))
    assert build_report(data).totals["shown"] > 0
    session_codes(data, Mode.TRAINING).issue("T1-20261101-0001", "40", None, 99, date(2026, 11, 1), 7)
    book = ScoreBook(data)
    book.add(
        {
            "ts": f"{DAY}T12:00:00",
            "cashier": "C1",
            "drill": "d",
            "level": "1",
            "customers": 1,
            "score": 1,
            "ask_rate": 1,
            "answers_right": 1,
            "orders_right": 1,
            "seconds_per_customer": 1,
            "added_revenue": 0,
        }
    )
    made = {path.relative_to(data).parts[0] for path in data.rglob("*")}
    assert {"log", "codes", "cache", "set-aside", "open", "locks", "menus", "training", "drills"} <= made
    assert loose(data) == []


def test_an_export_is_the_owners_only(tmp_path: Path) -> None:
    from pos.core.analytics.export import export_parquet

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    simulated(data, orders=20)
    output = tmp_path / "warehouse"
    assert export_parquet(data, output, None, None).rows["prompts"] > 0
    assert stat.S_IMODE(output.stat().st_mode) == 0o700
    assert loose(output) == []
    (part,) = (output / "prompts").glob(f"store_id=*/day={DAY}/part-*.parquet")
    part.chmod(0o644)  # an older export's
    export_parquet(data, output, None, None)
    assert loose(output) == []


def test_a_folder_an_older_version_made_readable_by_all_is_made_the_owners(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    write(data, [prompt(DAY, terminal="T1")])
    for folder in (data / "log", data / "log" / DAY):
        folder.chmod(0o755)
    (data / "log" / DAY / "T1.prompts.jsonl").chmod(0o644)
    with EventLog(data, "T1") as log:
        log.log_prompt(prompt_event(DAY, order="T1-20261101-0002"))
    assert loose(data) == []
    assert stat.S_IMODE(data.stat().st_mode) == 0o755, "the folder the user named is theirs"


def test_what_an_older_version_left_readable_by_all_is_out_of_reach_after_a_terminals_start(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    simulated(data, orders=20)
    with (data / "log" / DAY / "SIM.prompts.jsonl").open("ab") as torn:
        torn.write(b'{"torn')
    EventLog(data, "SIM").close()  # the torn record set aside
    session_codes(data, Mode.TRAINING).issue("T1-20261101-0001", "40", None, 99, date(2026, 11, 1), 7)
    as_an_older_version_left_it(data)
    assert {"store-id", "set-aside", "training"} <= set(reachable(data))
    with EventLog(data, "T1") as log:  # a live sale
        log.log_prompt(prompt_event(DAY, order="T1-20261101-0002"))
    assert reachable(data) == []
    (aside,) = (data / "set-aside").iterdir()
    for path, mode in ((data / "store-id", 0o600), (aside, 0o600), (data / "training", 0o700)):
        assert stat.S_IMODE(path.stat().st_mode) == mode, path
    assert stat.S_IMODE(data.stat().st_mode) == 0o755, "the folder the user named is theirs"


def test_the_default_data_folder_an_older_version_left_readable_by_all_is_made_the_owners(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "home" / "pos"
    default.mkdir(parents=True, mode=0o755)
    monkeypatch.setattr(locations, "user_folder", lambda: default)
    monkeypatch.delenv(locations.DATA_ENV, raising=False)
    assert main(["report"]) == 0  # it only reads the folder
    assert stat.S_IMODE(default.stat().st_mode) == 0o700
    default.chmod(0o755)
    assert locations.data_folder(None) == default  # the counter's, a drill's
    assert stat.S_IMODE(default.stat().st_mode) == 0o700
