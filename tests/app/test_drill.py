"""A scripted drill end to end on the screen; the scoring variants are in tests/unit/test_drill_counter.py."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from pos.app import PosApp
from pos.app_factory import make_app
from pos.core.base.clock import FixedClock
from pos.core.training.customers import random_customers
from pos.core.training.drill import DrillRun, Level
from pos.core.training.drill_coach import DrillCoach
from pos.core.training.scores import ScoreBook
from pos.dialogs.drill_summary import DrillSummaryScreen
from pos.screens.drill import DrillScreen
from tests.conftest import MENUS
from tests.support.app_harness import LUNCH, burst, make_drill_app, pie_script
from tests.support.small_menus import make_menu
from tests.support.trainee_keys import answer_keys, order_keys, to_key

SCRIPT = MENUS / "drills" / "lunch_basics.toml"
SIZE = (100, 34)


@pytest.fixture
def drill_app(data_dir: Path) -> Iterator[PosApp]:
    app = make_drill_app(data_dir, SCRIPT)
    yield app
    app.writer.close()


def drill_screen(app: PosApp) -> DrillScreen:
    return next(screen for screen in app.screen_stack if isinstance(screen, DrillScreen))


async def serve(pilot, app: PosApp) -> None:  # type: ignore[no-untyped-def]
    """Serve every customer as a perfect trainee: ask every prompt, record the answer truly.

    A burst returns once its keys are handled, and the counter acts on each key as
    it comes, so the next key can be chosen from what the screen holds.
    """
    screen = drill_screen(app)
    while not isinstance(app.screen, DrillSummaryScreen):
        customer = screen.run.current
        assert customer is not None
        for entry in to_key(customer):
            await burst(pilot, order_keys(entry))
            await answer_prompts(pilot, screen)
        await burst(pilot, ["f10"])
        await answer_prompts(pilot, screen)
        await burst(pilot, ["enter", "enter"])  # the exact amount; then the next customer


async def answer_prompts(pilot, screen: DrillScreen) -> None:  # type: ignore[no-untyped-def]
    while screen.counter.prompting:
        await burst(pilot, ["space"])
        coach = screen.counter.coach
        assert isinstance(coach, DrillCoach)
        turn = coach._turn
        assert turn is not None and turn.asked
        await burst(pilot, answer_keys(turn))


async def test_a_perfect_trainee_scores_100(drill_app: PosApp, data_dir: Path) -> None:
    async with drill_app.run_test(size=SIZE) as pilot:
        await serve(pilot, drill_app)
        summary = drill_app.screen
        assert isinstance(summary, DrillSummaryScreen)
        assert summary.summary.score == 100
        assert summary.summary.parts == {
            "ask rate": 1.0,
            "answers right": 1.0,
            "orders right": 1.0,
            "speed": 1.0,
        }
        assert "Perfect" in summary.summary.tips[0]
        assert "score = 40 × ask rate 1.00 + 30 × answers right 1.00" in str(
            summary.query_one("#formula", Static).content
        )
    (saved,) = ScoreBook(data_dir).history("N1")
    assert (saved["score"], saved["drill"], saved["customers"]) == (100, "Lunch basics", 5)


async def test_the_summary_fits_80x24_and_every_part_is_reached_by_the_keys_it_names(
    data_dir: Path, tmp_path: Path
) -> None:
    script, keys = pie_script(tmp_path, 12)
    app = make_drill_app(data_dir, script)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await burst(pilot, keys)
            summary = app.screen
            assert isinstance(summary, DrillSummaryScreen)
            screen_region = summary.region
            card = summary.query_one("#summary-card")
            assert screen_region.contains_region(card.region)
            footer = summary.query_one(Footer)
            assert screen_region.contains_region(footer.region) and not card.region.overlaps(footer.region)
            named = {binding.key_display for (_, binding, enabled, _) in summary.active_bindings.values()}
            assert {"↑", "↓", "PgUp", "PgDn", "Home", "End", "Enter"} <= named
            assert card.region.contains_region(summary.query_one("#score").region)
            body = summary.query_one("#summary-body", VerticalScroll)
            assert card.region.contains_region(body.region)
            assert body.max_scroll_y > 0  # twelve customers do not fit: the body scrolls

            def shown(part: str) -> bool:
                return body.region.contains_region(summary.query_one(part).region)

            assert shown("#formula") and not shown("#saved")
            await pilot.press("end")
            assert shown("#saved") and shown("#tips")
            await pilot.press("home")
            assert shown("#formula")
            for _ in range(body.max_scroll_y):
                await pilot.press("down")
            assert body.scroll_y == body.max_scroll_y
            await pilot.press("pageup", "pageup", "pageup")
            assert body.scroll_y == 0
            await pilot.press("pagedown")
            assert body.scroll_y > 0
            await pilot.press("enter")
        assert app.return_code == 0
    finally:
        app.writer.close()


async def test_a_menu_without_dayparts_or_tax_shows_neither_in_a_drill(data_dir: Path) -> None:
    menu = make_menu(header='[menu]\nname = "Plain Counter"\ncurrency = "USD"\n')
    rng = random.Random(4)
    run = DrillRun("Plain", random_customers(menu, 1, rng), Level.EASY, rng, lambda: 0.0, menu.names())
    app = make_app(
        menu=menu,
        data_dir=data_dir,
        terminal="TRAIN",
        clock=FixedClock(LUNCH),
        cashier="N1",
        rng=rng,
        drill=run,
    )
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            customer = drill_screen(app).run.current
            assert customer is not None
            await burst(pilot, order_keys(customer.customer.order[0]))
            screen = app.export_screenshot()
            assert "Plain" in screen and "Cashier" in screen
            for absent in ("daypart", "Tax", "Subtotal", "None"):
                assert absent not in screen, absent
    finally:
        app.writer.close()
