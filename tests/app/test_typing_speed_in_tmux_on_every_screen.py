"""In a real terminal, over the finder, help and the report screen: one burst and one key at a time
give the same order, log and screen. tmux sends a burst in one write, so "Esc 2" arrives as "™"."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.app.test_typing_speed_in_tmux import _without_pitch
from tests.support.tmux import Terminal, logged, needs_tmux, running

pytestmark = needs_tmux

FINDER_ESC_2 = ["ctrl+p", "escape", "2", "2", "enter"]
"""Ctrl+P, then Esc and 22 at once: it added item 8 (the finder read "™2")."""
OVER_HELP = ["f1", *FINDER_ESC_2]
"""The same with help open: help stayed open and the keys were lost."""
EVERY_SCREEN = [
    *["ctrl+p", "pagedown", "pagedown", "up", "escape"],  # PageDown before the list was drawn stopped the app
    *["f1", "4", "0", "enter"],  # a key typed over help closes it and goes on to the order
    *["ctrl+p", *"sundae", "enter", "n"],
    *["f5", "f4", "pagedown", "f3", "escape", "2", "0", "enter", "n", "n"],
]
"""No Esc here is followed by a key Textual's parser reads it away with (see tests.support.terminal_burst)."""


@pytest.mark.parametrize(
    ("keys", "shown"),
    [(OVER_HELP, ["Side Salad"]), (EVERY_SCREEN, ["Apple Pie", "Sundae", "Small Fries"])],
    ids=["finder then esc 2, over help", "finder, help and reports"],
)
def test_a_burst_in_tmux_acts_as_slow_typing_on_every_screen(
    keys: list[str], shown: list[str], tmp_path: Path
) -> None:
    results = []
    for way in ("slowly", "burst"):
        data = tmp_path / way
        data.mkdir()
        args = ["--data", str(data), "--cashier", "C1", "--now", "2026-11-23T12:15:00"]
        with running(args) as terminal:
            getattr(terminal, way)(keys)
            # the first F5 imports the report engine: the screen stands still meanwhile
            _wait_for_order(terminal, shown)
            screen = terminal.settled()
        results.append((logged(data, "prompts"), screen))
    (slow_prompts, slow_screen), (fast_prompts, fast_screen) = results
    assert fast_prompts == slow_prompts
    assert _without_pitch(fast_screen) == _without_pitch(slow_screen)
    assert _order(fast_screen) == shown
    assert "KEYS" not in fast_screen and "Nothing found" not in fast_screen


def _order(screen: str) -> list[str]:
    """The names on the order's lines ("    1 Apple Pie     $1.39     $1.39"), in order."""
    names = []
    for line in screen.splitlines():
        if match := re.match(r"^\s+\d+ (\S.*?)\s{2,}\$", line):
            names.append(match.group(1))
    return names


def _wait_for_order(terminal: Terminal, names: list[str], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while _order(terminal.screen()) != names:
        if time.monotonic() > deadline:
            raise AssertionError(f"the order never showed {names}; the screen:\n{terminal.screen()}")
        time.sleep(0.05)
