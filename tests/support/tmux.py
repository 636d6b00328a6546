"""The real program in a real terminal: tmux runs it, sends keys, reads the screen.

Skipped, with the reason, where tmux is missing (`.ci/run` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO

TMUX_KEYS = {
    "enter": "Enter",
    "escape": "Escape",
    "backspace": "BSpace",
    "up": "Up",
    "down": "Down",
    "space": "Space",
    "pagedown": "NPage",
    "pageup": "PPage",
    "ctrl+p": "C-p",
    "ctrl+q": "C-q",
    "ctrl+end": "C-End",
    **{f"f{n}": f"F{n}" for n in range(1, 13)},
    " ": "Space",
    ";": "\\;",
}
needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
)


class Terminal:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "pos")

    def settled(self, timeout: float = 10.0, quiet: float = 0.3) -> str:
        """The screen once it has not changed for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        last, since = self.screen(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.03)
            now = self.screen()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return now
        return last

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never showed; the screen:\n{self.screen()}")

    def burst(self, keys: Sequence[str]) -> None:
        """All keys in one send-keys: the program reads them together."""
        self.tmux("send-keys", "-t", "pos", *(TMUX_KEYS.get(key, key) for key in keys))

    def slowly(self, keys: Sequence[str]) -> None:
        """One key at a time, each on the screen before the next."""
        for key in keys:
            self.burst([key])
            self.settled(quiet=0.06)


@contextmanager
def running(
    args: Sequence[str], size: tuple[int, int] = (100, 30), ready: str = "Terminal"
) -> Iterator[Terminal]:
    """`pos ARGS` in a detached tmux session of its own (its own server socket), closed after."""
    terminal = Terminal(f"pos-test-{uuid.uuid4().hex[:8]}")
    command = " ".join([sys.executable, "-m", "pos", *(f"'{arg}'" for arg in args)])
    terminal.tmux(
        "new-session",
        "-d",
        "-s",
        "pos",
        "-x",
        str(size[0]),
        "-y",
        str(size[1]),
        "-c",
        str(REPO),
        f"TEXTUAL_ANIMATION=none {command}; sleep 30",
    )
    try:
        terminal.wait_for(ready)
        yield terminal
    finally:
        subprocess.run(["tmux", "-L", terminal.socket, "kill-server"], capture_output=True, timeout=10)


def logged(data_dir: Path, table: str) -> list[dict[str, object]]:
    """The records, less what differs from run to run: time, response time, the wording drawn at random,
    and the data folder's store id."""
    import json

    drop = {"ts", "store_id", "response_ms", "pitch", "variant", "template"}
    return [
        {k: v for k, v in json.loads(line).items() if k not in drop}
        for path in sorted(data_dir.glob(f"log/*/*.{table}.jsonl"))
        for line in path.read_text().splitlines()
    ]
