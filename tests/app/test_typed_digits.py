"""Digits of other scripts typed at the counter: a clear message, and the app carries on."""

from __future__ import annotations

from collections.abc import Callable

from pos.app import PosApp
from pos.core.counter.counter_keys import Stage
from pos.core.selling.menu_loader import load_menu
from pos.widgets.message_line import MessageLine
from tests.app.test_sale_screen import sale_screen
from tests.conftest import MENUS
from tests.support.app_harness import slowly


async def test_a_superscript_at_a_meal_s_slot_and_arabic_digits_on_the_entry_line(
    app_factory: Callable[..., PosApp],
) -> None:
    app = app_factory(menu=load_menu(MENUS / "burger_counter.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        counter = sale_screen(app).counter
        await slowly(pilot, ["3", "1", "enter", "²"])  # the Cheeseburger Meal asks its side
        assert counter.stage is Stage.MEAL and counter.entry == "²" and app.is_running
        await slowly(pilot, ["enter"])
        message = app.screen.query_one(MessageLine)
        assert (
            message.error and message.text == "'²' is not a side of this meal: a number from 1 to 2, or Enter"
        )
        await slowly(pilot, ["escape", "٣", "*", "1", "enter"])
        assert str(counter.stage) == str(Stage.SELLING) and counter.sale.order.entries == []
        assert message.error and message.text == (
            "no item '٣*1': quantities and codes are typed with 0-9 ('٣' is not one)"
        )
        assert app.is_running
