"""The selling engine: every rule of the menu spec, and what answers do to the order."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
from msgspec import to_builtins

from pos.core.base.errors import SaleError
from pos.core.base.events import Outcome
from pos.core.selling.prompt_kinds import CROSS_SELL, UPSELL, upsell
from pos.core.selling.prompt_kinds import checkout as checkout_kind
from pos.core.selling.prompt_kinds.upsell import NEXT_SIZE, upsell_target
from tests.support.sales import LUNCH, TEST_STORE_ID, events_for, make_sale, offers_for
from tests.support.small_menus import make_menu

ACCEPT, DECLINE, SKIP = Outcome.ACCEPTED, Outcome.DECLINED, Outcome.SKIPPED

MEAL_AND_FRIES = """
[[upsell]]
item = "1"
to = "31"
pitch = "Make it a meal for just {delta} more?"

[[cross_sell]]
when = ["category:burger"]
offer = "20"
size = "Medium"
price = "1.50"
pitch = "Would you like {offer} with that, for {price}?"

[[cross_sell]]
when = ["category:meal"]
offer = "40"
pitch = "Add a hot {offer} for {price}?"
"""


# -- the flow -------------------------------------------------------------------


def test_upsell_then_cross_sell_then_nothing() -> None:
    sale = make_sale(make_menu(MEAL_AND_FRIES))
    line = sale.add("1")
    prompts = sale.prompts_for(line)
    upsell = next(prompts)
    assert (upsell.kind, upsell.item.code, upsell.delta) == (UPSELL, "31", 350)
    assert upsell.pitch == "Make it a meal for just $3.50 more?"
    sale.answer(upsell, DECLINE, 800)
    cross_sell = next(prompts)
    assert (cross_sell.kind, cross_sell.item.code, cross_sell.size, cross_sell.delta) == (
        CROSS_SELL,
        "20",
        "Medium",
        150,
    )
    assert cross_sell.pitch == "Would you like Medium Fries with that, for $1.50?"
    sale.answer(cross_sell, DECLINE, 800)
    assert next(prompts, None) is None


def test_cross_sell_matches_the_line_after_an_accepted_upsell() -> None:
    sale = make_sale(make_menu(MEAL_AND_FRIES))
    upsell, cross_sell = offers_for(sale, "1", [ACCEPT])
    assert upsell.item.code == "31"
    assert cross_sell.item.code == "40", "the meal's rule, not the burger's"
    assert cross_sell.pitch == "Add a hot Apple Pie for $1.39?"


def test_accepted_item_upsell_replaces_the_line() -> None:
    sale = make_sale(make_menu(MEAL_AND_FRIES))
    offers_for(sale, "1", [ACCEPT, DECLINE])
    (line,) = sale.order.lines
    assert (line.item.code, line.unit_price, line.source, line.entered.code) == (
        "31",
        699,
        "upsell",
        "1",
    )


def test_accepted_cross_sell_adds_a_line_at_its_price() -> None:
    sale = make_sale(make_menu(MEAL_AND_FRIES))
    offers_for(sale, "1", [DECLINE, ACCEPT])
    burger, fries = sale.order.lines
    assert (fries.item.code, fries.size, fries.qty, fries.unit_price, fries.source) == (
        "20",
        "Medium",
        1,
        150,
        "cross_sell",
    )
    assert burger.source == "entered"


@pytest.mark.parametrize("outcome", [DECLINE, SKIP])
def test_declined_or_skipped_leaves_the_order_alone(outcome: Outcome) -> None:
    sale = make_sale(make_menu(MEAL_AND_FRIES))
    offers_for(sale, "1", [outcome, outcome])
    (line,) = sale.order.lines
    assert (line.item.code, line.unit_price, line.source) == ("1", 349, "entered")


def test_unknown_code_and_size_are_refused() -> None:
    sale = make_sale(make_menu())
    with pytest.raises(SaleError, match="no item with code '99'"):
        sale.add("99")
    with pytest.raises(SaleError, match="Fries has no size 'Jumbo'"):
        sale.add("20", "Jumbo")
    with pytest.raises(SaleError, match="no size"):
        sale.add("1", "Large")
    assert sale.order.lines == []


def test_codes_are_case_insensitive_and_sizes_too() -> None:
    sale = make_sale(make_menu())
    line = sale.add("20", "large")
    assert line.size == "Large"


# -- upsells ----------------------------------------------------------------------


def test_without_a_rule_the_next_size_up_at_the_price_difference() -> None:
    sale = make_sale(make_menu())
    (offer,) = offers_for(sale, "20")
    assert (offer.item.code, offer.size, offer.delta) == ("20", "Medium", 50)
    assert offer.pitch == "Make that a Medium Fries for $0.50 more?"


def test_next_and_largest_from_a_middle_size() -> None:
    menu = make_menu('[[upsell]]\ncategory = "drink"\nto = "largest"\n')
    cola = menu.items["50"]
    (largest,) = upsell.KIND.rules(menu)[0].candidates
    assert upsell_target(menu, NEXT_SIZE, cola, "Medium", 159) == (cola, "Large", 30)
    assert upsell_target(menu, largest, cola, "Small", 129) == (cola, "Large", 60)
    assert upsell_target(menu, NEXT_SIZE, cola, "Large", 189) is None


def test_largest_with_a_special_price() -> None:
    menu = make_menu(
        '[[upsell]]\ncategory = "drink"\nto = "largest"\nprice = "0.50"\npitch = "Go large for only {delta}?"\n'
    )
    sale = make_sale(menu)
    (offer,) = offers_for(sale, "50", [ACCEPT])
    assert (offer.size, offer.delta, offer.pitch) == ("Large", 50, "Go large for only $0.50?")
    (line,) = sale.order.lines
    assert (line.size, line.unit_price) == ("Large", 129 + 50)


def test_item_already_at_its_largest_size_gets_no_upsell() -> None:
    sale = make_sale(make_menu())
    line = sale.add("20")
    line.size, line.unit_price = "Large", 279
    assert list(sale.prompts_for(line)) == []


def test_single_priced_item_without_rule_gets_no_upsell() -> None:
    assert offers_for(make_sale(make_menu()), "40") == []


def test_a_size_named_at_entry_gets_no_size_upsell() -> None:
    sale = make_sale(make_menu())
    assert offers_for(sale, "20", size="Small") == []
    assert offers_for(sale, "50", size="Large") == []


def test_a_size_named_at_entry_still_gets_a_meal_upsell() -> None:
    menu = make_menu('[[upsell]]\nitem = "20"\nto = "31"\n')
    (offer,) = offers_for(make_sale(menu), "20", size="Small")
    assert offer.item.code == "31"


def test_quantity_multiplies_the_upsell_delta() -> None:
    sale = make_sale(make_menu())
    (offer,) = offers_for(sale, "20", [ACCEPT], qty=3)
    assert offer.delta == 150
    (line,) = sale.order.lines
    assert (line.qty, line.unit_price, line.total) == (3, 229, 687)


def test_item_rule_beats_category_rule_and_priority_beats_both() -> None:
    menu = make_menu("""
[[upsell]]
category = "drink"
to = "largest"

[[upsell]]
item = "50"
to = "next"
""")
    (offer,) = offers_for(make_sale(menu), "50")
    assert offer.size == "Medium", "the rule for the item wins over its category's"
    menu = make_menu("""
[[upsell]]
category = "drink"
to = "largest"
priority = 1

[[upsell]]
item = "50"
to = "next"
""")
    (offer,) = offers_for(make_sale(menu), "50")
    assert offer.size == "Large"


def test_upsell_rule_outside_its_daypart_falls_back_to_next_size() -> None:
    menu = make_menu('[[upsell]]\ncategory = "drink"\nto = "largest"\ndayparts = ["breakfast"]\n')
    (offer,) = offers_for(make_sale(menu, LUNCH), "50")
    assert offer.size == "Medium"
    (offer,) = offers_for(make_sale(menu, datetime(2026, 11, 23, 7)), "50")
    assert offer.size == "Large"


def test_ratio_guard() -> None:
    # The meal adds 3.50 to a 3.49 burger: a ratio just above 1.
    assert (
        offers_for(make_sale(make_menu('[rules]\nmax_upsell_ratio = "1"\n' + MEAL_AND_FRIES)), "1")[0].kind
        == CROSS_SELL
    )
    assert (
        offers_for(make_sale(make_menu('[rules]\nmax_upsell_ratio = "1.003"\n' + MEAL_AND_FRIES)), "1")[
            0
        ].kind
        == UPSELL
    )


def test_same_upsell_not_offered_twice_in_one_order() -> None:
    sale = make_sale(make_menu())
    assert len(offers_for(sale, "20")) == 1
    assert offers_for(sale, "20") == []


def test_upsell_to_a_cheaper_item_is_not_offered() -> None:
    menu = make_menu('[[upsell]]\nitem = "1"\nto = "40"\n')
    assert offers_for(make_sale(menu), "1") == []


# -- cross-sells --------------------------------------------------------------------


def test_highest_priority_wins_and_ties_go_to_the_first_written() -> None:
    menu = make_menu("""
[[cross_sell]]
when = ["1"]
offer = "40"

[[cross_sell]]
when = ["1"]
offer = "41"

[[cross_sell]]
when = ["category:burger"]
offer = "20"
priority = 5
""")
    assert [o.item.code for o in offers_for(make_sale(menu), "1")] == ["20"]
    tie = make_menu(
        '[[cross_sell]]\nwhen = ["1"]\noffer = "40"\n[[cross_sell]]\nwhen = ["1"]\noffer = "41"\n'
    )
    assert [o.item.code for o in offers_for(make_sale(tie), "1")] == ["40"]


def test_nothing_offered_that_the_order_already_has_next_rule_instead() -> None:
    menu = make_menu(
        '[[cross_sell]]\nwhen = ["1"]\noffer = "20"\npriority = 1\n[[cross_sell]]\nwhen = ["1"]\noffer = "50"\n'
    )
    sale = make_sale(menu)
    sale.add("20", "Large")
    assert [o.item.code for o in offers_for(sale, "1")] == ["50"]


def test_no_cross_sell_offered_twice_in_one_order() -> None:
    menu = make_menu('[[cross_sell]]\nwhen = ["category:burger"]\noffer = "40"\n')
    sale = make_sale(menu)
    assert [o.item.code for o in offers_for(sale, "1", [DECLINE])] == ["40"]
    assert offers_for(sale, "2") == []


@pytest.mark.parametrize(
    ("hour", "minute", "offered"),
    [
        (7, 0, False),
        (10, 29, False),
        (10, 30, True),
        (15, 59, True),
        (16, 0, True),
        (23, 30, True),
        (4, 59, True),
        (5, 0, False),
    ],
)
def test_dayparts_including_one_that_wraps_midnight(hour: int, minute: int, offered: bool) -> None:
    menu = make_menu('[[cross_sell]]\nwhen = ["1"]\noffer = "40"\ndayparts = ["lunch", "dinner"]\n')
    sale = make_sale(menu, datetime(2026, 11, 23, hour, minute))
    assert bool(offers_for(sale, "1")) is offered


@pytest.mark.parametrize(
    ("day", "offered"),
    [((2026, 11, 30), False), ((2026, 12, 1), True), ((2026, 12, 31), True), ((2027, 1, 1), False)],
)
def test_seasonal_window_both_ends_inclusive(day: tuple[int, int, int], offered: bool) -> None:
    menu = make_menu(
        '[[cross_sell]]\nwhen = ["1"]\noffer = "40"\nfrom = "2026-12-01"\nuntil = "2026-12-31"\n'
    )
    sale = make_sale(menu, datetime(*day, 23, 59))
    assert bool(offers_for(sale, "1")) is offered


def test_open_ended_seasons() -> None:
    starts = make_menu('[[cross_sell]]\nwhen = ["1"]\noffer = "40"\nfrom = "2026-12-01"\n')
    assert offers_for(make_sale(starts, datetime(2030, 1, 1, 12)), "1")
    assert not offers_for(make_sale(starts, datetime(2026, 11, 30, 12)), "1")


def test_cross_sell_without_size_offers_the_default_size() -> None:
    menu = make_menu('[[cross_sell]]\nwhen = ["1"]\noffer = "50"\n')
    (offer,) = offers_for(make_sale(menu), "1")
    assert (offer.size, offer.delta) == ("Small", 129)
    assert offer.pitch == "Would you like Small Cola with that, for $1.29?"


# -- the prompt cap ---------------------------------------------------------------


def test_prompt_cap_counts_every_prompt_shown() -> None:
    menu = make_menu(
        "[rules]\nmax_prompts_per_order = 3\n" + MEAL_AND_FRIES + '\n[[checkout]]\noffer = "41"\n'
    )
    sale = make_sale(menu)
    assert len(offers_for(sale, "1")) == 2
    assert len(offers_for(sale, "50")) == 1
    assert offers_for(sale, "20") == []
    assert next(sale.payment_offers(), None) is None
    assert sale.prompts == 3


def test_prompt_cap_of_zero_shows_nothing() -> None:
    sale = make_sale(make_menu("[rules]\nmax_prompts_per_order = 0\n" + MEAL_AND_FRIES))
    assert offers_for(sale, "1") == []


# -- checkout -----------------------------------------------------------------------


CHECKOUT = """
[[checkout]]
offer = "40"
unless = ["category:dessert"]
min_total = "5.00"
pitch = "Would you like to finish with an {offer} for {price}?"

[[checkout]]
offer = "41"
dayparts = ["dinner"]
"""


def test_checkout_offer_when_the_subtotal_reaches_min_total() -> None:
    sale = make_sale(make_menu(CHECKOUT))
    sale.add("1")
    assert next(sale.payment_offers(), None) is None, "3.49 is below 5.00, and the second rule is for dinner"
    sale.add("2")
    offer = next(sale.payment_offers(), None)
    assert offer is not None
    assert (offer.kind, offer.item.code, offer.delta) == (checkout_kind.KIND, "40", 139)
    assert offer.pitch == "Would you like to finish with an Apple Pie for $1.39?"
    sale.answer(offer, ACCEPT, 500)
    assert sale.order.lines[-1].source == "checkout"


def test_checkout_unless_the_order_has_a_match() -> None:
    sale = make_sale(make_menu(CHECKOUT))
    sale.add("31")
    sale.add("41")
    assert next(sale.payment_offers(), None) is None


def test_checkout_first_active_rule() -> None:
    sale = make_sale(make_menu(CHECKOUT), datetime(2026, 11, 23, 19))
    sale.add("1")
    offer = next(sale.payment_offers(), None)
    assert offer is not None and offer.item.code == "41"


def test_checkout_offer_only_once() -> None:
    sale = make_sale(make_menu(CHECKOUT))
    sale.add("31")
    offer = next(sale.payment_offers(), None)
    assert offer is not None
    sale.answer(offer, DECLINE, 500)
    assert next(sale.payment_offers(), None) is None


# -- pitches ----------------------------------------------------------------------


def test_pitch_variants_chosen_evenly_and_recorded() -> None:
    menu = make_menu('[[upsell]]\ncategory = "drink"\npitch = ["A {delta}", "B {delta}", "C {delta}"]\n')
    counts: Counter[int] = Counter()
    for seed in range(3000):
        (offer,) = offers_for(make_sale(menu, seed=seed), "50")
        counts[offer.variant] += 1
        assert offer.pitch == "ABC"[offer.variant] + " $0.30"
    assert set(counts) == {0, 1, 2}
    assert all(900 < count < 1100 for count in counts.values()), counts


def test_every_placeholder_rendered() -> None:
    menu = make_menu(
        '[[upsell]]\ncategory = "drink"\npitch = "{item}|{offer}|{size}|{delta}|{price}|{{x}}"\n'
    )
    (offer,) = offers_for(make_sale(menu), "50")
    assert offer.pitch == "Cola|Medium Cola|Medium|$0.30|$1.59|{x}"


def test_placeholders_for_a_single_priced_offer() -> None:
    menu = make_menu(
        '[[cross_sell]]\nwhen = ["1"]\noffer = "40"\npitch = "{item}+{offer}[{size}]{delta}/{price}"\n'
    )
    (offer,) = offers_for(make_sale(menu), "1")
    assert offer.pitch == "Cheeseburger+Apple Pie[]$1.39/$1.39"


def test_a_pitch_is_never_evaluated() -> None:
    # The loader refuses such pitches; the renderer, given one anyway, does not evaluate it.
    from pos.core.selling.pitch import template_problem

    assert template_problem("{offer.__class__}") is not None


# -- totals and payment -----------------------------------------------------------


@pytest.mark.parametrize(
    ("prices", "tax"),
    [(["2.00"], 17), (["6.00"], 50), (["1.00"], 8), (["0.01"], 0), (["0.06"], 0), (["0.07"], 1), ([], 0)],
)
def test_tax_rounds_half_up_on_the_subtotal(prices: list[str], tax: int) -> None:
    items = "".join(
        f'\n[[item]]\ncode = "P{n}"\nname = "P{n}"\nprice = "{price}"\n' for n, price in enumerate(prices)
    )
    menu = make_menu(items=items or '\n[[item]]\ncode = "Z"\nname = "Z"\nprice = "1"\n')
    sale = make_sale(menu)
    for n in range(len(prices)):
        sale.add(f"P{n}")
    assert sale.order.tax == tax
    assert sale.order.total == sale.order.subtotal + tax
    assert isinstance(sale.order.total, int)


def test_pay_gives_change_and_a_paid_record() -> None:
    sale = make_sale(make_menu(MEAL_AND_FRIES))
    offers_for(sale, "1", [ACCEPT, ACCEPT])  # meal 6.99 + pie 1.39 = 8.38, tax 0.69
    record = sale.pay(1000)
    assert (record.subtotal, record.tax, record.total, record.tendered, record.change) == (
        838,
        69,
        907,
        1000,
        93,
    )
    assert record.status == "paid" and record.prompts == 2
    assert to_builtins(record.lines) == [
        {
            "code": "31",
            "name": "Cheeseburger Meal",
            "size": None,
            "qty": 1,
            "unit_price": 699,
            "source": "upsell",
            "prompt": 1,
            "added": 350,
        },
        {
            "code": "40",
            "name": "Apple Pie",
            "size": None,
            "qty": 1,
            "unit_price": 139,
            "source": "cross_sell",
            "prompt": 2,
            "added": 139,
        },
    ]
    assert record.voided_lines == []


def test_pay_refuses_too_little() -> None:
    sale = make_sale(make_menu())
    sale.add("1")
    with pytest.raises(SaleError, match=r"\$3.00 does not cover the total of \$3.78"):
        sale.pay(300)


def test_void_line_and_void_order() -> None:
    sale = make_sale(make_menu())
    burger = sale.add("1")
    sale.add("2")
    sale.void_line(burger)
    assert [line.item.code for line in sale.order.lines] == ["2"]
    record = sale.void()
    assert (record.status, record.total, record.tendered, record.change) == ("voided", 324, 0, 0)


# -- the prompt event ----------------------------------------------------------------


def test_prompt_event_fields() -> None:
    sale = make_sale(make_menu(MEAL_AND_FRIES))
    upsell, cross_sell = events_for(sale, "1", [ACCEPT, SKIP])
    assert to_builtins(upsell) == {
        "ts": LUNCH.astimezone().isoformat(timespec="milliseconds"),
        "store": "Test Counter",
        "store_id": TEST_STORE_ID,
        "terminal": "T1",
        "cashier": "C1",
        "mode": "live",
        "order": "T1-20261123-0001",
        "kind": "upsell",
        "trigger": "1",
        "offer": "31",
        "size": None,
        "pitch": "Make it a meal for just $3.50 more?",
        "variant": 0,
        "delta": 350,
        "outcome": "accepted",
        "response_ms": 1234,
        "daypart": "lunch",
        "seq": 1,
        "template": "Make it a meal for just {delta} more?",
        "rule": "upsell:1>31",
        "heard": 1,
    }
    assert (cross_sell.seq, cross_sell.rule, cross_sell.heard) == (2, "cross_sell:category:meal>40", 2)
    assert (cross_sell.kind, cross_sell.trigger, cross_sell.offer, cross_sell.outcome) == (
        "cross_sell",
        "1",
        "40",
        "skipped",
    )
    assert cross_sell.ts[-6:] in {LUNCH.astimezone().isoformat()[-6:]}
    assert ".000" in cross_sell.ts


def test_checkout_event_has_no_trigger() -> None:
    sale = make_sale(make_menu(CHECKOUT))
    sale.add("31")
    offer = next(sale.payment_offers(), None)
    assert offer is not None
    event = sale.answer(offer, DECLINE, 10)
    assert (event.kind, event.trigger, event.offer, event.outcome) == (
        "checkout",
        None,
        "40",
        "declined",
    )


def test_size_upsell_event_offers_the_same_item_with_its_size() -> None:
    (event,) = events_for(make_sale(make_menu()), "50", [DECLINE])
    assert (event.trigger, event.offer, event.size, event.delta) == ("50", "50", "Medium", 30)


def test_no_daypart_is_null() -> None:
    menu = make_menu(header='[menu]\nname = "X"\ncurrency = "USD"\n')
    (event,) = events_for(make_sale(menu, datetime(2026, 1, 1, 3)), "50", [SKIP])
    assert event.daypart is None


def test_a_paid_or_voided_order_is_closed() -> None:
    sale = make_sale(make_menu())
    sale.add("40")
    sale.pay(200)
    assert sale.closed
    with pytest.raises(SaleError, match="already closed"):
        sale.pay(200)
    with pytest.raises(SaleError, match="already closed"):
        sale.void()


# -- what each prompt kept (spec v2) -------------------------------------------------


def test_a_voided_line_is_kept_with_its_prompt_and_adds_nothing_to_the_total() -> None:
    sale = make_sale(make_menu(MEAL_AND_FRIES))
    offers_for(sale, "1", [ACCEPT, ACCEPT])  # meal (prompt 1) + pie (prompt 2)
    pie = sale.order.lines[1]
    sale.void_line(pie)
    record = sale.pay(1000)
    assert [(line.code, line.prompt, line.added) for line in record.lines] == [("31", 1, 350)]
    assert [(line.code, line.prompt, line.added) for line in record.voided_lines or []] == [("40", 2, 139)]
    assert record.subtotal == 699


def test_a_line_of_two_hears_the_unit_price_and_adds_twice_the_delta() -> None:
    sale = make_sale(
        make_menu('[[upsell]]\ncategory = "drink"\npitch = "Go {size} for {delta} more each?"\n')
    )
    (offer,) = offers_for(sale, "50", [ACCEPT], qty=2)
    assert offer.pitch == "Go Medium for $0.30 more each?"
    assert (offer.unit_delta, offer.delta) == (30, 60)
    (line,) = sale.pay(1000).lines
    assert (line.qty, line.unit_price, line.prompt, line.added) == (2, 159, 1, 60)


def test_a_size_chosen_by_hand_after_an_upsell_ends_what_the_upsell_added() -> None:
    sale = make_sale(make_menu())
    offers_for(sale, "50", [ACCEPT])  # Small -> Medium by the upsell
    line = sale.order.lines[0]
    assert (line.prompt, line.added) == (1, 30)
    sale.change_size(line, -1)
    assert (line.size, line.prompt, line.added) == ("Small", None, 0)


def test_an_add_on_resized_by_hand_still_counts_whole_and_a_quantity_counts() -> None:
    sale = make_sale(make_menu(MEAL_AND_FRIES))
    offers_for(sale, "1", [DECLINE, ACCEPT])  # fries, Medium at 1.50, by the cross-sell (prompt 2)
    fries = sale.order.lines[1]
    with pytest.raises(SaleError, match="at an offer's price, for one only"):  # 1.50 is for one Medium Fries
        sale.change_qty(fries, 2)
    sale.change_size(fries, 1)
    assert (fries.size, fries.prompt, fries.added) == ("Large", 2, 279)
    sale.change_qty(fries, 2)  # at the menu's price now: a quantity counts
    assert (fries.qty, fries.added) == (2, 558)


def test_a_draft_is_the_record_a_void_would_make_and_none_before_anything_happened() -> None:
    sale = make_sale(make_menu(MEAL_AND_FRIES))
    assert sale.draft() is None
    offers_for(sale, "1", [ACCEPT, DECLINE])
    draft = sale.draft()
    assert draft is not None and draft.status == "voided" and draft.prompts == 2
    assert draft.lines[0].prompt == 1
    sale.pay(1000)
    assert sale.draft() is None
