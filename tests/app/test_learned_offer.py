"""A learned add-on on the cashier screen: the offer the store's answers favour is the one shown,
and its prompt is logged with the candidates, the chance it had and the context."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pos.app import PosApp
from pos.core.selling.menu_loader import load_menu
from pos.screens.sale import SaleScreen
from pos.widgets.prompt_card import PromptCard
from tests.conftest import MENUS
from tests.support.app_harness import records, settle
from tests.support.hand_logs import prompt, write

AppFactory = Callable[..., PosApp]


def taken_at_lunch(offer: str, outcome: str, order: int) -> dict[str, object]:
    """An answer another terminal (T2) logged to the learned add-on of the all-day menu."""
    return prompt(
        kind="cross_sell",
        terminal="T2",
        order=f"T2-20261123-{order:04d}",
        offer=offer,
        outcome=outcome,
        rule="add-on after a main",
        seq=1,
        candidates=["20", "9", "40"],
        propensity=0.3,
        context={"daypart": "lunch", "has": [], "lines": "1"},
    )


async def test_the_offer_the_other_terminals_customers_take_is_shown_and_logged_as_learned(
    app_factory: AppFactory, data_dir: Path
) -> None:
    answers = [taken_at_lunch("40", "accepted", number) for number in range(1, 41)]
    answers += [
        taken_at_lunch(offer, "declined", 40 + number) for number in range(1, 41) for offer in ("20", "9")
    ]
    write(data_dir, answers)
    app = app_factory(menu=load_menu(MENUS / "all_day_counter.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SaleScreen)
        assert screen.query_one(PromptCard).pitch == "A warm apple pie for $1.39?"
        await pilot.press("y")
        await settle(pilot)
    (event,) = records(data_dir, "prompts")
    assert (event["offer"], event["outcome"], event["rule"]) == ("40", "accepted", "add-on after a main")
    assert event["candidates"] == ["20", "9", "40"]
    assert event["context"] == {"daypart": "lunch", "has": [], "lines": "1"}
    assert isinstance(event["propensity"], float) and 0.05 <= event["propensity"] <= 0.9
