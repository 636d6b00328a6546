"""A `pos` command run in the test's own process, for tests about what a command says rather than
about the process (its pipes, its interpreter's exit): a Python start saved per command."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from pos.cli import main


@dataclass(frozen=True)
class Ran:
    """What the command returned and printed, named as a finished subprocess names them."""

    returncode: int | str | None
    stdout: str
    stderr: str


def run_pos(capsys: pytest.CaptureFixture[str], *args: str) -> Ran:
    capsys.readouterr()  # what the test printed before is not the command's
    try:
        returncode: int | str | None = main(list(args))
    except SystemExit as stopped:  # argparse refusing the arguments
        returncode = stopped.code
    stdout, stderr = capsys.readouterr()
    return Ran(returncode, stdout, stderr)


PosReport = Callable[..., Ran]
