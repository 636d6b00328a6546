"""The payment panel says what it means: the entry line asks for the amount tendered, and the
card names the largest tender it accepts."""

from __future__ import annotations

from collections.abc import Callable

from pos.app import PosApp
from pos.core.selling.menu_loader import load_menu
from pos.widgets.entry_line import EntryLine
from pos.widgets.till_card import TillCard
from tests.conftest import MENUS
from tests.support.app_harness import slowly


def shown(app: PosApp) -> tuple[str, str]:
    entry = app.screen.query_one(EntryLine)
    return "".join(row.plain for row in entry.rows()), str(app.screen.query_one(TillCard).render())


async def test_the_entry_line_takes_the_amount_tendered(app_factory: Callable[..., PosApp]) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await slowly(pilot, ["3", "enter", "n", "n", "f10", "n"])  # $5.40 due
        entry, card = shown(app)
        assert entry == "›  Amount tendered, e.g. 20 or 20.50 · Enter alone: the exact total"
        assert "largest tender accepted: $540.00" in card and "takes up to" not in card
        await slowly(pilot, ["2", "0"])
        entry, card = shown(app)
        assert entry == "› 20 " and "Tendered  20" in card
        await slowly(pilot, ["enter"])
        entry, card = shown(app)
        assert entry.startswith("›  Item code:") and "CHANGE DUE $14.60" in card


async def test_a_meal_s_choice_and_the_void_question_have_their_own_hints(
    app_factory: Callable[..., PosApp],
) -> None:
    app = app_factory(menu=load_menu(MENUS / "burger_counter.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await slowly(pilot, ["3", "1", "enter"])
        assert shown(app)[0] == "›  Meal choice: a number, or a code and Enter · Enter alone: the first"
        await slowly(pilot, ["2"])  # the side from its list: the drink is asked
        assert shown(app)[0].startswith("›  Meal choice:")
        await slowly(pilot, ["escape", "1", "enter", "n", "n", "f9"])
        assert shown(app)[0] == "›  Void the whole order? y voids it, n keeps it"
        await slowly(pilot, ["n"])
        assert shown(app)[0].startswith("›  Item code:")


async def test_the_panel_lists_the_tenders_taken_and_what_is_still_due(
    app_factory: Callable[..., PosApp],
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await slowly(pilot, ["3", "enter", "n", "n", "f10", "n", "c"])  # $5.40 due, by card
        card = shown(app)[1]
        assert "still due $5.40" in card and "taken: nothing yet" in card and "Card " in card
        assert "recorded, not charged" in card and "Enter alone: the rest by card, $5.40" in card
        await slowly(pilot, ["2", "enter"])
        card = shown(app)[1]
        assert "still due $3.40" in card and "taken: card $2.00" in card and "Cash " in card
        await slowly(pilot, ["backspace"])
        assert "total due $5.40" in shown(app)[1], "Backspace on an empty line drops the last: cash alone"
        await slowly(pilot, ["o", "enter"])  # all that is due as other
        card = shown(app)[1]
        assert "CHANGE DUE $0.00   paid by other $5.40" in card


async def test_the_entry_line_s_hint_says_what_the_tender_step_takes(
    app_factory: Callable[..., PosApp],
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await slowly(pilot, ["3", "enter", "n", "n", "f10", "n", "c"])
        assert shown(app)[0] == "›  Card amount, e.g. 12.50 · Enter alone: all that is due (not charged)"
        await slowly(pilot, ["2", "enter"])
        assert shown(app)[0] == "›  Cash tendered, e.g. 20 · Enter alone: exactly what is still due"
        await slowly(pilot, ["o"])
        assert shown(app)[0] == "›  Other tender's amount · Enter alone: all that is due (not charged)"
