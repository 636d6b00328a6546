"""`pos simulate`: log a simulated shift with a progress bar."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pos import locations
from pos.commands.arguments import day, given, positive, seed
from pos.commands.command import Command
from pos.core.base.clock import LAST_YEAR, SystemClock, in_range
from pos.core.base.errors import PosError
from pos.core.base.money import format_money
from pos.core.base.text import printable

if TYPE_CHECKING:
    from rich.console import Console


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--orders", type=positive, required=True, metavar="N", help="how many orders in all")
    parser.add_argument(
        "--seed", type=seed, default=1, metavar="S", help="the same seed gives the same shift (default 1)"
    )
    parser.add_argument(
        "--menu", dest="sim_menu", type=Path, metavar="FILE", help="menu file (default: the bundled one)"
    )
    parser.add_argument(
        "--cashiers", type=positive, default=3, metavar="K", help="simulated cashiers (default 3)"
    )
    parser.add_argument(
        "--terminal", dest="sim_terminal", default="SIM", metavar="ID", help="terminal ID (default SIM)"
    )
    parser.add_argument("--date", type=day, metavar="DAY", help="the first day (default: today)")
    parser.add_argument(
        "--days", type=positive, default=1, metavar="N", help="days to spread the orders over (default 1)"
    )
    parser.add_argument(
        "--tastes",
        type=Path,
        metavar="FILE",
        help="customers whose taste depends on the context: each offer's chance of a yes by daypart "
        "(menus/tastes/all_day_counter.toml)",
    )
    parser.add_argument("--data", dest="sim_data", metavar="DIR", help="data folder (as for pos)")


def main(args: argparse.Namespace) -> int:
    from rich.console import Console

    if given(args.sim_data, args.data) is None:
        raise PosError(
            "pos simulate writes a made-up history: name a folder of its own with --data DIR "
            "(it never writes the live counter's folder)"
        )
    first_day = args.date or SystemClock().now().date()
    if not in_range(first_day + timedelta(days=min(args.days, 10**6) - 1)):
        raise PosError(f"--days {args.days}: from {first_day} that runs past the year {LAST_YEAR}")

    data_dir = locations.data_folder(given(args.sim_data, args.data))
    live = locations.live_default(data_dir)
    if live is not None:
        raise PosError(
            f"data folder {data_dir}: is the live counter's ({live}); pos simulate writes a made-up "
            "history only into a folder of its own, even when this one is empty: give another --data"
        )
    return run(
        menu_path=args.sim_menu or args.menu or locations.default_menu(),
        data_dir=data_dir,
        orders=args.orders,
        seed=args.seed,
        cashiers=args.cashiers,
        terminal=args.sim_terminal,
        first_day=first_day,
        days=args.days,
        console=Console(stderr=True),
        tastes_path=args.tastes,
    )


def run(
    *,
    menu_path: Path,
    data_dir: Path,
    orders: int,
    seed: int,
    cashiers: int,
    terminal: str,
    first_day: date,
    days: int,
    console: Console,
    tastes_path: Path | None = None,
) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.text import Text

    from pos.core.log.eventlog import EventLog
    from pos.core.log.menu_stamp import MenuStamp
    from pos.core.selling.menu_loader import load_menu
    from pos.core.training.simulate import simulate
    from pos.core.training.simulated_folder import mark_simulated
    from pos.core.training.tastes import load_tastes

    menu = load_menu(menu_path)
    tastes = None if tastes_path is None else load_tastes(tastes_path, menu)
    mark_simulated(data_dir)
    with EventLog(data_dir, terminal, sync=False, menu=MenuStamp.of(menu)) as log:
        for notice in log.notices:
            console.print(Text(printable(notice), style="yellow"))
        columns = (
            TextColumn("simulating"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("orders"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("orders", total=orders)
            totals = simulate(
                menu,
                log,
                orders=orders,
                seed=seed,
                cashiers=cashiers,
                first_day=first_day,
                days=days,
                progress=lambda n: progress.advance(task, n),
                tastes=tastes,
            )
    console.print(
        Text(
            f"Logged {totals.orders:,} orders and {totals.prompts:,} prompts "
            f"({totals.accepted:,} accepted, worth {format_money(totals.accepted_value, menu.currency)}; "
            f"{format_money(totals.kept, menu.currency)} kept in paid orders"
            + (f"; {totals.held_out:,} chances held out" if totals.held_out else "")
            + (f"; {totals.codes:,} codes printed" if totals.codes else "")
            + f") as terminal {terminal}, over {days} day(s) from {first_day}, into {printable(str(data_dir))}"
        )
    )
    return 0


COMMAND = Command("simulate", "log a simulated shift, to try the reports", arguments, main)
