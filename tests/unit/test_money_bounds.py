"""Menu format version 3's bounds: a nudge's discount is at most its threshold, `valid_days` at most
366, and discounts together never take an order below zero (issue 24: a $1.00 pie totalled -$4.00)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos.core.analytics.report import build_report
from pos.core.selling.menu_loader import MenuError
from pos.core.selling.prompt_kinds import after_sale
from tests.support.counter_kit import key_in, make_counter, type_keys
from tests.support.sales import make_sale
from tests.support.small_menus import make_menu

AFTER_SALE = '\n[[after_sale]]\noffer = "40"\nprice = "0.99"\nvalid_days = {days}\n'


def nudge(threshold: str, discount: str) -> str:
    return (
        f'\n[[nudge]]\nthreshold = "{threshold}"\ndiscount = "{discount}"\nwithin = "0.50"\n'
        'suggest = ["category:dessert"]\n'
    )


def test_a_discount_above_its_threshold_is_refused_naming_entry_and_field() -> None:
    with pytest.raises(MenuError) as error:
        make_menu(nudge("1.00", "5.00"))
    assert "nudge #1" in str(error.value) and "discount" in str(error.value)
    assert "at most the threshold ($1.00)" in str(error.value)


@pytest.mark.parametrize("days", [0, 367, 3_000_000])
def test_valid_days_out_of_bounds_is_refused(days: int) -> None:
    with pytest.raises(MenuError) as error:
        make_menu(AFTER_SALE.format(days=days))
    assert "after_sale #1" in str(error.value) and "valid_days" in str(error.value)
    assert "1 to 366 days" in str(error.value)


def test_a_year_of_validity_is_accepted() -> None:
    (rule,) = after_sale.KIND.rules(make_menu(AFTER_SALE.format(days=366)))
    assert rule.valid_days == 366


def test_discounts_together_never_take_an_order_below_zero() -> None:
    sale = make_sale(make_menu(nudge("1.00", "1.00") + nudge("1.00", "0.80")))
    sale.add("40")  # an Apple Pie, 1.39: 1.00 off leaves 0.39, of the 0.80 only that much
    assert [reward.amount for reward in sale.order.rewards] == [-100, -39]
    assert sale.order.rewards[1].label == "$0.39 off (of $0.80: an order never goes below zero)"
    assert sale.order.subtotal == 0 and sale.order.total == 0


def test_an_order_the_discounts_make_free_is_paid_and_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    counter, _ = make_counter(make_menu(nudge("1.00", "1.00") + nudge("1.20", "1.00")), log_to=data)
    key_in(counter, "40")
    type_keys(counter, "f10", "enter")
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    report = build_report(data)
    assert report.totals["orders"] == 1, "a paid order of $0.00 is a readable record"
