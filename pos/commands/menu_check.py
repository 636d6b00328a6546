"""`pos menu check FILE`: the loader's checks, then a summary of the menu."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from pos.commands.command import Command

if TYPE_CHECKING:
    from rich.console import Console


def arguments(parser: argparse.ArgumentParser) -> None:
    subcommands = parser.add_subparsers(dest="menu_command", metavar="SUBCOMMAND", required=True)
    check = subcommands.add_parser("check", help="check a menu file and summarise it")
    check.add_argument("file", type=Path, metavar="FILE", help="the menu file to check")


def main(args: argparse.Namespace) -> int:
    from rich.console import Console

    return run(args.file, Console())


def run(path: Path, console: Console) -> int:
    from pos.commands.menu_summary import print_summary
    from pos.core.selling.menu_loader import load_menu

    print_summary(load_menu(path), path, console)
    return 0


COMMAND = Command("menu", "work with menu files", arguments, main)
