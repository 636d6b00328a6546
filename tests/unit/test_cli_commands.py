"""The commands `pos` walks: each is listed with its help and answers `--help`, and listing them is light."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pos.cli import COMMANDS, main
from pos.commands.command import Command
from tests.conftest import REPO


def test_pos_help_lists_every_command_with_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    listed = capsys.readouterr().out
    assert len({command.name for command in COMMANDS}) == len(COMMANDS)
    for command in COMMANDS:
        assert command.help.strip(), command.name
        assert f"    {command.name}  " in listed, command.name
        assert " ".join(command.help.split()) in " ".join(listed.split()), command.name


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.name)
def test_each_command_answers_help(command: Command, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command.name, "--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: pos {command.name} ")


def test_listing_the_commands_loads_no_screen_and_no_engine() -> None:
    """Each command module is imported for `pos --help`: what running it needs waits for its run."""
    code = (
        "import sys\n"
        "from pos.cli import build_parser\n"
        "build_parser()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'textual', 'numpy', 'pyarrow', 'duckdb'}))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pos.reports', 'pos.web', 'pos.core.training.simulate'))))"
    )
    loaded = subprocess.check_output([sys.executable, "-c", code], cwd=REPO, text=True, timeout=60)
    assert loaded.splitlines() == ["[]", "[]"]
