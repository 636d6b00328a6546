"""`pos drill`: a sales-training drill; `pos drill --scores`: how the trainees are doing."""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pos import locations
from pos.commands.arguments import given, positive, seed, when
from pos.commands.command import Command
from pos.commands.report import write_output
from pos.core.analytics.report_fields import FORMATS
from pos.core.base.clock import Clock, StartedClock, SystemClock
from pos.core.base.errors import PosError
from pos.core.base.ids import CASHIER_RULE, valid_id
from pos.core.base.text import printable
from pos.terminal import need_a_terminal

if TYPE_CHECKING:
    from rich.console import Console

    from pos.core.selling.menu import Menu
    from pos.core.training.drill_script import DrillScript

MAX_CUSTOMERS = 500
"""Of a random drill: a long shift of practice, not a machine's worth."""


def customers(text: str) -> int:
    value = positive(text)
    if value > MAX_CUSTOMERS:
        raise argparse.ArgumentTypeError(f"at most {MAX_CUSTOMERS} customers in one drill, got {value}")
    return value


def drill_options(parser: argparse.ArgumentParser) -> None:
    """What a drill is made of: `pos drill` and `pos serve` take the same."""
    parser.add_argument(
        "--menu",
        dest="drill_menu",
        type=Path,
        metavar="FILE",
        help="menu file (default: the script's, else the bundled one)",
    )
    parser.add_argument(
        "--script",
        type=Path,
        metavar="FILE",
        help="a drill file (menus/drills/): the same customers for every trainee",
    )
    parser.add_argument(
        "--customers",
        type=customers,
        default=5,
        metavar="N",
        help="random customers when no script (default 5)",
    )
    parser.add_argument(
        "--seed", type=seed, metavar="S", help="the same seed gives the same customers and answers"
    )
    parser.add_argument(
        "--level",
        choices=("easy", "normal", "rush"),
        default="normal",
        help="easy: no clock; normal: a timer per customer; rush: customers queue up",
    )
    parser.add_argument("--data", dest="drill_data", metavar="DIR", help="data folder (as for pos)")
    parser.add_argument(
        "--now",
        dest="drill_now",
        type=when,
        metavar="TIME",
        help="the drill's clock, when no script sets it",
    )


def own_drill_options(args: argparse.Namespace) -> None:
    """The drill's own --menu, --data and --now over pos's: `pos --data A drill --data B` drills in B."""
    args.menu = args.drill_menu or args.menu
    args.data = given(args.drill_data, args.data)
    args.now = args.drill_now or args.now


def arguments(parser: argparse.ArgumentParser) -> None:
    drill_options(parser)
    parser.add_argument(
        "--cashier", dest="drill_cashier", metavar="ID", help="the trainee's ID (asked for when not given)"
    )
    parser.add_argument(
        "--terminal", dest="drill_terminal", default="TRAIN", metavar="ID", help="terminal ID (default TRAIN)"
    )
    parser.add_argument(
        "--terminal-pool",
        metavar="PREFIX",
        help="log as the first free terminal of PREFIX1 to PREFIX99 (what pos serve's sessions do)",
    )
    parser.add_argument(
        "--scores", action="store_true", help="show the trainees' drills over time and a leaderboard"
    )
    parser.add_argument(
        "--format",
        dest="scores_format",
        choices=FORMATS,
        default="table",
        help="with --scores: table (default), csv, json or html",
    )
    parser.add_argument(
        "--output", "-o", dest="scores_output", type=Path, metavar="FILE", help="with --scores: write here"
    )


def main(args: argparse.Namespace) -> int:
    from rich.console import Console

    own_drill_options(args)
    args.cashier = given(args.drill_cashier, args.cashier)
    args.terminal = args.drill_terminal
    return run(args, Console())


def run(args: argparse.Namespace, console: Console) -> int:
    from rich.console import Console
    from rich.text import Text

    from pos.core.training.customers import random_customers
    from pos.core.training.drill import DrillRun, Level

    data_dir = locations.data_folder(args.data, to_write=not args.scores)  # the scores only read it
    if args.scores:
        return scores(data_dir, args.cashier, args.scores_format, args.scores_output, console)
    if args.cashier is not None and not valid_id(args.cashier):
        raise PosError(f"--cashier {args.cashier!r}: expected {CASHIER_RULE}")
    menu, script = load_inputs(args)
    rng = random.Random(args.seed)
    if script:
        name, customers, now, shown = script.name, list(script.customers), script.now, script.offers
    else:
        name, customers, now, shown = (
            f"{args.customers} random customers",
            random_customers(menu, args.customers, rng),
            args.now,
            (),
        )
    # the script's time sets the menu's dayparts and seasons; the drill is stamped with the real time
    menu_clock: Clock | None = StartedClock(now) if now else None
    drill = DrillRun(name, customers, Level(args.level), rng, time.monotonic, menu.names(), shown)
    from pos.app_factory import make_app

    app = make_app(
        menu=menu,
        data_dir=data_dir,
        terminal=args.terminal_pool or args.terminal,
        clock=SystemClock(),
        cashier=args.cashier,
        rng=rng,
        drill=drill,
        menu_clock=menu_clock,
        pooled=args.terminal_pool is not None,
    )
    try:
        need_a_terminal("a drill")
        app.run()
    finally:
        unsaved = app.writer.close()
    for left in unsaved:  # the disk took neither the log nor set-aside/: the records, for a person to save
        Console(stderr=True).print(Text(f"pos: {printable(left)}"))
    if drill.done:
        summary = drill.summary()
        line = Text(f"{name}: score {summary.score} / 100 ({summary.formula})")
        # served to a browser, standard output carries the screen: the score goes to the server's log
        Console(stderr=True).print(line) if app.is_web else console.print(line)
    return 1 if unsaved else app.return_code or 0


def load_inputs(args: argparse.Namespace) -> tuple[Menu, DrillScript | None]:
    """The menu and the script (if any), every check done: `pos serve` checks them before serving."""
    from pos.core.selling.menu_loader import load_menu
    from pos.core.training.drill_script import load_drill, read_header

    script_path: Path | None = args.script
    header = read_header(script_path)[0] if script_path else None
    menu = load_menu(
        args.menu or (header.menu if header and header.menu else None) or locations.default_menu()
    )
    return menu, load_drill(script_path, menu) if script_path else None


def scores(
    data_dir: Path, cashier: str | None, output_format: str, output: Path | None, console: Console
) -> int:
    from rich.text import Text

    from pos.core.training.scores import ScoreBook, leaderboard
    from pos.reports import drill_scores
    from pos.reports.drill_tables import score_tables

    book = ScoreBook(data_dir)
    history = book.history(cashier)
    for notice in book.notices:
        print(f"pos: {printable(notice)}", file=sys.stderr)
    board = leaderboard(history)
    if output_format == "csv":
        return write_output(drill_scores.csv_text(history), output)
    if output_format == "json":
        return write_output(drill_scores.json_text(history, board), output)
    if output_format == "html":
        return write_output(drill_scores.html_page(history, board, SystemClock().now()), output)
    if not history:
        console.print(Text("No drills done yet" + (f" by {cashier}." if cashier else ".")))
        return 0
    for table in score_tables(history, board, cashier):
        console.print(table)
    return 0


COMMAND = Command("drill", "a sales-training drill: the app plays the customers", arguments, main)
