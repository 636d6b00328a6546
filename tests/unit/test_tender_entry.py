"""The amount tendered is typed on the entry line, as a meal's code is, and leaves it when paid."""

from __future__ import annotations

from pos.core.counter.counter_keys import Stage
from tests.support.counter_kit import make_counter, type_keys


def test_the_amount_is_on_the_entry_line_while_it_is_typed() -> None:
    counter, recorder = make_counter()
    type_keys(counter, "4", "0", "enter", "2", "f10")  # an apple pie, $1.50; a 2 left unentered
    assert counter.stage is Stage.TENDER and counter.entry == "", "the payment starts on a clear line"
    assert counter.till.hint.startswith("Amount tendered")
    type_keys(counter, "1", "2", "backspace")
    assert (counter.till.tender, counter.entry) == ("1", "1")
    type_keys(counter, "enter")  # $1 is short
    assert counter.error and counter.entry == "" and counter.stage is Stage.TENDER
    type_keys(counter, "9", "escape")
    assert str(counter.stage) == str(Stage.SELLING) and counter.entry == ""
    type_keys(counter, "f10", "5", "enter")
    assert str(counter.stage) == str(Stage.RECEIPT) and counter.entry == ""
    assert recorder.orders[-1].tendered == 500
