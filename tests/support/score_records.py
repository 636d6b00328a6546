"""Score book records as a finished drill writes them, for the tests of the score book and its views."""

from __future__ import annotations

from pathlib import Path

from pos.core.training.scores import ScoreBook


def score_record(ts: str, cashier: str, score: int, ask_rate: float = 0.8) -> dict[str, object]:
    return {
        "ts": ts,
        "cashier": cashier,
        "drill": "Lunch basics",
        "level": "normal",
        "customers": 5,
        "score": score,
        "ask_rate": ask_rate,
        "answers_right": 1.0,
        "orders_right": 1.0,
        "seconds_per_customer": 21.0,
        "added_revenue": 350,
    }


def add_drill(data_dir: Path, ts: str, cashier: str, score: int, ask_rate: float = 0.8) -> None:
    ScoreBook(data_dir).add(score_record(ts, cashier, score, ask_rate))
