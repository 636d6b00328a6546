"""Made-up sales never mix with live ones (issue 25): `pos simulate` never writes the live counter's
default folder ($POS_DATA_DIR, or the user data folder), even empty and named with --data; and the
live counter refuses a folder a simulation marked, saying why and what to do, while training (a
set clock, as drills) may use it."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

import pytest

from pos import locations
from pos.cli import main
from pos.commands.cashier import build_app


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
        menu=None, cashier="C1", data=str(sim), now=datetime(2026, 11, 23, 12), terminal="T1"
    )
    assert build_app(args).writer.close() == [], "a set clock's training session starts there"
