"""Sign-in with a crew: the ID, then the PIN as dots; one refusal for an unknown ID or a wrong PIN,
each an audit event, after which the PIN is asked again; a lock after the settings' wrong PINs;
--cashier still asks the PIN; Esc goes back to the ID."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from pos.app import PosApp
from pos.cli import main
from pos.core.store.crew import read_crew, remove_member
from pos.core.store.verify import LOCKED, WRONG
from pos.screens.sale import SaleScreen
from pos.screens.sign_in import ASK_PIN, SignInScreen
from pos.widgets.entry_line import EntryLine
from pos.widgets.message_line import MessageLine
from tests.support.app_harness import burst, records, settle, shown_in
from tests.support.crew_folder import CASHIER_PIN, WRONG_PIN, with_crew

AppFactory = Callable[..., PosApp]
SIZE = (100, 30)


async def type_in(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text, "enter")
    await settle(pilot)


def said(app: PosApp) -> str:
    return app.screen.query_one(MessageLine).text


async def test_the_id_then_the_pin_as_dots_signs_in(app_factory: AppFactory, data_dir: Path) -> None:
    with_crew(data_dir)
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "C7")
        assert isinstance(app.screen, SignInScreen)
        await pilot.press(*CASHIER_PIN[:4])
        assert app.screen.query_one(EntryLine).value == "••••"
        await type_in(pilot, CASHIER_PIN[4:])
        assert isinstance(app.screen, SaleScreen) and app.screen.counter.shop.station.cashier == "C7"
    assert records(data_dir, "audit") == []


async def test_a_wrong_pin_and_an_unknown_id_get_one_refusal_each_audited(
    app_factory: AppFactory, data_dir: Path
) -> None:
    with_crew(data_dir)
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "C7")
        await type_in(pilot, WRONG_PIN)
        assert isinstance(app.screen, SignInScreen) and said(app) == WRONG
        await pilot.press("escape")
        await type_in(pilot, "C9")
        await type_in(pilot, CASHIER_PIN)
        assert isinstance(app.screen, SignInScreen) and said(app) == WRONG
    audits = records(data_dir, "audit")
    # an ID not on the crew is never named in the log: it may be a PIN typed in the ID's place
    assert [(a["cashier"], a["action"]) for a in audits] == [("C7", "wrong_pin"), ("?", "wrong_pin")]
    assert "not on the crew" in str(audits[1]["detail"])
    assert all(a["mode"] == "live" and a["order"] is None for a in audits)


async def test_the_settings_wrong_pins_lock_the_id(app_factory: AppFactory, data_dir: Path) -> None:
    (with_crew(data_dir) / "store.toml").write_text("[pins]\nattempts = 2\n")  # five in the core's tests
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "C7")
        for _ in range(2):
            await type_in(pilot, WRONG_PIN)
        assert said(app) == LOCKED
        await type_in(pilot, CASHIER_PIN)
        assert isinstance(app.screen, SignInScreen) and said(app) == LOCKED
    audits = records(data_dir, "audit")
    assert [(a["action"], a["detail"]) for a in audits] == [
        ("wrong_pin", "wrong PIN; 1 of 2 in a row"),
        ("wrong_pin", "wrong PIN; 2 of 2 in a row"),
        ("pin_locked", "locked for 60 s, until 12:16:00"),
    ]


async def test_a_pin_typed_again_after_a_refusal_is_dots_and_signs_in(
    app_factory: AppFactory, data_dir: Path
) -> None:
    with_crew(data_dir)
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, ["C", "7", "enter", *WRONG_PIN, "enter", *CASHIER_PIN[:3]])
        await settle(pilot)
        assert said(app) == WRONG and app.screen.query_one(EntryLine).value == "•••"
        assert not any(digit in app.screen.query_one(EntryLine).value for digit in CASHIER_PIN)
        await type_in(pilot, CASHIER_PIN[3:])
        assert isinstance(app.screen, SaleScreen) and app.screen.counter.shop.station.cashier == "C7"


async def test_cashier_on_the_command_line_still_asks_the_pin(
    app_factory: AppFactory, data_dir: Path
) -> None:
    with_crew(data_dir)
    app = app_factory(cashier="C7")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SignInScreen)
        await type_in(pilot, CASHIER_PIN)
        assert isinstance(app.screen, SaleScreen) and app.screen.counter.shop.station.cashier == "C7"


async def test_esc_at_the_pin_clears_it_then_asks_the_id_again(
    app_factory: AppFactory, data_dir: Path
) -> None:
    with_crew(data_dir)
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "C9")
        await pilot.press("1", "escape", *CASHIER_PIN[:3])  # cleared: the PIN typed again is dots
        await settle(pilot)
        assert app.screen.query_one(EntryLine).value == "•••"
        await pilot.press("escape", "escape")  # cleared, then the ID again
        await type_in(pilot, "C7")
        await type_in(pilot, CASHIER_PIN)
        assert isinstance(app.screen, SaleScreen) and app.screen.counter.shop.station.cashier == "C7"
    assert records(data_dir, "audit") == []


async def test_a_burst_through_the_pin_lands_on_the_order(app_factory: AppFactory, data_dir: Path) -> None:
    with_crew(data_dir)
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, ["C", "7", "enter", *CASHIER_PIN, "enter", "4", "0", "enter"])
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SaleScreen) and screen.counter.shop.station.cashier == "C7"
        assert [line.item.code for line in screen.counter.sale.order.lines] == ["40"]


async def test_no_pin_or_hash_reaches_a_log_a_report_or_the_screen(
    app_factory: AppFactory, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_crew(data_dir)
    secrets = [
        CASHIER_PIN,
        WRONG_PIN,
        *(part for m in read_crew(data_dir) if m.pin for part in (m.pin.salt, m.pin.hash)),
    ]
    app = app_factory(cashier=None)
    screens = []
    async with app.run_test(size=SIZE) as pilot:
        for keys in ("C7", WRONG_PIN, "C7"):
            await type_in(pilot, keys)
            screens.append(app.export_screenshot())
        await pilot.press(*CASHIER_PIN[:3])
        screens.append(app.export_screenshot())
        await type_in(pilot, CASHIER_PIN[3:])
        await pilot.press("4", "0", "enter", "f10", "enter", "enter")
        await settle(pilot)
        screens.append(app.export_screenshot())
    assert records(data_dir, "orders") and records(data_dir, "audit")
    for output in ("json", "table"):
        assert main(["report", "--data", str(data_dir), "--format", output, "--by", "cashier"]) == 0
    printed = capsys.readouterr()
    written = [
        path.read_text(errors="replace")
        for path in data_dir.rglob("*")
        if path.is_file() and path.name != "crew.json"
    ]
    for text in [*screens, printed.out, printed.err, *written]:
        for secret in secrets:
            assert secret not in text


async def test_a_damaged_crew_file_is_said_on_the_screen_and_nobody_signs_in(
    app_factory: AppFactory, data_dir: Path
) -> None:
    with_crew(data_dir)
    app = app_factory(cashier=None)
    (data_dir / "crew.json").write_text("{not json")
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "C7")
        await type_in(pilot, CASHIER_PIN)
        assert isinstance(app.screen, SignInScreen)
        assert "crew.json" in said(app) and "not what pos wrote" in said(app)


async def test_a_crew_with_nobody_left_signs_in_openly(app_factory: AppFactory, data_dir: Path) -> None:
    with_crew(data_dir)
    remove_member(data_dir, "C7")
    remove_member(data_dir, "M1")
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, "C9")
        assert isinstance(app.screen, SaleScreen) and app.screen.counter.shop.station.cashier == "C9"


async def test_the_pin_s_question_never_repeats_the_id_typed(app_factory: AppFactory, data_dir: Path) -> None:
    """A PIN typed in the ID's place (after an Esc, in a hurry) is not on the crew: never shown again."""
    with_crew(data_dir)
    app = app_factory(cashier=None)
    async with app.run_test(size=SIZE) as pilot:
        await type_in(pilot, WRONG_PIN)
        assert app.screen.query_one("#sign-in-ask", Static).content == ASK_PIN
        assert WRONG_PIN not in "".join(app.export_screenshot())
        await type_in(pilot, CASHIER_PIN)
    assert WRONG_PIN not in (data_dir / "crew-tries.json").read_text()


async def test_a_broken_tries_file_is_said_whole_at_80x24(app_factory: AppFactory, data_dir: Path) -> None:
    with_crew(data_dir)
    (data_dir / "crew-tries.json").mkdir()
    app = app_factory(cashier=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, "C7")
        await type_in(pilot, CASHIER_PIN)
        message = app.screen.query_one(MessageLine)
        assert "crew-tries.json" in message.text and len(message.text) > 60
        assert shown_in(app, message).replace(" ", "") == message.text.replace(" ", "")  # every row of it
