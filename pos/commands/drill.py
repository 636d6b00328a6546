"""`pos drill`: a sales-training drill; `pos drill --scores`: how the trainees are doing."""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pos import locations
from pos.core.clock import Clock, StartedClock, SystemClock
from pos.core.customers import random_customers
from pos.core.drill import DrillRun, Level
from pos.core.drill_progress import progress
from pos.core.drill_script import load_drill, read_header
from pos.core.errors import PosError
from pos.core.ids import CASHIER_RULE, valid_id
from pos.core.menu_loader import load_menu
from pos.core.scores import ScoreBook
from pos.core.text import printable


def run(args: argparse.Namespace, console: Console) -> int:
    data_dir = locations.data_folder(args.data)
    if args.scores:
        return scores(data_dir, args.cashier, console)
    if args.cashier is not None and not valid_id(args.cashier):
        raise PosError(f"--cashier {args.cashier!r}: expected {CASHIER_RULE}")
    script_path: Path | None = args.script
    header = read_header(script_path)[0] if script_path else None
    menu = load_menu(
        args.menu or (header.menu if header and header.menu else None) or locations.default_menu()
    )
    rng = random.Random(args.seed)
    if script_path:
        script = load_drill(script_path, menu)
        name, customers, now = script.name, list(script.customers), script.now
    else:
        name, customers, now = (
            f"{args.customers} random customers",
            random_customers(menu, args.customers, rng),
            args.now,
        )
    # the script's time sets the menu's dayparts and seasons; the drill is stamped with the real time
    menu_clock: Clock | None = StartedClock(now) if now else None
    drill = DrillRun(name, customers, Level(args.level), rng, time.monotonic, menu.names())
    from pos.app_factory import make_app

    app = make_app(
        menu=menu,
        data_dir=data_dir,
        terminal=args.terminal,
        clock=SystemClock(),
        cashier=args.cashier,
        rng=rng,
        drill=drill,
        menu_clock=menu_clock,
    )
    try:
        app.run()
    finally:
        app.writer.close()
    if drill.done:
        summary = drill.summary()
        console.print(Text(f"{name}: score {summary.score} / 100 ({summary.formula})"))
    return app.return_code or 0


def scores(data_dir: Path, cashier: str | None, console: Console) -> int:
    book = ScoreBook(data_dir)
    history = book.history(cashier)
    for notice in book.notices:
        print(f"pos: {printable(notice)}", file=sys.stderr)
    if not history:
        console.print(Text("No drills done yet" + (f" by {cashier}." if cashier else ".")))
        return 0
    table = Table(title=f"Drills{' of ' + cashier if cashier else ''}, oldest first", title_justify="left")
    for label in (
        "When",
        "Trainee",
        "Drill",
        "Level",
        "Score",
        "Ask rate",
        "Answers",
        "Orders",
        "s / customer",
    ):
        table.add_column(
            label,
            justify="right"
            if label in ("Score", "Ask rate", "Answers", "Orders", "s / customer")
            else "left",
        )
    for row in history:
        table.add_row(
            Text(printable(str(row["ts"])[:16].replace("T", " "))),
            *(Text(printable(str(row[field]))) for field in ("cashier", "drill", "level")),
            str(row["score"]),
            f"{row['ask_rate']:.0%}",
            f"{row['answers_right']:.0%}",
            f"{row['orders_right']:.0%}",
            f"{row['seconds_per_customer']:.0f}",
        )
    console.print(table)
    over_time = Table(title="Over time, first drill to last", title_justify="left")
    for label in ("Trainee", "Scores", "What moved"):
        over_time.add_column(label)
    for trainee in progress(history):
        over_time.add_row(Text(printable(trainee.cashier)), trainee.sparkline, trainee.change)
    console.print(over_time)
    board = Table(title="Leaderboard", title_justify="left")
    for label in ("#", "Trainee", "Best", "Average", "Last", "Drills"):
        board.add_column(label, justify="left" if label == "Trainee" else "right")
    for place, row in enumerate(book.leaderboard(), start=1):
        board.add_row(
            str(place),
            Text(printable(str(row["cashier"]))),
            str(row["best"]),
            f"{row['average']:.1f}",
            str(row["last"]),
            str(row["drills"]),
        )
    console.print(board)
    return 0
