"""Meals at the counter: at payment, loose lines that fill a combo are priced as the meal, shown as
one line with its components under it, voided as a whole, and what they saved is on the receipt."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from pos.core.counter.counter_keys import Stage
from pos.core.selling.menu import Menu
from pos.widgets.order_panel import OrderPanel
from pos.widgets.prompt_card import PromptCard
from tests.app.test_sale_screen import sale_screen
from tests.support.app_harness import BREAKFAST, burst, make_app, records, slowly
from tests.support.small_menus import make_menu
from tests.unit.test_combos import MEAL

KEYS = ["1", "enter", *"20 medium", "enter", *"50 medium", "enter"]
"""A burger, Medium Fries and a Medium Cola: the meal, $5.99 where alone they cost $7.37."""


def meal_menu() -> Menu:
    return make_menu(MEAL)


async def test_the_meal_is_made_at_payment_shown_and_saved_on_the_receipt(data_dir: Path) -> None:
    app = make_app(data_dir, menu=meal_menu())
    async with app.run_test(size=(100, 30)) as pilot:
        await slowly(pilot, [*KEYS, "f10"])
        counter = sale_screen(app).counter
        assert counter.stage is Stage.TENDER
        order = counter.sale.order
        assert order.lines == [] and [meal.combo.code for meal in order.meals] == ["M1"]
        assert (order.subtotal, order.total) == (599, 648)  # tax 8.25 % of 5.99, half up
        panel = app.screen.query_one(OrderPanel)
        assert [cells[1] for cells in panel.lines] == [
            "Cheeseburger Meal Deal",
            "  Cheeseburger",
            "  Medium Fries",
            "  Medium Cola",
        ]
        assert panel.lines[0][4] == "saves $1.38" and panel.selected == 0
        await slowly(pilot, ["enter"])
        assert str(counter.stage) == str(Stage.RECEIPT)  # (mypy holds on to the stage checked above)
        till = str(app.screen.query_one("#till").render())
        assert "meals saved the customer $1.38" in till
    app.writer.close()
    (record,) = records(data_dir, "orders")
    (line,) = cast(list[dict[str, Any]], record["lines"])
    assert line["code"] == "M1" and [part["code"] for part in line["components"]] == ["1", "20", "50"]


async def test_a_meal_is_voided_as_a_whole_and_regrouped_after_more_items(data_dir: Path) -> None:
    app = make_app(data_dir, menu=meal_menu())
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, [*KEYS, "f10", "escape", "+"])
        counter = sale_screen(app).counter
        order = counter.sale.order
        assert counter.message.startswith("A meal changes as a whole") and len(order.meals) == 1
        await burst(pilot, ["f8"])
        assert counter.message == "Voided 1 × Cheeseburger Meal Deal"
        assert order.meals == [] and order.lines == [] and len(order.voided) == 1
        await burst(pilot, [*KEYS, *KEYS, "f10"])
        assert len(order.meals) == 2 and counter.stage is Stage.TENDER
    app.writer.close()


async def test_a_meal_keyed_in_a_burst_is_the_meal_keyed_slowly(data_dir: Path) -> None:
    from tests.unit.test_meal_entry import meal_menu as meal_with_choices

    keys = ["M", "1", "enter", "2", "enter", "1", "enter", "f10"]
    results = []
    for way, folder in ((slowly, data_dir / "slow"), (burst, data_dir / "burst")):
        folder.mkdir()
        app = make_app(folder, menu=meal_with_choices())
        async with app.run_test(size=(100, 30)) as pilot:
            await way(pilot, keys)
            order = sale_screen(app).counter.sale.order
            results.append(
                (
                    [(meal.combo.code, [line.item.code for line in meal.components]) for meal in order.meals],
                    [line.item.code for line in order.lines],
                    sale_screen(app).counter.stage,
                )
            )
        app.writer.close()
    assert results[0] == results[1]
    assert results[0][0] == [("M1", ["1", "21", "50"])] and results[0][1] == ["1"]


async def test_a_yes_to_the_meal_prompt_asks_the_missing_items_on_screen(data_dir: Path) -> None:
    from pos.core.selling.menu_loader import load_menu
    from tests.conftest import MENUS

    # At breakfast an Egg Muffin has no "make it a meal" upsell: the meal is offered at payment.
    app = make_app(data_dir, now=BREAKFAST, menu=load_menu(MENUS / "burger_counter.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, ["8", "enter", "n", "f10"])  # no Hash Brown
        prompt = "\n".join(row.plain for row in app.screen.query_one(PromptCard).rows())
        assert "MAKE IT A MEAL" in prompt and "Only $1.70 more, you save $0.78." in prompt
        await burst(pilot, ["y"])  # every slot left has one choice: nothing to ask
        panel = app.screen.query_one(OrderPanel)
        assert [cells[1] for cells in panel.lines] == [
            "Breakfast Deal",
            "  Egg Muffin",
            "  Hash Brown",
            "  Small Coffee",
        ]
        assert panel.lines[0][2] == "$4.99" and panel.lines[2][4] == "★ meal"
    app.writer.close()
    (event, *_) = [e for e in records(data_dir, "prompts") if e["kind"] == "meal"]
    assert (event["offer"], event["trigger"], event["outcome"], event["delta"]) == (
        "B1",
        "8",
        "accepted",
        170,
    )
