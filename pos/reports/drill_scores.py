"""`pos drill --scores --format csv|json|html`: the score book for a spreadsheet, a program or a trainer's mail."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from html import escape
from typing import Any

from pos.core.base.text import printable
from pos.core.training.drill_progress import Progress, Week, progress, weeks
from pos.core.training.scores import FIELDS
from pos.reports.html import STYLE, simple_table
from pos.reports.spreadsheet import text_cell

COLOURS = ("#4a90d9", "#d9734a", "#7bb36e", "#a35fc2", "#c2a23a", "#3ab0b0")
CHART_WIDTH, CHART_HEIGHT, LEFT = 600, 200, 40


def csv_text(history: list[dict[str, Any]]) -> str:
    """One row per drill, oldest first, the score book's own columns."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(FIELDS), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {field: text_cell(value) if isinstance(value, str) else value for field, value in row.items()}
        for row in history
    )
    return out.getvalue()


def json_text(history: list[dict[str, Any]], leaderboard: list[dict[str, Any]]) -> str:
    document = {
        "drills": [{field: row[field] for field in FIELDS} for row in history],
        "trainees": [
            {
                "cashier": trainee.cashier,
                "scores": trainee.scores,
                "ask_rates": [row["ask_rate"] for row in trainee.drills],
                "seconds_per_customer": [row["seconds_per_customer"] for row in trainee.drills],
                "better": trainee.better,
            }
            for trainee in progress(history)
        ],
        "weeks": [
            {
                "cashier": week.cashier,
                "week_of": week.monday.isoformat(),
                "drills": week.drills,
                "average_score": week.average_score,
                "ask_rate": week.ask_rate,
                "seconds_per_customer": week.seconds_per_customer,
            }
            for week in weeks(history)
        ],
        "leaderboard": leaderboard,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def html_page(history: list[dict[str, Any]], leaderboard: list[dict[str, Any]], made: datetime) -> str:
    trainees = progress(history)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Drill scores</title><style>{STYLE}</style></head><body>"
        f"<h1>Drill scores</h1><p>{len(history)} drills by {len(trainees)} trainees; "
        f"made {escape(made.isoformat(timespec='minutes'))}.</p>"
        "<h2>Scores over time</h2>"
        + chart(trainees)
        + "<h2>Week by week</h2>"
        + simple_table(
            ("Trainee", "Week of", "Drills", "Average score", "Ask rate", "s / customer"),
            week_cells(weeks(history)),
        )
        + "<h2>Leaderboard</h2>"
        + simple_table(
            ("#", "Trainee", "Best", "Average", "Last", "Drills"),
            [
                [
                    str(place),
                    printable(str(row["cashier"])),
                    str(row["best"]),
                    f"{row['average']:.1f}",
                    str(row["last"]),
                    str(row["drills"]),
                ]
                for place, row in enumerate(leaderboard, start=1)
            ],
        )
        + "<h2>Every drill</h2>"
        + simple_table(
            ("When", "Trainee", "Drill", "Level", "Score", "Ask rate", "Answers", "Orders", "s / customer"),
            [
                [printable(str(row[field])) for field in ("ts", "cashier", "drill", "level")]
                + [str(row["score"]), f"{row['ask_rate']:.0%}", f"{row['answers_right']:.0%}"]
                + [f"{row['orders_right']:.0%}", f"{row['seconds_per_customer']:.0f}"]
                for row in history
            ],
        )
        + "</body></html>\n"
    )


def week_cells(rows: list[Week]) -> list[list[str]]:
    return [
        [
            printable(week.cashier),
            week.monday.isoformat(),
            str(week.drills),
            f"{week.average_score:.1f}",
            f"{week.ask_rate:.0%}",
            f"{week.seconds_per_customer:.0f}",
        ]
        for week in rows
    ]


def chart(trainees: list[Progress]) -> str:
    """Each trainee's scores as a line, drill by drill (0 to 100), with a legend."""
    longest = max((len(trainee.drills) for trainee in trainees), default=0)
    step = CHART_WIDTH / max(1, longest - 1)
    parts = [
        f'<svg width="{LEFT + CHART_WIDTH + 20}" height="{CHART_HEIGHT + 50 + 18 * len(trainees)}" role="img">'
        f'<text x="0" y="16">100</text><text x="0" y="{CHART_HEIGHT + 10}">0</text>'
        f'<line x1="{LEFT}" y1="{CHART_HEIGHT + 10}" x2="{LEFT + CHART_WIDTH}" y2="{CHART_HEIGHT + 10}" stroke="#999"/>'
        f'<text x="{LEFT}" y="{CHART_HEIGHT + 28}">first drill</text>'
        f'<text x="{LEFT + CHART_WIDTH - 50}" y="{CHART_HEIGHT + 28}">latest</text>'
    ]
    for index, trainee in enumerate(trainees):
        colour = COLOURS[index % len(COLOURS)]
        points = [
            (LEFT + i * step, 10 + (100 - score) * CHART_HEIGHT / 100)
            for i, score in enumerate(trainee.scores)
        ]
        parts.append(
            f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in points)}" fill="none" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in points]
        y = CHART_HEIGHT + 48 + 18 * index
        parts.append(
            f'<rect x="{LEFT}" y="{y - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{LEFT + 18}" y="{y}">{escape(printable(trainee.cashier))}: {escape(trainee.change)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
