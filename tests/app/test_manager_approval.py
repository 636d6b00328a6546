"""F3, the manager's approval: typed in one burst, as slowly; the PIN as dots, never on the screen
or in a record; a cashier's PIN approves nothing; without a crew, refused; each approval audited once."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from textual.widgets import Static

from pos.app import PosApp
from pos.core.analytics.report import build_report
from pos.core.counter.approved import NO_CREW
from pos.dialogs.manager import ManagerScreen
from pos.screens.sale import SaleScreen
from pos.widgets.entry_line import EntryLine
from pos.widgets.message_line import MessageLine
from tests.support.app_harness import records, settle
from tests.support.crew_folder import CASHIER_PIN, MANAGER_PIN, with_crew
from tests.support.terminal_burst import terminal_burst

AppFactory = Callable[..., PosApp]
SIZE = (100, 30)
PIE = "40"  # an apple pie at $1.50: no prompts
REFUND_ONE = ["f3", "r", *"M1", "enter", *MANAGER_PIN, "enter", "1", "enter", "enter"]


async def signed_in(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*"C7", "enter", *CASHIER_PIN, "enter")
    await settle(pilot)


async def signed_in_and_paid(pilot, app: PosApp) -> None:  # type: ignore[no-untyped-def]
    await signed_in(pilot)
    await pilot.press(*PIE, "enter", "f10", "enter")
    await settle(pilot)
    assert isinstance(app.screen, SaleScreen)


async def test_a_refund_typed_in_one_burst_is_audited_once(app_factory: AppFactory, data_dir: Path) -> None:
    with_crew(data_dir)
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await signed_in_and_paid(pilot, app)
        # the refund, then the next item, in one burst: the item goes to the sale after the approval
        await pilot.press(*REFUND_ONE, *PIE, "enter")
        await settle(pilot)
        assert isinstance(app.screen, SaleScreen)
        assert len(app.screen.counter.sale.order.lines) == 1  # the pie keyed after it
        await pilot.press("f3", "r", *"M1", "enter", *MANAGER_PIN, "enter", "1", "enter")  # once only
        await settle(pilot)
        assert "refunded already" in app.screen.query_one(MessageLine).text
    (refund,) = records(data_dir, "audit")
    assert (
        refund["cashier"],
        refund["approved_by"],
        refund["action"],
        refund["order"],
        refund["amount"],
    ) == (
        "C7",
        "M1",
        "refund",
        "T1-20261123-0001",
        150,
    )
    report = build_report(data_dir)
    assert report.totals["orders"] == 0 and report.approvals[0]["refunded"] == 150


def on_screen(app: PosApp) -> str:
    """What the screen on top shows in words: its entry lines, messages and text."""
    screen = app.screen
    return "\n".join(
        [
            *(entry.value for entry in screen.query(EntryLine)),
            *(message.text for message in screen.query(MessageLine)),
            *(str(text.content) for text in screen.query(Static)),
        ]
    )


@pytest.mark.parametrize("way", ["slowly", "burst"])
async def test_keys_typed_after_a_refused_number_never_show_the_pin(
    app_factory: AppFactory, data_dir: Path, way: str
) -> None:
    """The PIN is typed before the order's number: what follows a number refused is a number."""
    with_crew(data_dir)
    refused_first = [*REFUND_ONE[:-3], *"99", "enter", *REFUND_ONE[-3:]]
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await signed_in_and_paid(pilot, app)
        if way == "burst":
            await terminal_burst(pilot, refused_first)
        refused = []
        for key in refused_first if way == "slowly" else []:
            await pilot.press(key)
            await settle(pilot)
            assert MANAGER_PIN[:3] not in on_screen(app), key
            refused += (
                [app.screen.query_one(MessageLine).text] if isinstance(app.screen, ManagerScreen) else []
            )
        assert way == "burst" or "No paid order 99 at T1 today" in refused
        assert isinstance(app.screen, SaleScreen)
        assert app.screen.query_one(MessageLine).text == "Refund approved: give back $1.50 in cash"
    assert [(audit["action"], audit["amount"]) for audit in records(data_dir, "audit")] == [("refund", 150)]


async def test_the_pin_shows_as_dots_and_is_never_kept(app_factory: AppFactory, data_dir: Path) -> None:
    with_crew(data_dir)
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await signed_in_and_paid(pilot, app)
        await pilot.press("f3", "n", *"M1", "enter", *MANAGER_PIN[:4])
        await settle(pilot)
        assert isinstance(app.screen, ManagerScreen)
        assert app.screen.query_one(EntryLine).value == "••••"
        assert MANAGER_PIN[:4] not in "".join(app.export_screenshot())
        await pilot.press(*MANAGER_PIN[4:], "enter")
        await settle(pilot)
    (no_sale,) = records(data_dir, "audit")
    assert (no_sale["action"], no_sale["approved_by"], no_sale["amount"]) == ("no_sale", "M1", None)
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert (
                MANAGER_PIN.encode() not in path.read_bytes()
                and CASHIER_PIN.encode() not in path.read_bytes()
            )
    assert MANAGER_PIN not in json.dumps(build_report(data_dir).as_dict())


async def test_a_cashiers_pin_approves_nothing(app_factory: AppFactory, data_dir: Path) -> None:
    with_crew(data_dir)
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await signed_in_and_paid(pilot, app)
        await pilot.press("f3", "n", *"C7", "enter", *CASHIER_PIN, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ManagerScreen)
        assert "C7 is not a manager" in app.screen.query_one(MessageLine).text
    assert records(data_dir, "audit") == []


async def test_a_discount_by_hand_is_bounded_and_on_the_order(
    app_factory: AppFactory, data_dir: Path
) -> None:
    with_crew(data_dir)
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await signed_in(pilot)
        await pilot.press(*PIE, "enter", "f3", "d", *"M1", "enter", *MANAGER_PIN, "enter", *"9.99", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ManagerScreen)
        assert "more than nothing and at most the order's" in app.screen.query_one(MessageLine).text
        await pilot.press(*"10%", "enter", "enter", "f10", "enter")
        await settle(pilot)
    (order,) = records(data_dir, "orders")
    pie, off = cast(list[dict[str, Any]], order["lines"])
    assert (off["source"], order["subtotal"]) == ("manager", pie["unit_price"] + off["unit_price"])
    (discount,) = records(data_dir, "audit")
    assert (discount["action"], discount["order"]) == ("discount", order["order"])
    assert discount["amount"] == -off["unit_price"] == round(pie["unit_price"] / 10)


async def test_without_a_crew_approvals_are_refused(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "n", *"M1", "enter", *"1234", "enter")  # refused at n: no PIN to type
        await settle(pilot)
        assert app.screen.query_one(MessageLine).text == NO_CREW
        assert app.screen.query_one(EntryLine).value == ""
    assert records(data_dir, "audit") == []
