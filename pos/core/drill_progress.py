"""Each trainee's drills over time: a sparkline of their scores and what improved, first to last."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BARS = "▁▂▃▄▅▆▇█"
"""A score of 0 to 100 as one of eight heights."""


@dataclass(frozen=True)
class Progress:
    cashier: str
    scores: list[int]
    sparkline: str
    change: str
    """What moved from the first drill to the last: score, ask rate, seconds per customer."""


def sparkline(scores: list[int]) -> str:
    return "".join(BARS[min(len(BARS) - 1, max(0, score) * len(BARS) // 101)] for score in scores)


def progress(history: list[dict[str, Any]]) -> list[Progress]:
    """Per trainee, in the order they first drilled, from a score book's history (oldest first)."""
    by_cashier: dict[str, list[dict[str, Any]]] = {}
    for row in history:
        by_cashier.setdefault(str(row["cashier"]), []).append(row)
    return [
        Progress(
            cashier,
            [int(r["score"]) for r in rows],
            sparkline([int(r["score"]) for r in rows]),
            _change(rows),
        )
        for cashier, rows in by_cashier.items()
    ]


def _change(rows: list[dict[str, Any]]) -> str:
    if len(rows) < 2:
        return "one drill so far"
    first, last = rows[0], rows[-1]
    parts = [
        f"score {first['score']} → {last['score']}",
        f"ask rate {first['ask_rate']:.0%} → {last['ask_rate']:.0%}",
        f"{first['seconds_per_customer']:.0f} → {last['seconds_per_customer']:.0f} s a customer",
    ]
    better = []
    if last["score"] > first["score"]:
        better.append("score")
    if last["ask_rate"] > first["ask_rate"]:
        better.append("asking")
    if last["seconds_per_customer"] < first["seconds_per_customer"]:
        better.append("speed")
    return "; ".join(parts) + (f" (better: {', '.join(better)})" if better else "")
