"""Deals around the order on screen: the reward on the order panel, a receipt's code for the next
visit and its redemption, and F6 bringing a declined offer back on a line marked ↺."""

from __future__ import annotations

from pathlib import Path

from pos.core.selling.menu_loader import load_menu
from pos.widgets.order_panel import OrderPanel
from pos.widgets.prompt_card import PromptCard
from tests.app.test_sale_screen import sale_screen
from tests.conftest import MENUS
from tests.support.app_harness import burst, make_app, records


def fixed_secret(data_dir: Path) -> None:
    """One store id and one secret, live and training (a set clock): the same codes in every run."""
    for folder in (data_dir, data_dir / "training"):
        (folder / "codes").mkdir(parents=True)
        (folder / "codes" / "secret").write_bytes(bytes(32))
        (folder / "store-id").write_text("TESTSTQRE2\n")


async def test_a_receipt_shows_its_code_and_a_later_order_redeems_it(data_dir: Path) -> None:
    fixed_secret(data_dir)
    app = make_app(data_dir, menu=load_menu(MENUS / "burger_counter.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, ["3", "enter", "n", "n", "1", "enter", "n", "n", "f10", "n", "n", "n", "enter"])
        counter = sale_screen(app).counter
        printed = counter.till.printed
        assert printed is not None
        till = str(app.screen.query_one("#till").render())
        assert f"✉ Come back within 7 days: Apple Pie for $0.99 with code {printed.code}" in till
        await burst(pilot, ["enter", *printed.code.lower(), "enter"])
        panel = app.screen.query_one(OrderPanel)
        assert panel.lines[0][1] == "Apple Pie" and panel.lines[0][4] == "✉ came back"
        await burst(pilot, [*printed.code, "enter"])
        assert "was already redeemed: nothing added" in counter.message
    app.writer.close()
    outcomes = [(e["kind"], e["outcome"]) for e in records(data_dir, "prompts") if e["kind"] == "after_sale"]
    assert outcomes == [("after_sale", "issued"), ("after_sale", "redeemed")]


async def test_f6_brings_a_declined_offer_back_and_the_reward_shows(data_dir: Path) -> None:
    app = make_app(data_dir, menu=load_menu(MENUS / "burger_counter.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, ["3", "enter", "n", "n"])  # no meal, no fries
        panel = app.screen.query_one(OrderPanel)
        assert panel.lines[0][4] == "↺", "the line can be asked again"
        await burst(pilot, ["f6"])
        counter = sale_screen(app).counter
        assert counter.prompt is not None and counter.prompt.revisit
        title = app.screen.query_one(PromptCard).rows()[0].plain
        assert "↺ ASKED AGAIN (F6)" in title, "a second ask is marked as one"
        await burst(pilot, ["y", "enter", "enter"])  # the meal after all: Medium Fries, Medium Cola
        await burst(pilot, [*"1", "enter", "n", "n"])  # 7.99 + 3.49: over $10.00
        assert [cells[1] for cells in panel.lines][-1] == "Cookie free"
        assert panel.lines[-1][4] == "◆ reward"
    app.writer.close()
    (again,) = [e for e in records(data_dir, "prompts") if e.get("revisit")]
    assert (again["offer"], again["outcome"]) == ("33", "accepted")


async def test_a_menu_without_tax_shows_no_tax_line(data_dir: Path) -> None:
    from pos.widgets.order_panel import OrderPanel

    app = make_app(data_dir, menu=load_menu(MENUS / "coffee_bar.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await burst(pilot, ["C", "R", "O", "enter"])
        rows = [row.plain for row in app.screen.query_one(OrderPanel).rows()]
        assert not any("Tax" in row or "Subtotal" in row for row in rows)
        assert any("Total" in row and "€2.10" in row for row in rows)
    app.writer.close()
    burger = make_app(data_dir / "burger", menu=load_menu(MENUS / "burger_counter.toml"))
    async with burger.run_test(size=(100, 30)) as pilot:
        await burst(pilot, ["4", "0", "enter"])
        rows = [row.plain for row in burger.screen.query_one(OrderPanel).rows()]
        assert any("Tax" in row for row in rows) and any("Subtotal" in row for row in rows)
    burger.writer.close()
