"""The counter, key by key, with no screen: what each key does at every moment."""

from __future__ import annotations

import pytest

from pos.core.counter.counter import Counter
from pos.core.counter.counter_keys import MAX_ENTRY, NOT_AHEAD, Stage
from pos.core.selling.order import MAX_LINES
from tests.support.counter_kit import key_in, lines, make_counter, outcomes, type_keys
from tests.support.small_menus import make_menu


def stage(counter: Counter) -> Stage:
    """Read afresh after each key (an `is` check on the attribute would narrow its type for good)."""
    return counter.stage


def test_a_whole_order() -> None:
    counter, recorder = make_counter()
    key_in(counter, "1")
    assert counter.prompt is not None and "meal" in counter.prompt.pitch
    type_keys(counter, "y", "n", "f10", "escape")
    assert stage(counter) is Stage.TENDER
    type_keys(counter, "enter")
    assert stage(counter) is Stage.RECEIPT and counter.till.receipt is not None
    assert outcomes(recorder) == [
        ("upsell", "31", "accepted"),
        ("cross_sell", "43", "declined"),
        ("checkout", "40", "skipped"),
    ]
    (order,) = recorder.orders
    assert (order.status, order.total, order.tendered) == ("paid", 757, 757)


def test_an_item_keyed_during_a_prompt_waits_its_turn() -> None:
    counter, _recorder = make_counter()
    type_keys(counter, "3", "enter", "1", "enter")
    assert [line[0] for line in lines(counter)] == ["3"] and list(counter.keyed_ahead) == ["1"]
    type_keys(counter, "n", "n")
    assert [line[0] for line in lines(counter)] == ["3", "1"] and not counter.keyed_ahead
    assert counter.prompt is not None and counter.prompt.line is counter.sale.order.lines[1]


def test_keys_at_the_receipt_start_the_next_order() -> None:
    counter, recorder = make_counter()
    key_in(counter, "40")
    type_keys(counter, "f10", "enter")
    assert stage(counter) is Stage.RECEIPT
    first = counter.sale.order.id
    key_in(counter, "41")
    assert stage(counter) is Stage.SELLING and counter.sale.order.id != first
    assert lines(counter) == [("41", None, 1, 219, "entered")], "the 4 was not swallowed by the receipt"
    assert [o.status for o in recorder.orders] == ["paid"]


@pytest.mark.parametrize("key", ["f8", "f10"])
def test_void_line_or_pay_with_a_prompt_up_closes_it_as_skipped(key: str) -> None:
    counter, recorder = make_counter()
    key_in(counter, "40")
    key_in(counter, "1")
    assert counter.prompting
    type_keys(counter, key)
    assert outcomes(recorder) == [("upsell", "31", "skipped")], "the cross-sell after it is not shown"
    assert not counter.prompting or (counter.prompt is not None and counter.prompt.kind.name == "checkout")
    if key == "f8":
        assert lines(counter) == [("40", None, 1, 139, "entered")]


def test_void_order_with_a_prompt_up_asks_and_y_voids_it_never_accepts() -> None:
    counter, recorder = make_counter()
    key_in(counter, "1")
    type_keys(counter, "f9")
    assert stage(counter) is Stage.CONFIRM_VOID
    type_keys(counter, "n")
    assert stage(counter) is Stage.SELLING and counter.prompting, "kept: the prompt is still up"
    type_keys(counter, "f9", "y")
    assert outcomes(recorder) == [("upsell", "31", "skipped")], (
        "the y voided the order: no upsell was accepted"
    )
    assert [o.status for o in recorder.orders] == ["voided"] and lines(counter) == []


def test_other_keys_at_the_void_question_are_refused() -> None:
    counter, _ = make_counter()
    key_in(counter, "40")
    type_keys(counter, "f9", "4")
    assert stage(counter) is Stage.CONFIRM_VOID and "Press y" in counter.message and counter.entry == ""


def test_a_stray_y_or_n_with_no_prompt_is_not_typed() -> None:
    counter, _ = make_counter()
    type_keys(counter, "y")
    assert counter.entry == "" and counter.error and "No prompt is up" in counter.message
    type_keys(counter, "N", "1")
    assert counter.entry == "N1", "a capital types the letter"
    counter.entry = ""
    type_keys(counter, *"sundae")
    assert counter.entry == "sundae", "y and n inside a name are letters"


def test_no_to_all_declines_every_prompt_left_in_the_order() -> None:
    counter, recorder = make_counter()
    key_in(counter, "1")
    type_keys(counter, "f7")
    key_in(counter, "20")
    type_keys(counter, "f10")
    assert stage(counter) is Stage.TENDER
    assert outcomes(recorder) == [
        ("upsell", "31", "declined"),
        ("cross_sell", "20", "declined"),
        ("checkout", "40", "declined"),
    ], "the fries keyed after their cross-sell hear no upsell: no item is offered twice"
    type_keys(counter, "enter", "enter")
    key_in(counter, "1")
    assert counter.prompting, "the next order is asked again"


def test_quantity_and_size_keys_change_the_selected_line() -> None:
    counter, _recorder = make_counter()
    key_in(counter, "20 small")
    type_keys(counter, "escape", "+", "+", ">")
    assert lines(counter) == [("20", "Medium", 3, 229, "entered")]
    assert counter.sale.order.lines[0].size_chosen, "the customer chose it: no size upsell"
    type_keys(counter, "<", "-")
    assert lines(counter)[0][1:3] == ("Small", 2)
    type_keys(counter, "<")
    assert "already the smallest" in counter.message
    type_keys(counter, "-", "-")
    assert lines(counter)[0][2] == 1 and "F8 voids" in counter.message


LARGE_FOR_40 = '[[upsell]]\ncategory = "drink"\nto = "largest"\nprice = "0.40"\n'
"""Any drink Large for 40 cents more: the Large Cola at $1.69, not the menu's $1.89."""


def test_plus_on_a_line_upsold_at_a_special_price_sells_no_more_at_that_price() -> None:
    counter, _ = make_counter(make_menu(LARGE_FOR_40))
    key_in(counter, "50")
    type_keys(counter, "y", "+")
    assert lines(counter) == [("50", "Large", 1, 169, "upsell")]
    assert (
        counter.error
        and counter.message == "Large Cola is at an offer's price, for one only: key 50 large for another"
    )
    key_in(counter, "50 large")
    type_keys(counter, "<")  # the one keyed by hand: at the menu's price
    assert lines(counter)[1] == ("50", "Medium", 1, 159, "entered")
    type_keys(counter, "up", "<")  # the upsold one at another size: the menu's price, no prompt
    line = counter.sale.order.lines[0]
    assert (line.size, line.unit_price, line.prompt, line.added) == ("Medium", 159, None, 0)
    type_keys(counter, "+")
    assert lines(counter)[0][2] == 2


def test_plus_on_a_line_of_two_upsold_at_a_special_price_goes_back_to_two_no_further() -> None:
    counter, _ = make_counter(make_menu(LARGE_FOR_40))
    key_in(counter, "2*50")
    type_keys(counter, "y", "-", "+")
    line = counter.sale.order.lines[0]
    assert (line.qty, line.unit_price, line.added) == (2, 169, 80)
    type_keys(counter, "+")
    assert line.qty == 2 and "for 2 only" in counter.message


def test_line_keys_during_a_prompt_say_why_not() -> None:
    counter, _ = make_counter()
    key_in(counter, "20")
    type_keys(counter, "+")
    assert lines(counter)[0][2] == 1 and "Answer the prompt first" in counter.message


def test_the_entry_line_is_bounded_and_a_huge_quantity_is_an_error() -> None:
    counter, _ = make_counter()
    type_keys(counter, *("9" * 4400))
    assert len(counter.entry) == MAX_ENTRY and "holds" in counter.message
    type_keys(counter, "escape", *"1000*1", "enter")
    assert counter.error and "quantity is 1 to 99" in counter.message and lines(counter) == []


@pytest.mark.parametrize(
    ("tender", "message"),
    [
        ("1", "short of the total"),
        ("5000", "more than this counter takes"),
        ("9" * 16, "below 1,000,000"),
        ("1.2.3", "not an amount"),
        ("1.234", "at most 2 decimals"),
    ],
)
def test_a_bad_tender_keeps_the_order_open(tender: str, message: str) -> None:
    counter, recorder = make_counter()
    key_in(counter, "40")
    type_keys(counter, "f10", *tender, "enter")
    assert stage(counter) is Stage.TENDER and message in counter.message and recorder.orders == []
    type_keys(counter, *"20", "enter")
    assert stage(counter) is Stage.RECEIPT and recorder.orders[0].tendered == 2000


def test_sign_out_only_with_no_order_open() -> None:
    counter, _ = make_counter()
    key_in(counter, "40")
    type_keys(counter, "f2")
    assert stage(counter) is Stage.SELLING and "Finish or void" in counter.message
    type_keys(counter, "f9", "y", "f2")
    assert stage(counter) is Stage.SIGNED_OUT


def test_control_characters_never_reach_a_buffer() -> None:
    counter, _ = make_counter()
    counter.press("ctrl+left_square_bracket", "\x1b")
    counter.paste("4\x1b0\u202e\x00\n")
    assert lines(counter) == [("40", None, 1, 139, "entered")]


def test_pay_adds_what_was_keyed_ahead_without_its_prompts_and_stops_at_a_bad_code() -> None:
    counter, recorder = make_counter()
    key_in(counter, "1")
    key_in(counter, "20")  # fries: an upsell of their own, never shown when F10 comes first
    type_keys(counter, "f10")
    assert [line[0] for line in lines(counter)] == ["1", "20"]
    assert counter.prompt is not None and counter.prompt.kind.name == "checkout"
    assert outcomes(recorder) == [("upsell", "31", "skipped")]

    counter, _ = make_counter()
    key_in(counter, "1")
    key_in(counter, "zz")
    key_in(counter, "40")
    type_keys(counter, "f10")
    assert stage(counter) is Stage.SELLING, "no payment before the cashier sees what did not go in"
    assert "Keyed ahead, not added: zz: no item 'zz'" in counter.message
    assert [line[0] for line in lines(counter)] == ["1", "40"]


def test_a_bad_code_keyed_ahead_does_not_hold_up_the_next() -> None:
    counter, _ = make_counter()
    key_in(counter, "1")
    key_in(counter, "zz")
    key_in(counter, "40")
    type_keys(counter, "n", "n")
    assert [line[0] for line in lines(counter)] == ["1", "40"] and not counter.keyed_ahead
    assert "not added: zz" in counter.message


def test_a_long_pasted_queue_with_no_to_all_never_deepens_the_stack() -> None:
    counter, recorder = make_counter()
    key_in(counter, "1")
    counter.paste("1\n" * 3000)
    type_keys(counter, "f7")
    assert len(lines(counter)) == MAX_LINES and not counter.keyed_ahead, "the rest refused, not kept"
    assert all(outcome == "declined" for _, _, outcome in outcomes(recorder))


def test_text_entered_at_a_payment_prompt_is_refused_not_kept() -> None:
    """At the checkout offer, "Keyed ahead: c1" was said, then the text vanished when the payment
    began (a paid order takes no more items): it is refused at once, saying why."""
    counter, _ = make_counter()
    key_in(counter, "1")
    type_keys(counter, "n", "n", "f10")
    assert counter.prompt is not None and counter.prompt.kind.name == "checkout"
    type_keys(counter, "4", "0", "enter")
    assert counter.error and counter.message == NOT_AHEAD and not counter.keyed_ahead
    type_keys(counter, "n")
    assert counter.stage is Stage.TENDER and [line.item.code for line in counter.sale.order.lines] == ["1"]
