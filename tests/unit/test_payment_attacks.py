"""What an attack on issue 24's fixes found, each kept from coming back (menus in tests/menus/attacks/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pos.core.log.eventlog import EventLog
from pos.core.selling.menu import Menu
from pos.core.selling.menu_loader import load_menu
from tests.support.counter_kit import key_in, make_counter, outcomes, type_keys

ATTACKS = Path(__file__).parent.parent / "menus" / "attacks"


def menu(name: str) -> Menu:
    return load_menu(ATTACKS / f"{name}.toml")


def test_two_meals_that_together_lose_the_reward_are_both_left_loose() -> None:
    counter, _ = make_counter(menu("reward2"))
    key_in(counter, "2*B")
    key_in(counter, "2*S")
    assert counter.sale.order.total == 600  # 11.00 less 5.00 off
    type_keys(counter, "f10")
    assert counter.sale.order.meals == [] and counter.sale.order.total == 600, "two meals would charge 9.00"


def test_a_yes_at_payment_that_completes_a_meal_is_grouped_before_the_tender() -> None:
    counter, _ = make_counter(menu("esc"))
    key_in(counter, "B")
    key_in(counter, "S")
    type_keys(counter, "f10", "n", "y")  # no to the meal prompt, yes to the checkout Drink
    assert [meal.combo.code for meal in counter.sale.order.meals] == ["M"]
    assert counter.sale.order.total == 800, "10.00 before: Esc and F10 again made it 8.00"


def test_each_payment_prompt_is_asked_once_however_often_payment_starts() -> None:
    counter, recorder = make_counter(menu("esc"))
    key_in(counter, "B")
    for _ in range(3):
        type_keys(counter, "f10")
        while counter.prompt is not None:
            type_keys(counter, "n")
        type_keys(counter, "escape")
    kinds = [kind for kind, _, _ in outcomes(recorder)]
    assert kinds.count("checkout") == 1 and kinds.count("meal") <= 1


def test_an_upsell_to_the_lines_own_item_is_never_offered_and_a_simulation_goes_through(
    tmp_path: Path,
) -> None:
    counter, recorder = make_counter(menu("selfup2"))
    key_in(counter, "20")  # the side rule names Fries itself: no "Fries for 0.50 more", shown or held out
    assert counter.prompt is None and recorder.prompts == []
    from pos.core.training.simulate import simulate

    with EventLog(tmp_path, "SIM", sync=False) as log:
        totals = simulate(
            menu("selfup2"), log, orders=200, seed=1, cashiers=2, first_day=date(2026, 11, 23), days=1
        )
    assert totals.orders == 200


def test_a_code_that_reads_like_a_quantity_is_the_code() -> None:
    counter, _ = make_counter(menu("xcode"))
    key_in(counter, "2X4")
    assert [(line.item.code, line.qty) for line in counter.sale.order.lines] == [("2X4", 1)]
    key_in(counter, "2x4")
    assert counter.sale.order.lines[-1].item.code == "2X4", "codes ignore case"
