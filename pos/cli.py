"""The command line: parse arguments, then open the cashier screen or run a command.

Each command declares its options and what runs it in its own module (pos/commands/);
this file walks them. Heavy imports (Textual, the simulator) wait for the command that
needs them, so `pos --help` and `pos menu check` start at once.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from pos.commands import crew, day, drill, export, menu_check, report, serve, simulate
from pos.commands.arguments import printer, when
from pos.commands.command import Command
from pos.core.base.errors import PosError
from pos.core.base.text import printable

COMMANDS: tuple[Command, ...] = (
    menu_check.COMMAND,
    simulate.COMMAND,
    report.COMMAND,
    export.COMMAND,
    drill.COMMAND,
    serve.COMMAND,
    crew.COMMAND,
    day.COMMAND,
)
"""In the order `pos --help` lists them."""


class _Parser(argparse.ArgumentParser):
    """Errors name the argument and show what was typed literally (control characters escaped)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pos",
        description="A keyboard-first point of sale. Without a command it opens the cashier screen.",
    )
    parser.add_argument(
        "--menu", type=Path, metavar="FILE", help="menu file (default: the bundled burger counter)"
    )
    parser.add_argument(
        "--data", metavar="DIR", help="data folder (default: $POS_DATA_DIR, else your user data folder)"
    )
    parser.add_argument("--cashier", metavar="ID", help="cashier ID (asked for when not given)")
    parser.add_argument("--terminal", default="T1", metavar="ID", help="terminal ID (default: T1)")
    parser.add_argument(
        "--now", type=when, metavar="TIME", help="start the clock at this local time, e.g. 2026-11-23T12:15"
    )
    parser.add_argument(
        "--printer",
        type=printer,
        metavar="DEVICE",
        help="the cashier's receipt printer: net:HOST:PORT, file:PATH, usb:VID:PID or none (default: none)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        command.arguments(commands.add_parser(command.name, help=command.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _never_fail_on_encoding()
    args = build_parser().parse_args(argv)
    try:
        status = _run(args)
        sys.stdout.flush()  # here, where a reader gone is caught, not at the interpreter's exit
        return status
    except BrokenPipeError:
        # The reader closed the pipe (`pos report | head`): stop quietly, as `cat` does; point stdout
        # at nothing so the interpreter's last flush finds no pipe to fail on.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except PosError as error:
        for line in str(error).splitlines() or [""]:  # a menu's problems, a line each; each line escaped
            print(f"pos: {printable(line)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("pos: interrupted", file=sys.stderr)
        return 130


def _never_fail_on_encoding() -> None:
    """A console or pipe in a legacy code page (cp1252 on Windows) cannot print every name: show
    what it cannot as escapes rather than stop. Files and machine formats are written as UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _run(args: argparse.Namespace) -> int:
    """The command named, else the cashier screen."""
    runs = {command.name: command.run for command in COMMANDS}
    if args.command in runs:
        return runs[args.command](args)
    from pos.commands import cashier

    return cashier.run(args)
