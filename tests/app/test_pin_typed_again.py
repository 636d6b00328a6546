"""A PIN right, then the same PIN typed again by habit, at sign-in and in F3, one key at a time and in
one burst: the digits are never on the screen, the entry is dropped ("That was the PIN again") and
never read as an item, an order's number or the cash counted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from pos.app import PosApp
from pos.core.store.pin_echo import PIN_AGAIN
from pos.dialogs.manager import ManagerScreen
from pos.screens.sale import SaleScreen
from pos.widgets.entry_line import EntryLine
from pos.widgets.message_line import MessageLine
from tests.support.app_harness import records, settle
from tests.support.crew_folder import CASHIER_PIN, MANAGER_PIN, with_crew
from tests.support.terminal_burst import terminal_burst

AppFactory = Callable[..., PosApp]
SIZE = (100, 30)
SIGN_IN_TWICE = [*"C7", "enter", *CASHIER_PIN, "enter", *CASHIER_PIN, "enter"]
PAID = ["4", "0", "enter", "f10", "enter"]
APPROVED = [*"M1", "enter", *MANAGER_PIN, "enter"]


def on_screen(app: PosApp) -> str:
    screen = app.screen
    return "\n".join(
        [
            *(entry.value for entry in screen.query(EntryLine)),
            *(message.text for message in screen.query(MessageLine)),
            *(str(text.content) for text in screen.query(Static)),
        ]
    )


async def typed(pilot, app: PosApp, keys: list[str], way: str, pin: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The keys slowly (each screen looked at: the PIN's digits never on it) or in one burst; the
    messages seen."""
    if way == "burst":
        await terminal_burst(pilot, keys)
        return [app.screen.query_one(MessageLine).text]
    said = []
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
        assert pin[:3] not in on_screen(app), key
        said.append(app.screen.query_one(MessageLine).text)
    return said


@pytest.mark.parametrize("way", ["slowly", "burst"])
async def test_the_pin_again_after_the_sign_in_is_dropped_unshown(
    app_factory: AppFactory, data_dir: Path, way: str
) -> None:
    with_crew(data_dir)
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        said = await typed(pilot, app, SIGN_IN_TWICE, way, CASHIER_PIN)
        assert said[-1] == PIN_AGAIN
        screen = app.screen
        assert isinstance(screen, SaleScreen) and screen.counter.sale.order.entries == []
        await pilot.press(*PAID)
        await settle(pilot)
    assert [order["total"] for order in records(data_dir, "orders")] == [150]


@pytest.mark.parametrize(
    ("choice", "way"),
    [("r", "slowly"), ("r", "burst"), ("z", "burst")],
    ids=["refund", "refund-burst", "close"],
)
async def test_the_pin_again_in_f3_is_never_a_figure(
    app_factory: AppFactory, data_dir: Path, way: str, choice: str
) -> None:
    """Every F3 step after the PIN shows its field alike (as dots until its Enter): the order's
    number is looked at key by key, the count in a burst (what is recorded)."""
    then = ["1", "enter", "enter"] if choice == "r" else [*"1.50", "enter", "enter"]
    with_crew(data_dir)
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*SIGN_IN_TWICE[:-7], *PAID)
        await settle(pilot)
        said = await typed(pilot, app, ["f3", choice, *APPROVED, *MANAGER_PIN, "enter"], way, MANAGER_PIN)
        assert said[-1] == PIN_AGAIN and isinstance(app.screen, ManagerScreen)
        await pilot.press(*then)
        await settle(pilot)
    audits = records(data_dir, "audit")
    closes = [path.read_text() for path in data_dir.glob("closes/*.json")]
    if choice == "r":
        assert [(audit["action"], audit["amount"]) for audit in audits] == [("refund", 150)]
    else:
        assert len(closes) == 1 and '"counted":150' in closes[0].replace(" ", "")
