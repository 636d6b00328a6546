"""The score book as terminal tables: `pos drill --scores` and the report screen's drills tab."""

from __future__ import annotations

from typing import Any

from rich.box import SIMPLE_HEAD
from rich.table import Table
from rich.text import Text

from pos.core.base.text import printable
from pos.core.training.drill_progress import progress, weeks
from pos.reports.drill_scores import week_cells


def score_tables(
    history: list[dict[str, Any]], board: list[dict[str, Any]], cashier: str | None
) -> list[Table]:
    """Each trainee over time and week by week, the leaderboard, every drill: the terminal and the drills tab."""
    over_time = _table("Over time, first drill to last")
    for label in ("Trainee", "Score", "Ask rate", "s / customer", "What moved"):
        over_time.add_column(label)
    for trainee in progress(history):
        over_time.add_row(
            Text(printable(trainee.cashier)),
            trainee.sparkline,
            trainee.ask_line,
            trainee.speed_line,
            trainee.change,
        )
    by_week = _table("Week by week")
    for label in ("Trainee", "Week of", "Drills", "Average score", "Ask rate", "s / customer"):
        by_week.add_column(label, justify="left" if label in ("Trainee", "Week of") else "right")
    for cells in week_cells(weeks(history)):
        by_week.add_row(Text(cells[0]), *cells[1:])
    leaders = _table("Leaderboard")
    for label in ("#", "Trainee", "Best", "Average", "Last", "Drills"):
        leaders.add_column(label, justify="left" if label == "Trainee" else "right")
    for place, row in enumerate(board, start=1):
        leaders.add_row(
            str(place),
            Text(printable(str(row["cashier"]))),
            str(row["best"]),
            f"{row['average']:.1f}",
            str(row["last"]),
            str(row["drills"]),
        )
    return [over_time, by_week, leaders, _drills(history, cashier)]


def _drills(history: list[dict[str, Any]], cashier: str | None) -> Table:
    """One row a drill, in 80 columns: short headings, the level beside the drill's name."""
    drills = _table(f"Drills{' of ' + cashier if cashier else ''}, oldest first")
    drills.add_column("When", no_wrap=True, min_width=16)
    drills.add_column("Trainee", min_width=7)
    drills.add_column("Drill (level)", min_width=12)
    for label in ("Score", "Ask", "Answers", "Orders", "s/cust"):
        drills.add_column(label, justify="right")
    for row in history:
        drills.add_row(
            Text(printable(str(row["ts"])[:16].replace("T", " "))),
            Text(printable(str(row["cashier"]))),
            Text(printable(f"{row['drill']} ({row['level']})")),
            str(row["score"]),
            f"{row['ask_rate']:.0%}",
            f"{row['answers_right']:.0%}",
            f"{row['orders_right']:.0%}",
            f"{row['seconds_per_customer']:.0f}",
        )
    return drills


def _table(title: str) -> Table:
    """Light rules, no outer edge: more room for the columns. The title (it may name a trainee) as text, never markup."""
    return Table(
        title=Text(printable(title), style="table.title"),
        title_justify="left",
        box=SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1, 0, 0),
    )
