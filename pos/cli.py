"""The command line: parse arguments, then open the cashier screen or run a command.

Heavy imports (Textual, the simulator) wait for the command that needs them, so
`pos --help` and `pos menu check` start at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from pos.core.errors import PosError


def _when(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a time like 2026-11-23T12:15, got {text!r}") from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-23, got {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos",
        description="A keyboard-first point of sale. Without a command it opens the cashier screen.",
    )
    parser.add_argument("--menu", type=Path, help="menu file (default: the bundled burger counter)")
    parser.add_argument("--data", help="data folder (default: $POS_DATA_DIR, else your user data folder)")
    parser.add_argument("--cashier", help="cashier ID (asked for when not given)")
    parser.add_argument("--terminal", default="T1", help="terminal ID (default: T1)")
    parser.add_argument("--now", type=_when, help="start the clock at this local time, e.g. 2026-11-23T12:15")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    menu = commands.add_parser("menu", help="work with menu files")
    menu_commands = menu.add_subparsers(dest="menu_command", metavar="SUBCOMMAND", required=True)
    check = menu_commands.add_parser("check", help="check a menu file and summarise it")
    check.add_argument("file", type=Path)

    simulate = commands.add_parser("simulate", help="log a simulated shift, to try the reports")
    simulate.add_argument("--orders", type=_positive, required=True, help="how many orders in all")
    simulate.add_argument("--seed", type=int, default=1, help="the same seed gives the same shift (default 1)")
    simulate.add_argument("--menu", dest="sim_menu", type=Path, help="menu file (default: the bundled one)")
    simulate.add_argument("--cashiers", type=_positive, default=3, help="simulated cashiers (default 3)")
    simulate.add_argument("--terminal", dest="sim_terminal", default="SIM", help="terminal ID (default SIM)")
    simulate.add_argument("--date", type=_day, help="the first day (default: today)")
    simulate.add_argument("--days", type=_positive, default=1, help="days to spread the orders over (default 1)")
    simulate.add_argument("--data", dest="sim_data", help="data folder (as for pos)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except PosError as error:
        print(f"pos: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("pos: interrupted", file=sys.stderr)
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pos import locations

    if args.command == "menu":
        from pos.commands import menu_check

        return menu_check.run(args.file, Console())
    if args.command == "simulate":
        from pos.commands import simulate

        return simulate.run(
            menu_path=args.sim_menu or args.menu or locations.default_menu(),
            data_dir=locations.data_folder(args.sim_data or args.data),
            orders=args.orders,
            seed=args.seed,
            cashiers=args.cashiers,
            terminal=args.sim_terminal,
            first_day=args.date or date.today(),
            days=args.days,
            console=Console(stderr=True),
        )
    from pos.commands import cashier

    return cashier.run(args)
