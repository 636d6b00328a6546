"""Keys give the same order, events and screen however fast they arrive.

Generated key sequences (codes, quantities, sizes, y/n/Esc, line keys, F7 to F10,
Enter, tenders in cash, card and other) go through the real app twice: one key at a time, each handled
before the next, and as one burst, all queued before the first is handled.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from pos.app import PosApp
from pos.core.selling.menu_loader import load_menu
from pos.screens.sale import SaleScreen
from tests.conftest import MENUS
from tests.support.app_harness import burst, make_app, records, slowly

SEQUENCES = 2
"""Bounded: each sequence runs the app twice; the odd one on the bundled menu, which has meals (the
property over every screen, `test_typing_speed_on_every_screen.py`, draws sale keys too)."""
CODES = ["1", "3", "20", "40", "50", "22", "31", "99", "2*20", "50 l", "20 large", "apple pie", "2*33"]
KEYS = [
    "y",
    "n",
    "escape",
    "y",
    "n",
    "escape",
    "enter",
    "f7",
    "f8",
    "f9",
    "f10",
    "up",
    "+",
    "-",
    ">",
    "backspace",
]


def sequence(rng: random.Random) -> list[str]:
    keys: list[str] = []
    while len(keys) < 28:
        roll = rng.random()
        if roll < 0.35:
            keys += [*rng.choice(CODES), "enter"]
        elif roll < 0.45:
            kind = rng.choice([[], [], ["c"], ["o"], ["c", "c"]])  # cash, card, other, card then cash again
            keys += [*kind, *str(rng.choice([1, 5, 10, 20])), "enter"]  # a tender, or a code
        else:
            keys.append(rng.choice(KEYS))
    return keys


def outcome(app: PosApp, data_dir: Path) -> dict[str, Any]:
    screen = next(s for s in app.screen_stack if isinstance(s, SaleScreen))
    counter = screen.counter
    drop = {"ts", "store_id", "response_ms"}  # each run's data folder is a store of its own
    return {
        "prompts": [{k: v for k, v in p.items() if k not in drop} for p in records(data_dir, "prompts")],
        "orders": [{k: v for k, v in o.items() if k not in drop} for o in records(data_dir, "orders")],
        "lines": [
            (line.item.code, line.size, line.qty, line.unit_price) for line in counter.sale.order.lines
        ],
        "meals": [
            (meal.combo.code, meal.price, [line.item.code for line in meal.components])
            for meal in counter.sale.order.meals
        ],
        "state": (
            counter.stage,
            counter.entry,
            counter.till.tender,
            counter.message,
            counter.selected,
            list(counter.keyed_ahead),
        ),
        "prompt": counter.prompt.pitch if counter.prompt else None,
        "screen": app.export_screenshot(),
    }


async def run(keys: list[str], data_dir: Path, fast: bool, menu: str | None = None) -> dict[str, Any]:
    app = make_app(data_dir, menu=load_menu(MENUS / f"{menu}.toml") if menu else None)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await (burst if fast else slowly)(pilot, keys)
            return outcome(app, data_dir)
    finally:
        app.writer.close()


@pytest.mark.parametrize("seed", range(SEQUENCES))
async def test_a_burst_acts_as_slow_typing(seed: int, tmp_path: Path) -> None:
    keys = sequence(random.Random(seed))
    (tmp_path / "slow").mkdir()
    (tmp_path / "burst").mkdir()
    menu = "burger_counter" if seed % 2 else None
    slow = await run(keys, tmp_path / "slow", fast=False, menu=menu)
    fast = await run(keys, tmp_path / "burst", fast=True, menu=menu)
    for part in slow:
        assert fast[part] == slow[part], f"{part} differs for keys {keys}"


TENDERS = [
    *["4", "0", "enter", "f10", "n", "c", "1", "enter", "o", "0", ".", "2", "5", "enter", "backspace"],
    *["c", "5", "c", "enter"],  # card chosen, then cash again: $5 cash
]
"""The payment split (an apple pie): $1 by card, $0.25 as other dropped by Backspace, then $5 in cash."""


async def test_a_burst_through_the_tenders_acts_as_slow_typing(tmp_path: Path) -> None:
    (tmp_path / "slow").mkdir()
    (tmp_path / "burst").mkdir()
    slow = await run(TENDERS, tmp_path / "slow", fast=False)
    fast = await run(TENDERS, tmp_path / "burst", fast=True)
    for part in slow:
        assert fast[part] == slow[part], f"{part} differs"
    assert [order["tenders"] for order in fast["orders"]] == [
        [{"kind": "card", "amount": 100}, {"kind": "cash", "amount": 500}]
    ]


@pytest.mark.parametrize(
    ("menu", "keys", "lines"),
    [
        ("burger_counter", ["3", "enter", "1", "enter"], ["3", "1"]),
        ("coffee_bar", ["E", "1", "enter", "C", "1", "enter"], ["E1", "C1"]),
        ("burger_counter", ["4", "0", "enter", "4", "1", "enter", "4", "2", "enter"], ["40", "41", "42"]),
    ],
)
async def test_the_bursts_that_went_wrong(
    menu: str, keys: list[str], lines: list[str], data_dir: Path
) -> None:
    app = make_app(data_dir, menu=load_menu(MENUS / f"{menu}.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, keys)
        screen = app.screen
        assert isinstance(screen, SaleScreen)
        counter = screen.counter
        entered = [line.entered.code for line in counter.sale.order.lines]
        queued = list(counter.keyed_ahead)
        assert entered + queued == lines, "every item lands as typed, now or after its prompts"
    app.writer.close()
