"""Whole orders on the cashier screen, key by key, and the records they log."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from pos.app import PosApp
from pos.core.counter.counter_keys import Stage
from pos.core.log.storage import LogWriteError
from pos.dialogs.confirm import ConfirmScreen
from pos.dialogs.help import HelpScreen
from pos.screens.sale import SaleScreen
from pos.screens.sign_in import SignInScreen
from pos.widgets.message_line import MessageLine
from pos.widgets.prompt_card import PromptCard
from tests.support.app_harness import burst, records, settle

AppFactory = Callable[..., PosApp]
SIZE = (100, 30)


def sale_screen(app: PosApp) -> SaleScreen:
    screen = next(s for s in app.screen_stack if isinstance(s, SaleScreen))
    return screen


def stage(app: PosApp) -> Stage:
    return sale_screen(app).counter.stage


def entry(app: PosApp) -> str:
    return sale_screen(app).counter.entry


def order_lines(app: PosApp) -> list[tuple[str, str | None, int, int, str]]:
    sale = sale_screen(app).counter.sale
    return [
        (line.item.code, line.size, line.qty, line.unit_price, str(line.source)) for line in sale.order.lines
    ]


def prompt(app: PosApp) -> str | None:
    """The pitch of the prompt on screen, or None when no prompt is up."""
    screen = app.screen
    if not isinstance(screen, SaleScreen) or not screen.counter.prompting:
        return None
    return screen.query_one(PromptCard).pitch


def message(app: PosApp) -> str:
    return sale_screen(app).query_one(MessageLine).text


async def key_in(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text, "enter")
    await settle(pilot)


async def test_a_whole_order_with_every_prompt(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await key_in(pilot, "1")
        assert "meal" in (prompt(app) or "")
        await pilot.press("y")
        await settle(pilot)
        assert order_lines(app) == [("31", None, 1, 699, "upsell")]
        assert prompt(app) is not None, "the cross-sell follows"
        await pilot.press("n")
        await settle(pilot)
        assert prompt(app) is None
        await pilot.press("f10")
        await settle(pilot)
        assert prompt(app) is not None, "the checkout offer comes first"
        await pilot.press("escape")
        await settle(pilot)
        assert stage(app) is Stage.TENDER
        await pilot.press("enter")  # the exact amount
        await settle(pilot)
        assert stage(app) is Stage.RECEIPT
        await pilot.press("enter")
        await settle(pilot)
        assert stage(app) is Stage.SELLING and order_lines(app) == []
        assert app.focused is None, "every key goes to the screen, in order"

    prompts = records(data_dir, "prompts")
    assert [(p["kind"], p["trigger"], p["offer"], p["outcome"]) for p in prompts] == [
        ("upsell", "1", "31", "accepted"),
        ("cross_sell", "1", "43", "declined"),
        ("checkout", None, "40", "skipped"),
    ]
    assert all(
        p["order"] == "T1-20261123-0001" and p["cashier"] == "C1" and p["mode"] == "live" for p in prompts
    )
    assert all(isinstance(p["response_ms"], int) and p["response_ms"] >= 0 for p in prompts)
    assert prompts[0]["delta"] == 350 and prompts[0]["daypart"] == "lunch"
    (order,) = records(data_dir, "orders")
    assert order["status"] == "paid" and order["prompts"] == 3
    assert (order["subtotal"], order["tax"], order["total"], order["tendered"], order["change"]) == (
        699,
        58,
        757,
        757,
        0,
    )
    assert order["lines"] == [
        {
            "code": "31",
            "name": "Cheeseburger Meal",
            "size": None,
            "qty": 1,
            "unit_price": 699,
            "source": "upsell",
            "prompt": 1,
            "added": 350,
        }
    ]
    assert order["voided_lines"] == []


async def test_payment_with_change(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await key_in(pilot, "40")  # an apple pie: no prompts, no checkout (it is a dessert)
        await pilot.press("f10")
        await settle(pilot)
        assert stage(app) is Stage.TENDER
        await key_in(pilot, "1")
        assert stage(app) is Stage.TENDER, "$1 does not cover $1.50"
        assert "short of the total" in message(app)
        await key_in(pilot, "5")
        assert stage(app) is Stage.RECEIPT
        assert "Change due $3.50" in message(app)
    (order,) = records(data_dir, "orders")
    assert (order["total"], order["tendered"], order["change"]) == (150, 500, 350)


async def test_escape_from_payment_keeps_the_order(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await key_in(pilot, "40")
        await pilot.press("f10")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SaleScreen)
        assert order_lines(app) == [("40", None, 1, 139, "entered")]
    assert records(data_dir, "orders") == []


async def test_a_checkout_offer_accepted(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await key_in(pilot, "3")  # double cheeseburger 4.99
        await pilot.press("n", "n")
        await key_in(pilot, "22")  # side salad: no upsell, cross-sell a cheeseburger
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        assert prompt(app) is not None
        await pilot.press("y")
        await settle(pilot)
        assert stage(app) is Stage.TENDER
        assert order_lines(app)[-1] == ("40", None, 1, 139, "checkout")
    checkout = records(data_dir, "prompts")[-1]
    assert (checkout["kind"], checkout["offer"], checkout["outcome"], checkout["delta"]) == (
        "checkout",
        "40",
        "accepted",
        139,
    )


async def test_a_size_given_at_entry_gets_no_upsell(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await key_in(pilot, "50 large")
        assert "Cheeseburger" in (prompt(app) or ""), "straight to the cross-sell"
        await pilot.press("n")
        await settle(pilot)
        assert order_lines(app) == [("50", "Large", 1, 189, "entered")]
    assert [p["kind"] for p in records(data_dir, "prompts")] == ["cross_sell"]


async def test_quantity(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await key_in(pilot, "3*20")
        await pilot.press("y")  # the upsell, for all three
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert order_lines(app) == [("20", "Medium", 3, 229, "upsell")]
    upsell = records(data_dir, "prompts")[0]
    assert (upsell["size"], upsell["delta"]) == ("Medium", 150)


async def test_a_wrong_code_adds_nothing_and_typing_goes_on(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await key_in(pilot, "99")
        assert isinstance(app.screen, SaleScreen)
        assert "no item '99'" in message(app)
        assert order_lines(app) == []
        assert entry(app) == ""
        await key_in(pilot, "40")
        assert order_lines(app) == [("40", None, 1, 139, "entered")]
        await key_in(pilot, "20 jumbo")
        assert "Small, Medium, Large" in message(app)
    assert records(data_dir, "prompts") == []


async def test_void_the_last_or_the_selected_line(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        for code in ("40", "41", "42"):
            await key_in(pilot, code)
        assert [line[0] for line in order_lines(app)] == ["40", "41", "42"]
        await pilot.press("f8")
        await settle(pilot)
        assert [line[0] for line in order_lines(app)] == ["40", "41"]
        await pilot.press("up", "f8")
        await settle(pilot)
        assert [line[0] for line in order_lines(app)] == ["41"]
        assert "Voided 1 × Apple Pie" in message(app)


async def test_void_the_whole_order(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await key_in(pilot, "40")
        await pilot.press("f9")
        await settle(pilot)
        assert stage(app) is Stage.CONFIRM_VOID
        await pilot.press("n")
        await settle(pilot)
        assert order_lines(app) == [("40", None, 1, 139, "entered")]
        await pilot.press("f9", "y")
        await settle(pilot)
        assert order_lines(app) == []
        assert sale_screen(app).counter.sale.order.id == "T1-20261123-0002"
    (order,) = records(data_dir, "orders")
    assert (order["status"], order["order"], order["total"]) == ("voided", "T1-20261123-0001", 150)


async def test_keys_typed_ahead_never_land_in_the_entry(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter", "y", "n", "5", "0", "enter", "n", "n")
        await settle(pilot)
        assert isinstance(app.screen, SaleScreen)
        assert entry(app) == ""
        assert [line[0] for line in order_lines(app)] == ["31", "50"]
    assert [p["outcome"] for p in records(data_dir, "prompts")] == [
        "accepted",
        "declined",
        "declined",
        "declined",
    ]


async def test_sign_in_asks_for_a_valid_cashier_id(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SignInScreen)
        await key_in(pilot, "not valid!")
        assert isinstance(app.screen, SignInScreen)
        assert "1 to 24 letters" in app.screen.query_one(MessageLine).text
        await key_in(pilot, "C9")
        assert isinstance(app.screen, SaleScreen) and app.screen.counter.shop.station.cashier == "C9"
        await key_in(pilot, "40")
        await pilot.press("f10", "enter", "enter")
        await settle(pilot)
    assert records(data_dir, "orders")[0]["cashier"] == "C9"


async def test_help_opens_and_closes(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SaleScreen)


async def test_quit_asks_first_when_an_order_is_open(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await key_in(pilot, "40")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SaleScreen) and app.return_code is None
        await pilot.press("ctrl+q", "y")
        await settle(pilot)
        assert app.return_code == 0
    assert records(data_dir, "orders")[0]["status"] == "voided"


async def test_quit_at_once_when_no_order_is_open(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        assert app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_find_an_item_by_name(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await key_in(pilot, "apple pie")
        await key_in(pilot, "milksh")
        assert [line[0] for line in order_lines(app)[:2]] == ["40", "55"]


async def test_the_command_palette_adds_an_item(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"sundae")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert [line[0] for line in order_lines(app)] == ["41"]


async def test_a_full_disk_is_shown_and_nothing_answered_is_lost(
    app_factory: AppFactory, data_dir: Path
) -> None:
    app = app_factory()
    log = app.writer.log
    real_log = log.log
    disk = {"full": True}

    def log_prompt(kind: str, event: object) -> None:
        if disk["full"] and kind == "prompt":
            raise LogWriteError(
                f"{data_dir}/log/2026-11-23/T1.prompts.jsonl: could not write the record: No space left on device"
            )
        real_log(kind, event)  # type: ignore[arg-type]

    log.log = log_prompt  # type: ignore[method-assign,assignment]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter", "y", "n")
        await settle(pilot)
        screen = sale_screen(app)
        screen._tick()
        alert = screen.query_one("#alert", Static)
        assert alert.display and "No space left on device" in str(alert.content)
        assert order_lines(app) == [("31", None, 1, 699, "upsell")], "the open order is kept"
        assert app.writer.backlog == 2
        disk["full"] = False
        screen._tick()  # the screen retries every second
        await settle(pilot)
        screen._tick()
        assert not alert.display
    assert [p["outcome"] for p in records(data_dir, "prompts")] == ["accepted", "declined"]


async def test_typing_ahead_of_a_slow_disk_loses_no_key(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    log = app.writer.log
    real_log_prompt = log.log_prompt

    def slow_log_prompt(event: object) -> None:
        time.sleep(0.15)  # slower than a key's handler waits for
        real_log_prompt(event)  # type: ignore[arg-type]

    log.log_prompt = slow_log_prompt  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter", "y", "n", "4", "0", "enter", "2", "2", "enter", "n")
        for _ in range(20):
            await settle(pilot)
        assert isinstance(app.screen, SaleScreen)
        assert [line[0] for line in order_lines(app)] == ["31", "40", "22"]
        assert entry(app) == ""
    assert [(p["offer"], p["outcome"]) for p in records(data_dir, "prompts")] == [
        ("31", "accepted"),
        ("43", "declined"),
        ("1", "declined"),
    ]


async def test_quit_from_the_receipt_never_voids_the_paid_order(
    app_factory: AppFactory, data_dir: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await key_in(pilot, "40")
        await pilot.press("f10", "enter")
        await settle(pilot)
        assert stage(app) is Stage.RECEIPT
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.return_code == 0, "nothing open: it quits at once"
    assert [order["status"] for order in records(data_dir, "orders")] == ["paid"]


async def test_keys_typed_at_the_receipt_start_the_next_order(
    app_factory: AppFactory, data_dir: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "0", "enter", "f10", "enter", "4", "1", "enter")
        await settle(pilot)
        assert stage(app) is Stage.SELLING and order_lines(app) == [("41", None, 1, 219, "entered")]
    assert [o["status"] for o in records(data_dir, "orders")] == ["paid"]


async def test_pay_with_a_prompt_up_closes_it_as_skipped(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter", "f10")
        await settle(pilot)
        offer = sale_screen(app).counter.prompt
        assert offer is not None and offer.kind.name == "checkout", "the last offer, not the meal's add-on"
    assert [(p["kind"], p["outcome"]) for p in records(data_dir, "prompts")] == [("upsell", "skipped")]


async def test_a_click_on_a_footer_key_acts_as_the_key(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "0", "enter")
        await settle(pilot)
        await pilot.click("FooterKey", offset=(2, 0))  # the first key: F10, pay
        await settle(pilot)
        assert stage(app) is Stage.TENDER


async def test_sign_out_and_in_again_without_quitting(app_factory: AppFactory, data_dir: Path) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "0", "enter", "f2")
        await settle(pilot)
        assert isinstance(app.screen, SaleScreen) and "Finish or void" in message(app)
        await pilot.press("f10", "enter", "enter", "f2")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        await key_in(pilot, "C2")
        assert isinstance(app.screen, SaleScreen) and app.screen.counter.shop.station.cashier == "C2"
        await pilot.press("4", "1", "enter", "f10", "enter", "f2")
        await settle(pilot)
        await key_in(pilot, "C1")
        assert isinstance(app.screen, SaleScreen) and len(app.screen_stack) == 2, "screens do not pile up"
    assert [(o["cashier"], o["order"]) for o in records(data_dir, "orders")] == [
        ("C1", "T1-20261123-0001"),
        ("C2", "T1-20261123-0002"),
    ]


async def test_keys_in_one_burst_with_the_sign_in_land_on_the_order(
    app_factory: AppFactory, data_dir: Path
) -> None:
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, ["C", "9", "enter", "4", "0", "enter", "4", "1", "enter"])
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SaleScreen) and screen.counter.shop.station.cashier == "C9"
        assert [line[0] for line in order_lines(app)] == ["40", "41"], "not lost, not a second sign-in as 40"


async def test_help_opens_from_the_sign_in(app_factory: AppFactory) -> None:
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_the_notices_on_opening_go_at_the_first_key_and_the_key_still_acts(
    app_factory: AppFactory,
) -> None:
    """They covered the message line for 30 s: "Code ... is not a training code: a trai▌"."""
    app = app_factory()
    app.notices = ["order T1-20261123-0001 was open when pos stopped; it is recorded as voided"]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert len(app._notifications) == 1
        await pilot.press("2", "0", "enter")
        await settle(pilot)
        assert len(app._notifications) == 0
        assert [line[0] for line in order_lines(app)] == ["20"]


async def test_an_upsold_line_resized_by_hand_is_no_longer_marked_upsold(app_factory: AppFactory) -> None:
    """The size is then the customer's, at the menu's price: "▲ upsold" beside it misled."""
    from pos.widgets.order_panel import OrderPanel

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await key_in(pilot, "50")
        await pilot.press("y")
        await settle(pilot)
        panel = app.screen.query_one(OrderPanel)
        assert any("upsold" in row.plain for row in panel.rows())
        await pilot.press("escape", "<")
        await settle(pilot)
        assert not any("upsold" in row.plain for row in panel.rows())
