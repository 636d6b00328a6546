"""Made-up sales never mix with live ones (issue 25): `pos simulate` never writes the live counter's
default folder ($POS_DATA_DIR, or the user data folder), even empty and named with --data; and the
live counter refuses a folder a simulation marked, saying why and what to do, while training (a
set clock, as drills) may use it. Started together in an empty folder, exactly one of the two runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from threading import Barrier, Thread

import pytest

from pos import locations
from pos.cli import main
from pos.commands.cashier import build_app
from pos.core.base.errors import PosError
from pos.core.base.files import replace_whole
from pos.core.base.store_id import store_id
from pos.core.training import simulated_folder
from pos.core.training.simulated_folder import claim_for_live_sales, mark_simulated

ROUNDS = 10
"""Live starts and simulations started together, each pair in an empty folder of its own."""


def simulate(folder: Path | str) -> int:
    return main(["simulate", "--orders", "5", "--date", "2026-11-23", "--data", str(folder)])


def test_simulate_never_writes_the_live_counters_default_folder_even_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live, user = tmp_path / "live", tmp_path / "user" / "pos"
    live.mkdir()
    user.mkdir(parents=True)
    (tmp_path / "link").symlink_to(user)
    monkeypatch.setattr(locations, "user_folder", lambda: user)
    monkeypatch.setenv(locations.DATA_ENV, str(live))
    assert simulate(live) == 2
    assert f"pos: data folder {live}: is the live counter's (POS_DATA_DIR)" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    for named in (user, "link", "user/pos/"):  # however it is named
        assert simulate(named) == 2
        assert "is the live counter's (its default data folder)" in capsys.readouterr().err
    assert list(live.iterdir()) == list(user.iterdir()) == []


def test_the_live_counter_refuses_a_simulated_folder_and_training_may_use_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sim = tmp_path / "sim"
    sim.mkdir()
    assert simulate(sim) == 0
    capsys.readouterr()
    assert main(["--data", str(sim), "--cashier", "C1"]) == 2
    err = capsys.readouterr().err
    assert f"pos: data folder {sim}: is a simulation's (marked {sim / 'simulated'})" in err
    assert "--data" in err and "drill" in err
    assert not (sim / "locks" / "T1.lock").exists(), "refused before the terminal is taken"
    args = argparse.Namespace(
        menu=None, cashier="C1", data=str(sim), now=datetime(2026, 11, 23, 12), terminal="T1", printer=None
    )
    assert build_app(args).writer.close() == [], "a set clock's training session starts there"


def outcome(start: Callable[[Path], None], folder: Path) -> str:
    try:
        start(folder)
    except PosError as error:
        return f"refused: {error}"
    return "runs"


def test_a_simulation_started_during_a_live_start_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes: dict[str, str] = {}
    simulation = Thread(target=lambda: outcomes.update(simulate=outcome(mark_simulated, tmp_path)))

    def simulate_then_claim(data_dir: Path) -> str:
        simulation.start()  # the folder checked and found no simulation's: a simulation now
        simulation.join(timeout=0.2)  # the whole simulation's check and mark, unless it waits its turn
        return store_id(data_dir)

    monkeypatch.setattr(simulated_folder, "store_id", simulate_then_claim)
    outcomes["live"] = outcome(claim_for_live_sales, tmp_path)
    simulation.join()
    assert outcomes["live"] == "runs"
    assert (
        outcomes["simulate"].startswith("refused:")
        and "store's own records (store-id)" in outcomes["simulate"]
    )
    assert not (tmp_path / "simulated").exists()


def test_a_live_start_during_a_simulations_check_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes: dict[str, str] = {}
    live = Thread(target=lambda: outcomes.update(live=outcome(claim_for_live_sales, tmp_path)))
    write = replace_whole

    def live_then_mark(path: Path, content: bytes, sync: bool = True) -> None:
        live.start()  # the folder checked and found empty: a live start now
        live.join(timeout=0.2)
        write(path, content, sync)

    monkeypatch.setattr(simulated_folder, "replace_whole", live_then_mark)
    outcomes["simulate"] = outcome(mark_simulated, tmp_path)
    live.join()
    assert outcomes["simulate"] == "runs"
    assert outcomes["live"].startswith("refused:") and "is a simulation's" in outcomes["live"]
    assert not (tmp_path / "store-id").exists()


def race(folder: Path) -> dict[str, str]:
    """A live start and a simulation, started at once in `folder`: what each came to."""
    together = Barrier(2)
    outcomes: dict[str, str] = {}

    def start(name: str, how: Callable[[Path], None]) -> None:
        together.wait()
        outcomes[name] = outcome(how, folder)

    starts = (("live", claim_for_live_sales), ("simulate", mark_simulated))
    threads = [Thread(target=start, args=args) for args in starts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_a_live_start_and_a_simulation_started_together_one_runs(tmp_path: Path) -> None:
    for round_ in range(ROUNDS):
        folder = tmp_path / str(round_)
        folder.mkdir()
        outcomes = race(folder)
        assert list(outcomes.values()).count("runs") == 1, outcomes
        assert (folder / "simulated").exists() != (folder / "store-id").exists()
