"""F3's messages wrap in its 76 columns: a refusal, or what a refund gives back and how, is shown word
for word at 80x24 as at 100x30, and a long order's lines leave it room."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from pos.app import PosApp
from pos.core.counter.approved import NO_CREW
from pos.widgets.message_line import MessageLine
from tests.support.app_harness import settle, shown_in
from tests.support.crew_folder import MANAGER_PIN, with_crew
from tests.support.hand_logs import order, order_line, write

AppFactory = Callable[..., PosApp]
SIZES = [(80, 24), (100, 30)]
SPLIT_PAID = ["4", "0", "enter", "f10", "c", "1", "enter", "1", "enter"]
"""An apple pie, $1.50: $1.00 by card, then $1.00 in cash ($0.50 change)."""
SPLIT_REFUND = "To approve, a refund of order 1: $1.50 back of $1.50: cash $0.50, card $1.00"


def open_sign_in(data_dir: Path) -> Path:
    """A crew, and C7 at the sale at once (a manager's PIN still asked)."""
    (with_crew(data_dir) / "store.toml").write_text("[pins]\nrequired = false\n")
    return data_dir


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
async def test_a_refusal_is_shown_whole(app_factory: AppFactory, size: tuple[int, int]) -> None:
    app = app_factory()  # no crew
    async with app.run_test(size=size) as pilot:
        await pilot.press("f3", "n")
        await settle(pilot)
        assert len(NO_CREW) > size[0] - 10  # wider than the card
        assert shown_in(app, app.screen.query_one(MessageLine)) == NO_CREW


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
async def test_what_a_refund_gives_back_is_shown_whole(
    app_factory: AppFactory, data_dir: Path, size: tuple[int, int]
) -> None:
    open_sign_in(data_dir)
    app = app_factory(cashier="C7")
    async with app.run_test(size=size) as pilot:
        await pilot.press(*SPLIT_PAID, "f3", "r", *"M1", "enter", *MANAGER_PIN, "enter", "1", "enter")
        await settle(pilot)
        assert shown_in(app, app.screen.query_one(MessageLine)) == SPLIT_REFUND


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
async def test_a_long_order_leaves_room_for_the_message(
    app_factory: AppFactory, data_dir: Path, size: tuple[int, int]
) -> None:
    line = {"code": "40", "name": "Apple Pie", "size": None, "qty": 1, "unit_price": 150, "source": "entered"}
    write(open_sign_in(data_dir), [order(total=1800, subtotal=1800, lines=[line] * 12)], "orders")
    app = app_factory(cashier="C7")
    async with app.run_test(size=size) as pilot:
        await pilot.press("f3", "v", *"M1", "enter", *MANAGER_PIN, "enter", "1", "enter", *"99", "enter")
        await settle(pilot)
        listed = str(app.screen.query_one("#manager-list", Static).content).splitlines()
        assert listed[-1] == "    and 5 more, to line 12: key its number"
        said = "Line 99: not a line to void (lines: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)"
        assert shown_in(app, app.screen.query_one(MessageLine)) == said


def footer(app: PosApp) -> list[str]:
    """The keys F3's footer shows: its own, never the counter's."""
    return [key.description for key in app.screen.query(FooterKey)]


async def test_f3_shows_its_own_keys_and_each_line_as_the_customer_heard_it(
    app_factory: AppFactory, data_dir: Path
) -> None:
    lines = [order_line("20", 279, name="Fries", size="Large"), order_line("40", 150, name="Apple Pie")]
    write(open_sign_in(data_dir), [order(total=462, subtotal=429, tax=33, lines=lines)], "orders")
    app = app_factory(cashier="C7")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        assert footer(app) == ["Back"]
        await pilot.press("v", *"M1", "enter", *MANAGER_PIN, "enter", "1", "enter")
        await settle(pilot)
        listed = str(app.screen.query_one("#manager-list", Static).content).splitlines()
        assert listed == [
            "Lines of order 1, each with its share of the tax:",
            " 1  1 x Large Fries       $3.00",
            " 2  1 x Apple Pie         $1.62",
        ]
        assert footer(app) == ["Back", "Next"]
        await pilot.press("1", "enter")
        await settle(pilot)
        assert footer(app) == ["Back", "Approve"]
        await pilot.press("enter", "f3")
        await settle(pilot)
        listed = str(app.screen.query_one("#manager-list", Static).content).splitlines()
        assert listed[1].endswith("$4.62  1 line voided")
