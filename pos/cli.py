"""The command line: parse arguments, then open the cashier screen or run a command.

Heavy imports (Textual, the simulator) wait for the command that needs them, so
`pos --help` and `pos menu check` start at once.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NoReturn

from pos.core.clock import FIRST_YEAR, LAST_YEAR, SystemClock, in_range
from pos.core.digits import whole_number
from pos.core.errors import PosError
from pos.core.prompt_kinds import names
from pos.core.report_fields import FORMATS, GROUP_FIELDS, MODES
from pos.core.text import printable


class _Parser(argparse.ArgumentParser):
    """Errors name the argument and show what was typed literally (control characters escaped)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def _when(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a time like 2026-11-23T12:15, got {text!r}") from None
    if not in_range(moment):
        raise argparse.ArgumentTypeError(
            f"expected a time in the years {FIRST_YEAR} to {LAST_YEAR}, got {text!r}"
        )
    return moment


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-23, got {text!r}") from None
    if not in_range(day):
        raise argparse.ArgumentTypeError(
            f"expected a date in the years {FIRST_YEAR} to {LAST_YEAR}, got {text!r}"
        )
    return day


def _positive(text: str) -> int:
    value = whole_number(text) or 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _seed(text: str) -> int:
    value = whole_number(text.removeprefix("-"))
    if value is None:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    return -value if text.startswith("-") else value


MAX_CUSTOMERS = 500
"""Of a random drill: a long shift of practice, not a machine's worth."""


def _customers(text: str) -> int:
    value = _positive(text)
    if value > MAX_CUSTOMERS:
        raise argparse.ArgumentTypeError(f"at most {MAX_CUSTOMERS} customers in one drill, got {value}")
    return value


def _port(text: str) -> int:
    value = _positive(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"a port is 1 to 65535, got {value}")
    return value


def _drill_options(parser: argparse.ArgumentParser) -> None:
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
        type=_customers,
        default=5,
        metavar="N",
        help="random customers when no script (default 5)",
    )
    parser.add_argument(
        "--seed", type=_seed, metavar="S", help="the same seed gives the same customers and answers"
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
        type=_when,
        metavar="TIME",
        help="the drill's clock, when no script sets it",
    )


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
        "--now", type=_when, metavar="TIME", help="start the clock at this local time, e.g. 2026-11-23T12:15"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    menu = commands.add_parser("menu", help="work with menu files")
    menu_commands = menu.add_subparsers(
        dest="menu_command", metavar="SUBCOMMAND", required=True, parser_class=_Parser
    )
    check = menu_commands.add_parser("check", help="check a menu file and summarise it")
    check.add_argument("file", type=Path, metavar="FILE", help="the menu file to check")

    simulate = commands.add_parser("simulate", help="log a simulated shift, to try the reports")
    simulate.add_argument(
        "--orders", type=_positive, required=True, metavar="N", help="how many orders in all"
    )
    simulate.add_argument(
        "--seed", type=_seed, default=1, metavar="S", help="the same seed gives the same shift (default 1)"
    )
    simulate.add_argument(
        "--menu", dest="sim_menu", type=Path, metavar="FILE", help="menu file (default: the bundled one)"
    )
    simulate.add_argument(
        "--cashiers", type=_positive, default=3, metavar="K", help="simulated cashiers (default 3)"
    )
    simulate.add_argument(
        "--terminal", dest="sim_terminal", default="SIM", metavar="ID", help="terminal ID (default SIM)"
    )
    simulate.add_argument("--date", type=_day, metavar="DAY", help="the first day (default: today)")
    simulate.add_argument(
        "--days", type=_positive, default=1, metavar="N", help="days to spread the orders over (default 1)"
    )
    simulate.add_argument("--data", dest="sim_data", metavar="DIR", help="data folder (as for pos)")
    report = commands.add_parser("report", help="acceptance rates: who asks, what sells, which wording works")
    report.add_argument(
        "--by", nargs="+", metavar="FIELD", help=f"group by one or more of: {', '.join(GROUP_FIELDS)}"
    )
    report.add_argument(
        "--from", dest="start", type=_day, metavar="DATE", help="first day, inclusive (YYYY-MM-DD)"
    )
    report.add_argument("--until", type=_day, metavar="DATE", help="last day, inclusive")
    report.add_argument("--cashier", dest="report_cashier", metavar="ID", help="only this cashier")
    report.add_argument("--terminal", dest="report_terminal", metavar="ID", help="only this terminal")
    report.add_argument("--kind", choices=names(), help="only this kind of prompt")
    report.add_argument("--mode", choices=MODES, default="live", help="live (default), training or all")
    report.add_argument(
        "--format", choices=FORMATS, default="table", help="table (default), csv, json or html"
    )
    report.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write to this file instead of the terminal"
    )
    report.add_argument(
        "--menu",
        dest="report_menu",
        type=Path,
        metavar="FILE",
        help="the store's menu, for its currency and name",
    )
    report.add_argument(
        "--data",
        dest="report_data",
        metavar="DIR",
        action="append",
        help="data folder (as for pos); more than one reports several stores together (--by store)",
    )
    report.add_argument("--tui", action="store_true", help="open the report screen instead")

    export = commands.add_parser("export", help="the log as Parquet files, for a chain's warehouse")
    export.add_argument("--format", dest="export_format", choices=["parquet"], default="parquet")
    export.add_argument("--data", dest="export_data", metavar="DIR", help="data folder (as for pos)")
    export.add_argument("--from", dest="export_start", type=_day, metavar="DATE", help="first day, inclusive")
    export.add_argument("--until", dest="export_until", type=_day, metavar="DATE", help="last day, inclusive")
    export.add_argument("--output", "-o", type=Path, required=True, metavar="FOLDER", help="where to write")
    drill = commands.add_parser("drill", help="a sales-training drill: the app plays the customers")
    _drill_options(drill)
    drill.add_argument(
        "--cashier", dest="drill_cashier", metavar="ID", help="the trainee's ID (asked for when not given)"
    )
    drill.add_argument(
        "--terminal", dest="drill_terminal", default="TRAIN", metavar="ID", help="terminal ID (default TRAIN)"
    )
    drill.add_argument(
        "--terminal-pool",
        metavar="PREFIX",
        help="log as the first free terminal of PREFIX1 to PREFIX99 (what pos serve's sessions do)",
    )
    drill.add_argument(
        "--scores", action="store_true", help="show the trainees' drills over time and a leaderboard"
    )
    drill.add_argument(
        "--format",
        dest="scores_format",
        choices=FORMATS,
        default="table",
        help="with --scores: table (default), csv, json or html",
    )
    drill.add_argument(
        "--output", "-o", dest="scores_output", type=Path, metavar="FILE", help="with --scores: write here"
    )

    serve = commands.add_parser(
        "serve", help="drills (or the report screen) in a web browser, one session per browser tab"
    )
    _drill_options(serve)
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 opens it to the network)",
    )
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")
    serve.add_argument(
        "--terminal",
        dest="serve_terminal",
        default="WEB",
        metavar="PREFIX",
        help="each session logs as the first free of PREFIX1 to PREFIX99 (default WEB)",
    )
    serve.add_argument(
        "--report", action="store_true", help="serve the report screen (with its drills tab) instead"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _never_fail_on_encoding()
    args = build_parser().parse_args(argv)
    try:
        status = _dispatch(args)
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


def _dispatch(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pos import locations

    if args.command == "menu":
        from pos.commands import menu_check

        return menu_check.run(args.file, Console())
    if args.command == "simulate":
        from pos.commands import simulate

        if _given(args.sim_data, args.data) is None:
            raise PosError(
                "pos simulate writes a made-up history: name a folder of its own with --data DIR "
                "(it never writes the live counter's folder)"
            )
        first_day = args.date or SystemClock().now().date()
        if not in_range(first_day + timedelta(days=min(args.days, 10**6) - 1)):
            raise PosError(f"--days {args.days}: from {first_day} that runs past the year {LAST_YEAR}")

        data_dir = locations.data_folder(_given(args.sim_data, args.data))
        live = locations.live_default(data_dir)
        if live is not None:
            raise PosError(
                f"data folder {data_dir}: is the live counter's ({live}); pos simulate writes a made-up "
                "history only into a folder of its own, even when this one is empty: give another --data"
            )
        return simulate.run(
            menu_path=args.sim_menu or args.menu or locations.default_menu(),
            data_dir=data_dir,
            orders=args.orders,
            seed=args.seed,
            cashiers=args.cashiers,
            terminal=args.sim_terminal,
            first_day=first_day,
            days=args.days,
            console=Console(stderr=True),
        )
    if args.command == "report":
        return _report(args, Console())
    if args.command == "export":
        from pos.commands import export

        return export.run(
            data_dir=locations.data_folder(_given(args.export_data, args.data), to_write=False),
            output=args.output,
            start=args.export_start,
            until=args.export_until,
        )
    if args.command in ("drill", "serve"):
        args.menu = args.drill_menu or args.menu
        args.data = _given(args.drill_data, args.data)
        args.now = args.drill_now or args.now
    if args.command == "drill":
        from pos.commands import drill

        args.cashier = _given(args.drill_cashier, args.cashier)
        args.terminal = args.drill_terminal
        return drill.run(args, Console())
    if args.command == "serve":
        from pos.commands import serve

        return serve.run(args, Console())
    from pos.commands import cashier

    return cashier.run(args)


def _given(specific: str | None, general: str | None) -> str | None:
    """The command's own option over the one before the command: `pos --data A drill --data B` is B."""
    return specific if specific is not None else general


def _report(args: argparse.Namespace, console: object) -> int:
    from pos import locations
    from pos.commands import report
    from pos.core.menu_loader import load_menu
    from pos.core.report import Filters
    from pos.core.report_labels import Labels, recorded_labels

    filters = Filters(
        mode=args.mode,
        start=args.start,
        until=args.until,
        cashier=args.report_cashier,
        terminal=args.report_terminal,
        kind=args.kind,
    )
    data_dir = [locations.data_folder(folder, to_write=False) for folder in args.report_data or [args.data]]
    by = report.parse_by(args.by)
    given = args.report_menu or args.menu
    if given is not None:
        labels = Labels.of(load_menu(given))
    else:
        fallback = load_menu(locations.default_menu())
        labels = recorded_labels(data_dir, filters.start, filters.until, filters.terminal, fallback)
    if args.tui:
        from pos.report_app import run_report_app

        return run_report_app(data_dir, labels, filters)
    return report.run(
        data_dir=data_dir,
        by=by,
        filters=filters,
        output_format=args.format,
        output=args.output,
        labels=labels,
        console=console,  # type: ignore[arg-type]
    )
