"""What the cashier sees, as SVG snapshots: 80x24, the smallest screen we promise.

Update after an intended change with `pytest tests/snapshots --snapshot-update`,
and look at every changed picture in the report before committing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pos.app import PosApp
from tests.support.app_harness import BREAKFAST, LUNCH, make_app
from tests.support.crew_folder import MANAGER_PIN, with_crew
from tests.support.hand_logs import order, order_line, write

SnapCompare = Callable[..., bool]


@pytest.fixture
def app(data_dir: Path) -> Iterator[PosApp]:
    made = make_app(data_dir)
    yield made
    made.writer.close()


def test_empty_order(snap_compare: SnapCompare, app: PosApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24))


def test_sign_in(snap_compare: SnapCompare, data_dir: Path) -> None:
    app = make_app(data_dir, cashier=None)
    try:
        assert snap_compare(app, terminal_size=(80, 24))
    finally:
        app.writer.close()


def test_upsell_prompt(snap_compare: SnapCompare, app: PosApp) -> None:
    assert snap_compare(app, press=["1", "enter"], terminal_size=(80, 24))


def test_cross_sell_prompt(snap_compare: SnapCompare, app: PosApp) -> None:
    assert snap_compare(app, press=["1", "enter", "y"], terminal_size=(80, 24))


def test_order_with_marks(snap_compare: SnapCompare, app: PosApp) -> None:
    keys = [
        "1",
        "enter",
        "y",
        "y",
        "5",
        "0",
        "enter",
        "y",
        "n",
        "2",
        "*",
        "2",
        "0",
        " ",
        "l",
        "enter",
        "escape",
    ]
    assert snap_compare(app, press=keys, terminal_size=(80, 24))


def test_payment(snap_compare: SnapCompare, app: PosApp) -> None:
    assert snap_compare(app, press=["3", "enter", "n", "n", "f10", "n"], terminal_size=(80, 24))


def test_receipt(snap_compare: SnapCompare, app: PosApp) -> None:
    keys = ["3", "enter", "n", "n", "f10", "n", "2", "0", "enter"]
    assert snap_compare(app, press=keys, terminal_size=(80, 24))


def test_payment_with_two_tenders(snap_compare: SnapCompare, app: PosApp) -> None:
    """$5.40 due: $2 by card, $1 as other taken, cash being chosen for the rest."""
    keys = ["3", "enter", "n", "n", "f10", "n", "c", "2", "enter", "o", "1", "enter", "1"]
    assert snap_compare(app, press=keys, terminal_size=(80, 24))


def test_receipt_of_a_split_payment(snap_compare: SnapCompare, app: PosApp) -> None:
    keys = ["3", "enter", "n", "n", "f10", "n", "c", "2", "enter", "5", "enter"]
    assert snap_compare(app, press=keys, terminal_size=(80, 24))


def test_help(snap_compare: SnapCompare, app: PosApp) -> None:
    assert snap_compare(app, press=["f1"], terminal_size=(80, 24))


def test_wrong_code(snap_compare: SnapCompare, app: PosApp) -> None:
    assert snap_compare(app, press=["9", "9", "enter"], terminal_size=(80, 24))


def test_light_theme(snap_compare: SnapCompare, app: PosApp) -> None:
    def light(pilot: Any) -> None:
        pilot.app.theme = "textual-light"

    assert snap_compare(app, press=["1", "enter"], terminal_size=(80, 24), run_before=light)


def test_no_color(snap_compare: SnapCompare, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(data_dir)
    try:
        assert snap_compare(app, press=["1", "enter"], terminal_size=(80, 24))
    finally:
        app.writer.close()


def test_larger_terminal(snap_compare: SnapCompare, app: PosApp) -> None:
    assert snap_compare(app, press=["1", "enter", "y"], terminal_size=(120, 36))


def test_hidden_lines_are_marked_at_80x24(snap_compare: SnapCompare, app: PosApp) -> None:
    keys = [key for code in ("40", "41", "42", "2*40", "3*41", "42", "40") for key in (*code, "enter")]
    assert snap_compare(app, press=[*keys, "up", "up", "up", "up", "up"], terminal_size=(80, 24))


def test_void_question(snap_compare: SnapCompare, app: PosApp) -> None:
    assert snap_compare(app, press=["4", "0", "enter", "f9"], terminal_size=(80, 24))


def test_hostile_menu_text_is_shown_as_written(
    snap_compare: SnapCompare, data_dir: Path, tmp_path: Path
) -> None:
    from pos.core.selling.menu_loader import load_menu
    from tests.faults.test_hostile_text import ON_SCREEN, hostile_menu

    app = make_app(data_dir, menu=load_menu(hostile_menu(tmp_path, ON_SCREEN["all but long"])))
    try:
        assert snap_compare(app, press=["1", "enter"], terminal_size=(100, 30))
    finally:
        app.writer.close()


def test_a_meal_at_payment(snap_compare: SnapCompare, data_dir: Path) -> None:
    from tests.app.test_meals_screen import KEYS, meal_menu

    app = make_app(data_dir, menu=meal_menu())
    try:
        assert snap_compare(app, press=[*KEYS, "f10"], terminal_size=(80, 24))
    finally:
        app.writer.close()


def test_a_meal_asking_its_side(snap_compare: SnapCompare, data_dir: Path) -> None:
    from tests.unit.test_meal_entry import meal_menu

    app = make_app(data_dir, menu=meal_menu())
    try:
        assert snap_compare(app, press=["M", "1", "enter"], terminal_size=(80, 24))
    finally:
        app.writer.close()


def bundled_app(data_dir: Path, now: datetime = LUNCH) -> PosApp:
    from pos.core.selling.menu_loader import load_menu
    from tests.conftest import MENUS

    return make_app(data_dir, now=now, menu=load_menu(MENUS / "burger_counter.toml"))


def test_the_meal_prompt_on_the_bundled_menu(snap_compare: SnapCompare, data_dir: Path) -> None:
    app = bundled_app(data_dir, now=BREAKFAST)  # an Egg Muffin and a Hash Brown: the meal needs a coffee
    try:
        assert snap_compare(app, press=[*"8", "enter", "n", "9", "enter", "n", "f10"])
    finally:
        app.writer.close()


def test_make_it_a_meal_asks_the_side_then_the_drink(snap_compare: SnapCompare, data_dir: Path) -> None:
    app = bundled_app(data_dir)
    try:
        assert snap_compare(app, press=["1", "enter", "y", "2"])
    finally:
        app.writer.close()


def test_help_on_a_menu_with_meals_at_80x24(snap_compare: SnapCompare, data_dir: Path) -> None:
    app = bundled_app(data_dir)
    try:
        assert snap_compare(app, press=["f1"], terminal_size=(80, 24))
    finally:
        app.writer.close()


def test_a_receipt_with_a_code_for_the_next_visit(snap_compare: SnapCompare, data_dir: Path) -> None:
    from tests.app.test_deals_screen import fixed_secret

    fixed_secret(data_dir)
    app = bundled_app(data_dir)
    keys = ["3", "enter", "n", "n", "1", "enter", "n", "n", "f10", "n", "n", "n", "enter"]
    try:
        assert snap_compare(app, press=keys)
    finally:
        app.writer.close()


def test_pin_sign_in(snap_compare: SnapCompare, data_dir: Path) -> None:
    """The PIN asked after the ID, as dots."""
    app = make_app(with_crew(data_dir), cashier=None)
    try:
        assert snap_compare(app, press=[*"C7", "enter", "1", "2"], terminal_size=(80, 24))
    finally:
        app.writer.close()


def test_manager_void_list(snap_compare: SnapCompare, data_dir: Path) -> None:
    """F3 v, the ID and PIN, then order 1: its lines as the customer heard them, with their tax, and
    F3's own keys in its footer."""
    lines = [order_line("20", 279, name="Fries", size="Large"), order_line("40", 150, name="Apple Pie")]
    (with_crew(data_dir) / "store.toml").write_text("[pins]\nrequired = false\n")
    write(data_dir, [order(total=462, subtotal=429, tax=33, lines=lines)], "orders")
    app = make_app(data_dir, cashier="C7")
    try:
        keys = ["f3", "v", *"M1", "enter", *MANAGER_PIN, "enter", "1", "enter"]
        assert snap_compare(app, press=keys, terminal_size=(80, 24))
    finally:
        app.writer.close()


def test_x_reading(snap_compare: SnapCompare, app: PosApp) -> None:
    """F3 then x: the day so far on its sheet (a pie paid by card), scrolled with the arrows."""
    keys = ["4", "0", "enter", "f10", "c", "enter", "f3", "x"]
    assert snap_compare(app, press=keys, terminal_size=(80, 24))
