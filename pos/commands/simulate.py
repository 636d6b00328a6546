"""`pos simulate`: log a simulated shift with a progress bar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from pos.core.eventlog import EventLog
from pos.core.menu_loader import load_menu
from pos.core.menu_stamp import MenuStamp
from pos.core.money import format_money
from pos.core.simulate import simulate
from pos.core.simulated_folder import mark_simulated
from pos.core.text import printable


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
) -> int:
    menu = load_menu(menu_path)
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
