"""In a real terminal: the same keys as one burst and one at a time give the same order, log and screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest

from tests.app.test_deals_screen import fixed_secret
from tests.app.test_typing_speed import TENDERS
from tests.support.tmux import logged, needs_tmux, running

pytestmark = needs_tmux

FIXED = [
    "3",
    "enter",
    "1",
    "enter",
    "n",
    "n",
    "y",
    "n",
    "4",
    "0",
    "enter",
    "f10",
    "escape",
    "2",
    "0",
    "enter",
    "y",
    "f10",
    "n",
    "2",
    "0",
    "enter",
    "enter",
    "5",
    "0",
    "enter",
]
"""The bursts that went wrong, with Esc before a code (which a terminal can read as Alt or Option+digit)."""


MEALS = [
    *"1",
    "enter",
    "y",
    "2",
    "enter",
    "n",
    *"3",
    "enter",
    "n",
    "n",
    "f6",
    "y",
    "1",
    "2",
    "f10",
    "n",
    "enter",
]
"""Make it a meal (rings, then the first drink; no pie), then a declined meal brought back with F6: a
side and a drink asked."""


MEALS_THEN_TENDERS = [*MEALS, *TENDERS]
"""The meals' order, then one paid $1 by card and the rest in cash: one app run each way for both."""


@pytest.mark.parametrize(
    "keys",
    [FIXED, MEALS_THEN_TENDERS],
    ids=["fixed", "meals then tenders"],
)
def test_a_burst_in_tmux_acts_as_slow_typing(keys: list[str], tmp_path: Path) -> None:
    results = []
    for way in ("slowly", "burst"):
        data = tmp_path / way
        fixed_secret(data)  # the same receipt codes
        args = ["--data", str(data), "--cashier", "C1", "--now", "2026-11-23T12:15:00"]
        with running(args) as terminal:
            getattr(terminal, way)(keys)
            screen = terminal.settled()
        results.append((logged(data, "prompts"), logged(data, "orders"), screen))
    (slow_prompts, slow_orders, slow_screen), (fast_prompts, fast_orders, fast_screen) = results
    assert fast_prompts == slow_prompts
    assert fast_orders == slow_orders
    assert _without_pitch(fast_screen) == _without_pitch(slow_screen)
    if keys is MEALS_THEN_TENDERS:
        order, tendered = fast_orders
        assert order["status"] == "paid"
        lines = cast(list[dict[str, Any]], order["lines"])
        assert [(line["code"], [part["code"] for part in line.get("components", [])]) for line in lines] == [
            ("31", ["1", "21", "50"]),
            ("33", ["3", "20", "51"]),
            ("42", []),  # over $10.00: a free Cookie
        ]
        assert tendered["tenders"] == [{"kind": "card", "amount": 100}, {"kind": "cash", "amount": 500}]


def _without_pitch(screen: str) -> list[str]:
    """The screen less the prompt's wording line (its variant is drawn at random in each run)."""
    lines = screen.splitlines()
    return [line for index, line in enumerate(lines) if index == 0 or "say:" not in lines[index - 1]]
