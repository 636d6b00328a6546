"""The screens need a terminal: with standard input from a file or a pipe, `pos` says so and stops
(it spun at full speed for ever, reading the end of its input), and the commands that show no
screen, or a screen through `pos serve`, go on as before."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pos.core.base.errors import PosError
from pos.terminal import need_a_terminal
from tests.conftest import REPO


def pos(
    *args: str, stdin: int | None = subprocess.DEVNULL, text_in: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos", *args],
        cwd=REPO,
        stdin=None if text_in is not None else stdin,
        input=text_in,
        capture_output=True,
        text=True,
        timeout=60,
        env={key: value for key, value in os.environ.items() if key != "TEXTUAL_DRIVER"},
    )


@pytest.mark.parametrize(
    ("args", "screen"),
    [([], "the cashier screen"), (["drill"], "a drill"), (["report", "--tui"], "the report screen")],
    ids=["pos", "pos drill", "pos report --tui"],
)
def test_a_screen_with_no_terminal_is_refused(args: list[str], screen: str, tmp_path: Path) -> None:
    result = pos("--data", str(tmp_path), "--cashier", "C1", *args)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"pos: {screen} needs a terminal; standard input is not one"
    assert "Traceback" not in result.stderr


def test_a_pipe_is_not_a_terminal_either(tmp_path: Path) -> None:
    result = pos("--data", str(tmp_path), text_in="40\n")
    assert result.returncode == 2 and "needs a terminal" in result.stderr
    assert not any(tmp_path.glob("open/*")), "nothing was keyed"


def test_commands_that_show_no_screen_do_not_need_one(tmp_path: Path) -> None:
    assert pos("menu", "check", str(REPO / "menus" / "burger_counter.toml")).returncode == 0
    simulate = pos("simulate", "--orders", "3", "--data", str(tmp_path), "--date", "2026-11-23")
    assert simulate.returncode == 0, simulate.stderr
    report = pos("report", "--data", str(tmp_path), "--format", "json")
    assert report.returncode == 0 and report.stdout.startswith("{"), report.stderr


def test_a_served_session_talks_through_pipes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(PosError, match="needs a terminal"):
        need_a_terminal("a drill")
    monkeypatch.setenv(
        "TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver"
    )  # what pos serve's sessions get
    need_a_terminal("a drill")
