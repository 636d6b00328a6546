"""Keys in a burst act as keys typed slowly on every screen, not only the sale screen.

Generated sequences go into the finder (Ctrl+P: a name, arrows, PageDown, Enter,
Esc), help (F1), the questions (F9, Ctrl+Q with an order open), the report
screen (F5, its tabs and keys, Esc), the sign-in with a crew (IDs, PINs right and
wrong, Backspace, Esc, the PIN typed again), the manager's F3 (approvals, the X reading, the day's close), the payment (F10, card, other and cash tenders) and the sale
screen between them: once one
key at a time, each handled before the next, and once as a terminal sends them
in one read (Textual's own parser: "Esc 2" arrives as "™"). The same order, log,
screens and final picture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pos.app import PosApp
from pos.core.selling.menu_loader import load_menu
from pos.screens.sale import SaleScreen
from tests.app.test_typing_speed import outcome
from tests.conftest import MENUS
from tests.support.app_harness import make_app, records, slowly
from tests.support.crew_folder import CASHIER_PIN, MANAGER_PIN, WRONG_PIN, with_crew
from tests.support.terminal_burst import terminal_burst

EXAMPLES = settings(
    max_examples=2,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: the message names the keys
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
"""Bounded: each example runs the app twice, once a key at a time (a second or two)."""

CODES = ["1", "3", "20", "40", "22", "2*20", "50 l", "apple pie"]
SALE_KEYS = ["y", "n", "escape", "enter", "f7", "f8", "f10", "up", "+", ">", "backspace", "f4"]
QUERIES = ["sun", "apple", "20", "pie", "cola", "zq"]
"""Item names and codes ("zq" finds nothing); none finds a command (quit, a screenshot)."""
MOVES = ["down", "up", "pagedown", "pageup", "backspace"]
REPORT_KEYS = ["f4", "f3", "pagedown", "pageup", "ctrl+end", "f5", "2", "backspace", "enter"]

code = st.sampled_from(CODES).map(lambda text: [*text, "enter"])
sale_key = st.sampled_from(SALE_KEYS).map(lambda key: [key])
moves = st.lists(st.sampled_from(MOVES), max_size=3)
finder = st.one_of(
    st.tuples(st.sampled_from(QUERIES), moves, st.sampled_from(["enter", "escape"])).map(
        lambda parts: ["ctrl+p", *parts[0], *parts[1], parts[2]]
    ),
    moves.map(lambda keys: ["ctrl+p", *keys, "escape"]),
)
help_ = st.sampled_from([["f1"], ["f1", "escape"], ["f1", "f1"]])
question = st.one_of(
    st.sampled_from(["y", "n", "escape"]).map(lambda answer: ["f9", answer]),
    st.sampled_from(["n", "escape", "n", "y"]).map(lambda answer: ["ctrl+q", answer]),
)
tender = st.lists(
    st.sampled_from([["c"], ["o"], ["1"], ["2", "0"], ["enter"], ["backspace"], ["c", "enter"]]), max_size=4
).map(lambda parts: ["f10", *(key for part in parts for key in part), "enter"])
"""The payment: parts by card or other, cash, Backspace dropping the last, and Enter."""
report = st.lists(st.sampled_from(REPORT_KEYS), max_size=4).map(lambda keys: ["f5", *keys, "escape"])
segments = st.lists(
    st.one_of(code, code, sale_key, finder, help_, question, report, tender), min_size=4, max_size=8
)
sequences = segments.map(lambda parts: [key for part in parts for key in part])
attempt = st.tuples(
    st.sampled_from(["C7", "C9", "M1"]),
    st.sampled_from(
        [
            [],
            ["1", "escape", "C", "7", "enter"],
            ["1", "escape", "escape", "C", "7", "enter"],
            ["1", "backspace"],
        ]
    ),
    st.sampled_from([CASHIER_PIN, MANAGER_PIN, WRONG_PIN, "12"]),
).map(lambda parts: ["escape", *parts[0], "enter", *parts[1], *parts[2], "enter"])
"""Esc first: a PIN refused is asked again, and Esc on its empty line asks the ID."""
signing_in = st.tuples(
    st.lists(attempt, min_size=1, max_size=2),
    st.sampled_from([[], [*CASHIER_PIN, "enter"]]),
    st.lists(code, max_size=2),
).map(
    lambda parts: [
        *(key for keys in parts[0] for key in keys),
        *["escape", *"C7", "enter", *CASHIER_PIN, "enter", *parts[1]],
        *(key for keys in parts[2] for key in keys),
    ]
)
"""Up to two tries (fewer than a lock), then the cashier's own (maybe typed again, by habit), then an
item or two."""


async def run(
    keys: list[str], data_dir: Path, fast: bool, menu: str | None, crew: bool = False
) -> dict[str, Any]:
    menu_read = load_menu(MENUS / f"{menu}.toml") if menu else None
    app = (
        make_app(with_crew(data_dir), cashier=None, menu=menu_read)
        if crew
        else make_app(data_dir, menu=menu_read)
    )
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await (terminal_burst if fast else slowly)(pilot, keys)
            return seen(app, data_dir)
    finally:
        app.writer.close()


def seen(app: PosApp, data_dir: Path) -> dict[str, Any]:
    assert app.return_code in (None, 0), "the app stopped with an error"
    found = outcome(app, data_dir)
    if app.return_code is not None:
        del found["screen"]  # quit: no picture
    return {
        **found,
        "audit": [
            {k: v for k, v in a.items() if k not in ("ts", "store_id")} for a in records(data_dir, "audit")
        ],
        "screens": [type(screen).__name__ for screen in app.screen_stack],
        "closes": sorted((path.name, path.read_bytes()) for path in data_dir.glob("closes/*")),
        "quit": app.return_code,
    }


@pytest.mark.parametrize("menu", [None, "burger_counter"], ids=["v1 menu", "bundled menu"])
@EXAMPLES
@given(keys=sequences)
def test_a_burst_acts_as_slow_typing_on_every_screen(
    menu: str | None, keys: list[str], tmp_path: Path
) -> None:
    same_either_way(keys, tmp_path, menu)


@EXAMPLES
@given(keys=signing_in)
def test_a_burst_through_the_pin_sign_in_acts_as_slow_typing(keys: list[str], tmp_path: Path) -> None:
    same_either_way(keys, tmp_path, None, crew=True)


def same_either_way(keys: list[str], tmp_path: Path, menu: str | None, crew: bool = False) -> None:
    import asyncio
    import tempfile

    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        slow, fast = Path(folder, "slow"), Path(folder, "burst")
        slow.mkdir()
        fast.mkdir()
        one = asyncio.run(run(keys, slow, fast=False, menu=menu, crew=crew))
        other = asyncio.run(run(keys, fast, fast=True, menu=menu, crew=crew))
    for part in one:
        assert other[part] == one[part], f"{part} differs for keys {keys}"


@pytest.mark.parametrize(
    ("keys", "lines", "screens"),
    [
        (["ctrl+p", "escape", "2", "2", "enter"], ["22"], ["SaleScreen"]),
        (["f1", "ctrl+p", "escape", "2", "2", "enter"], ["22"], ["SaleScreen"]),
        (["ctrl+p", "pagedown"], [], ["SaleScreen", "FinderScreen"]),
        (["ctrl+p", "pagedown", "pagedown", "up", "enter"], ["51"], ["SaleScreen"]),
        (["ctrl+p", *"sundae", "enter", "n", "n"], ["41"], ["SaleScreen"]),
        (["f1", "4", "0", "enter"], ["40"], ["SaleScreen"]),
        (["4", "0", "enter", "ctrl+q", "escape", "2", "2", "enter"], ["40", "22"], ["SaleScreen"]),
        (["f5", "f4", "pagedown", "escape", "2", "2", "enter"], ["22"], ["SaleScreen"]),
    ],
    ids=[
        "finder esc 2",
        "help then finder",
        "finder pagedown",
        "finder pages",
        "finder name",
        "help",
        "quit no",
        "report",
    ],
)
async def test_the_bursts_that_went_wrong(
    keys: list[str], lines: list[str], screens: list[str], data_dir: Path
) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await terminal_burst(pilot, keys)
        sale = next(screen for screen in app.screen_stack if isinstance(screen, SaleScreen))
        counter = sale.counter
        assert [line.item.code for line in counter.sale.order.lines] + list(counter.keyed_ahead) == lines
        assert [type(screen).__name__ for screen in app.screen_stack] == screens
    app.writer.close()


APPROVALS = [
    *["f3", "v", *"C7", "enter", *CASHIER_PIN, "enter", "1", "enter", "escape", "escape", "escape"],
    *["4", "0", "enter", "f3", "d", *"M1", "enter", *WRONG_PIN, "enter", *"10%", "enter"],
    *["escape", "escape", "escape", "f9", "y", "f3", "r", *"M1", "enter", *MANAGER_PIN, "enter"],
    *[*MANAGER_PIN, "enter", *"99", "enter", "1", "enter", "escape", "1", "enter", "enter"],
]
"""A void after the receipt that a cashier's PIN does not approve, a discount a wrong PIN does not
(what follows goes in the PIN's place, as dots), then the order voided and a refund a manager
approves after the PIN typed again (dropped), a number that is no paid order and an Esc back from
approving it: one app run each way."""
DAY_END = [
    *["f3", "x", "pagedown", "up", "escape", "f3", "z", *"M1", "enter", *MANAGER_PIN, "enter"],
    *[*MANAGER_PIN, "enter", *"9.5", "backspace", "enter", "enter", "end", "escape"],
]
"""The X reading, scrolled, then the day's close, the PIN typed again (dropped, never the count) and a
count mended by Backspace."""
SIGNED_IN_PAID = [*"C7", "enter", *CASHIER_PIN, "enter", "4", "0", "enter", "f10", "enter"]


@pytest.mark.parametrize("manager", [APPROVALS, DAY_END], ids=["approvals", "the day's end"])
def test_a_burst_through_the_managers_keys_acts_as_slow_typing(manager: list[str], tmp_path: Path) -> None:
    same_either_way([*SIGNED_IN_PAID, *manager, "2", "2", "enter"], tmp_path, None, crew=True)
