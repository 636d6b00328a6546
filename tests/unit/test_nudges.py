"""Threshold deals: the nudge when an order is a little short, and the reward that comes and goes
with the subtotal. Prices from `tests/support/small_menus.py`: Cheeseburger 3.49, Hamburger 2.99, Fries
1.79/2.29/2.79, Cola 1.29/1.59/1.89, Apple Pie 1.39, Cookie 0.99."""

from __future__ import annotations

from pathlib import Path

import pytest
from msgspec import to_builtins

from pos.core.base.events import Outcome
from pos.core.selling.menu_loader import MenuError
from tests.support.sales import make_sale
from tests.support.small_menus import make_menu

FREE_PIE = """
[[nudge]]
threshold = "8.00"
reward = "40"
within = "2.00"
suggest = ["category:drink", "41"]
pitch = "Just {short} more gets a free {reward}: add {offer} for {price}?"
"""

DOLLAR_OFF = """
[[nudge]]
threshold = "10.00"
discount = "1.00"
within = "1.50"
suggest = ["category:side"]
"""


def test_short_by_at_most_within_hears_the_cheapest_item_that_covers_the_gap() -> None:
    sale = make_sale(make_menu(FREE_PIE))
    sale.add("1")
    sale.add("2")  # 6.48: 1.52 short of 8.00
    (offer,) = list(sale.payment_offers())
    # a Cookie (0.99) does not cover 1.52; a Medium Cola (1.59) is the cheapest that does
    assert (offer.kind.name, offer.item.code, offer.size, offer.price) == ("nudge", "50", "Medium", 159)
    assert offer.pitch == "Just $1.52 more gets a free Apple Pie: add Medium Cola for $1.59?"
    event = sale.answer(offer, Outcome.ACCEPTED, 800)
    assert (event.kind, event.trigger, event.offer, event.delta) == ("nudge", None, "50", 159)
    (reward,) = sale.order.rewards
    assert (reward.label, reward.amount) == ("Apple Pie free", 0)
    assert sale.order.subtotal == 349 + 299 + 159
    record = sale.pay(1000)
    assert to_builtins(record.lines[-1]) == {
        "code": "40",
        "name": "Apple Pie",  # the item's name, as on every line: "free" is the screen's word
        "size": None,
        "qty": 1,
        "unit_price": 0,
        "source": "reward",
        "prompt": None,
        "added": 0,
    }
    assert [(line.code, line.prompt, line.added) for line in record.lines[:3]] == [
        ("1", None, 0),
        ("2", None, 0),
        ("50", 1, 159),
    ]


def test_too_far_short_or_already_there_hears_no_nudge() -> None:
    sale = make_sale(make_menu(FREE_PIE))
    sale.add("1")  # 3.49: 4.51 short, more than 2.00
    assert list(sale.payment_offers()) == []
    sale = make_sale(make_menu(FREE_PIE))
    for code in ("1", "1", "2"):
        sale.add(code)  # 9.97: reached
    assert list(sale.payment_offers()) == [] and len(sale.order.rewards) == 1


def test_the_reward_comes_with_the_threshold_and_goes_with_a_voided_line() -> None:
    sale = make_sale(make_menu(DOLLAR_OFF))
    burger = sale.add("1", qty=2)
    sale.add("20", "Large")  # 6.98 + 2.79 = 9.77: short by 0.23
    assert sale.order.rewards == []
    sale.change_qty(burger, 3)  # 13.26
    (reward,) = sale.order.rewards
    assert (reward.label, reward.amount, sale.order.subtotal) == ("$1.00 off", -100, 1226)
    sale.void_line(burger)
    assert sale.order.rewards == [] and sale.order.subtotal == 279
    record = sale.pay(500)
    assert all(line.source != "reward" for line in record.lines)


def test_a_discount_line_is_on_the_record_and_the_tax_is_on_what_is_paid() -> None:
    sale = make_sale(make_menu(DOLLAR_OFF))
    sale.add("1", qty=3)  # 10.47
    record = sale.pay(2000)
    discount = record.lines[-1]
    assert (discount.code, discount.unit_price, discount.name) == ("DISCOUNT", -100, "$1.00 off")
    assert record.subtotal == 947 and record.tax == 78  # 8.25 % of 9.47, half up


def test_a_reward_in_the_order_counts_for_the_checkout_offers_unless() -> None:
    no_dessert_twice = '\n[[checkout]]\noffer = "41"\nunless = ["category:dessert"]\n'
    sale = make_sale(make_menu(FREE_PIE + no_dessert_twice))
    for code in ("1", "1", "2"):
        sale.add(code)  # 9.97: the Apple Pie (a dessert) is free
    assert [reward.label for reward in sale.order.rewards] == ["Apple Pie free"]
    assert list(sale.payment_offers()) == []
    sale = make_sale(make_menu(FREE_PIE + '\n[[checkout]]\noffer = "40"\n'))
    for code in ("1", "1", "2"):
        sale.add(code)
    assert list(sale.payment_offers()) == [], "no offer of what the order is given already"


def test_a_log_with_reward_lines_named_either_way_reports_and_exports_every_order(tmp_path: Path) -> None:
    from pos.core.analytics.export import export_parquet
    from pos.core.analytics.report import build_report
    from tests.support.hand_logs import order, write

    older = {"code": "40", "name": "Apple Pie free", "size": None, "qty": 1, "unit_price": 0}
    reward = {**older, "source": "reward", "prompt": None, "added": 0}
    write(
        tmp_path,
        [
            order(order="T1-20261123-0001", lines=[reward]),  # as pos wrote it before
            order(order="T1-20261123-0002", lines=[{**reward, "name": "Apple Pie"}]),
        ],
        table="orders",
    )
    report = build_report(tmp_path)
    assert report.totals["orders"] == 2 and not report.notices
    exported = export_parquet(tmp_path, tmp_path / "export", None, None)
    assert exported.rows["order_lines"] == 2
    assert [notice for notice in exported.notices if "currency is left null" not in notice] == [], (
        "no record left out; a hand-made log records no menu, so no currency"
    )


def test_the_nudge_comes_after_the_meal_prompt_and_before_the_checkout_offer() -> None:
    from tests.unit.test_combos import MEAL

    checkout = '\n[[checkout]]\noffer = "41"\n'
    sale = make_sale(make_menu(MEAL + FREE_PIE + checkout))
    sale.add("1")
    sale.add("2")
    assert [offer.kind.name for offer in sale.payment_offers()] == ["meal", "nudge", "checkout"]


@pytest.mark.parametrize(
    ("table", "field", "says"),
    [
        (
            'threshold = "2.00"\nwithin = "2.00"\nreward = "40"\nsuggest = ["41"]',
            "threshold",
            "above `within`",
        ),
        ('threshold = "9.00"\nwithin = "2.00"\nsuggest = ["41"]', "reward", "give one"),
        (
            'threshold = "9.00"\nwithin = "2.00"\nreward = "40"\ndiscount = "1.00"\nsuggest = ["41"]',
            "reward",
            "give one",
        ),
        (
            'threshold = "9.00"\nwithin = "2.00"\nreward = "40"\nsuggest = ["99"]',
            "suggest",
            "unknown item code",
        ),
        (
            'threshold = "9.00"\nwithin = "2.00"\nreward = "99"\nsuggest = ["41"]',
            "reward",
            "unknown item code",
        ),
        ('within = "2.00"\nreward = "40"\nsuggest = ["41"]', "threshold", "missing"),
    ],
)
def test_bad_nudges_name_file_line_entry_and_field(table: str, field: str, says: str) -> None:
    with pytest.raises(MenuError) as caught:
        make_menu(f"\n[[nudge]]\n{table}\n")
    (problem,) = caught.value.problems
    assert (problem.entry, problem.field) == ("nudge #1", field) and says in problem.message
    assert problem.line is not None


def test_an_item_given_as_a_reward_is_not_offered_at_checkout() -> None:
    sale = make_sale(make_menu(FREE_PIE + '\n[[checkout]]\noffer = "40"\n'))
    for code in ("1", "1", "2"):
        sale.add(code)
    assert list(sale.payment_offers()) == []
