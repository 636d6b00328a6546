"""Each trainee's drills over time: sparklines of score, ask rate and speed, what improved
first to last, and the averages week by week (a trainer compares this week with the last)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

BARS = "▁▂▃▄▅▆▇█"
"""A value of 0 to its top as one of eight heights."""


@dataclass(frozen=True)
class Progress:
    cashier: str
    drills: list[dict[str, Any]]
    """The trainee's score book records, oldest first."""

    @property
    def scores(self) -> list[int]:
        return [int(row["score"]) for row in self.drills]

    @property
    def sparkline(self) -> str:
        return sparkline(self.scores)

    @property
    def ask_line(self) -> str:
        return sparkline([round(row["ask_rate"] * 100) for row in self.drills])

    @property
    def speed_line(self) -> str:
        """Seconds per customer, the trainee's slowest drill at the top: falling is faster."""
        seconds = [row["seconds_per_customer"] for row in self.drills]
        top = max(seconds) or 1
        return sparkline([round(value * 100 / top) for value in seconds])

    @property
    def better(self) -> list[str]:
        """What improved from the first drill to the last: score, asking, speed."""
        if len(self.drills) < 2:
            return []
        first, last = self.drills[0], self.drills[-1]
        moved = {
            "score": last["score"] > first["score"],
            "asking": last["ask_rate"] > first["ask_rate"],
            "speed": last["seconds_per_customer"] < first["seconds_per_customer"],
        }
        return [name for name, up in moved.items() if up]

    @property
    def change(self) -> str:
        if len(self.drills) < 2:
            return "one drill so far"
        first, last = self.drills[0], self.drills[-1]
        parts = [
            f"score {first['score']} → {last['score']}",
            f"ask rate {first['ask_rate']:.0%} → {last['ask_rate']:.0%}",
            f"{first['seconds_per_customer']:.0f} → {last['seconds_per_customer']:.0f} s a customer",
        ]
        return "; ".join(parts) + (f" (better: {', '.join(self.better)})" if self.better else "")


@dataclass(frozen=True)
class Week:
    cashier: str
    monday: date
    drills: int
    average_score: float
    ask_rate: float
    seconds_per_customer: float


def sparkline(values: list[int]) -> str:
    """Values of 0 to 100, one bar each."""
    return "".join(BARS[min(len(BARS) - 1, max(0, value) * len(BARS) // 101)] for value in values)


def progress(history: list[dict[str, Any]]) -> list[Progress]:
    """Per trainee, in the order they first drilled, from a score book's history (oldest first)."""
    by_cashier: dict[str, list[dict[str, Any]]] = {}
    for row in history:
        by_cashier.setdefault(str(row["cashier"]), []).append(row)
    return [Progress(cashier, rows) for cashier, rows in by_cashier.items()]


def weeks(history: list[dict[str, Any]]) -> list[Week]:
    """Each trainee's drills by calendar week (Monday first), trainees in the order they first drilled."""
    grouped: dict[tuple[str, date], list[dict[str, Any]]] = {}
    for row in history:
        day = date.fromisoformat(str(row["ts"])[:10])
        grouped.setdefault((str(row["cashier"]), day - timedelta(days=day.weekday())), []).append(row)
    order = {trainee.cashier: place for place, trainee in enumerate(progress(history))}
    return [
        Week(
            cashier,
            monday,
            len(rows),
            round(sum(row["score"] for row in rows) / len(rows), 1),
            sum(row["ask_rate"] for row in rows) / len(rows),
            sum(row["seconds_per_customer"] for row in rows) / len(rows),
        )
        for (cashier, monday), rows in sorted(
            grouped.items(), key=lambda item: (order[item[0][0]], item[0][1])
        )
    ]
