"""Tenders: cash, card and other, split over several; change only from cash; each order record lists
its tenders (events spec version 3), an older record reads as one cash tender of `tendered`, and a
record whose tenders do not add up is left out and named, as any bad record."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from pos.core.analytics.report import build_report
from pos.core.base.errors import SaleError
from pos.core.base.events import MAX_TENDERS, OrderRecord, Tender, decoder, encode
from pos.core.counter.counter_keys import Stage
from pos.core.counter.tender import TenderError, parse_part
from tests.support.counter_kit import BURGERS, make_counter, type_keys
from tests.support.hand_logs import order, write
from tests.support.sales import make_sale


def test_a_payment_split_over_card_other_and_cash_is_recorded_in_the_order_taken() -> None:
    counter, recorder = make_counter()
    type_keys(counter, "4", "0", "enter", "f10", "c", "0", ".", "5", "enter")
    assert (counter.stage, counter.till.due(counter.sale)) == (Stage.TENDER, 100)
    assert counter.message == "Card $0.50 taken: $1.00 still due" and counter.till.kind == "cash"
    type_keys(counter, "o", "0", ".", "2", "5", "enter", "5", "enter")  # $5 in cash for the $0.75 left
    assert counter.stage is Stage.RECEIPT and counter.message == "Change due $4.25"
    (record,) = recorder.orders
    assert record.tenders == [
        Tender(kind="card", amount=50),
        Tender(kind="other", amount=25),
        Tender(kind="cash", amount=500),
    ]
    assert (record.total, record.tendered, record.change) == (150, 575, 425)


def test_card_alone_with_nothing_typed_pays_all_that_is_due_and_gives_no_change() -> None:
    counter, recorder = make_counter()
    type_keys(counter, "4", "0", "enter", "f10", "c", "enter")
    (record,) = recorder.orders
    assert counter.stage is Stage.RECEIPT
    assert (record.tenders, record.tendered, record.change) == ([Tender(kind="card", amount=150)], 150, 0)


def test_a_card_tender_above_what_is_due_is_refused_change_comes_only_from_cash() -> None:
    counter, recorder = make_counter()
    type_keys(counter, "4", "0", "enter", "f10", "c", "2", "enter")
    assert counter.error and counter.stage is Stage.TENDER and not recorder.orders
    assert counter.message == "A card tender takes at most the $1.50 due: change comes only from cash"
    assert counter.till.taken == [] and counter.till.kind == "card", "the cashier types it again"
    type_keys(counter, "o", "o", "1", "enter")  # o chose other, o again back to cash: $1 short
    assert counter.error and counter.message == "$1.00 is $0.50 short of the total"


def test_cash_after_a_card_part_covers_what_is_still_due_not_the_total() -> None:
    counter, recorder = make_counter()
    type_keys(counter, "4", "0", "enter", "f10", "c", "1", "enter", "0", ".", "4", "enter")
    assert counter.error and counter.message == "$0.40 is $0.10 short of what is still due"
    type_keys(counter, "enter")  # the exact rest
    (record,) = recorder.orders
    assert record.tenders == [Tender(kind="card", amount=100), Tender(kind="cash", amount=50)]


def test_backspace_drops_the_last_tender_taken_and_esc_drops_them_all() -> None:
    counter, recorder = make_counter()
    type_keys(counter, "4", "0", "enter", "f10", "c", "1", "enter", "o", "0", ".", "1", "enter")
    assert [tender.amount for tender in counter.till.taken] == [100, 10]
    type_keys(counter, "backspace")
    assert counter.message == "Other $0.10 dropped: $0.50 due" and counter.till.due(counter.sale) == 50
    type_keys(counter, "escape")
    assert counter.stage is Stage.SELLING and counter.till.taken == []
    assert (
        counter.message
        == "Payment cancelled (the 1 card or other tender(s) taken dropped): the order is still open"
    )
    type_keys(counter, "f10", "enter")
    assert recorder.orders[-1].tenders == [Tender(kind="cash", amount=150)]


def test_voiding_an_order_before_it_is_paid_drops_its_tenders() -> None:
    counter, recorder = make_counter()
    type_keys(counter, "4", "0", "enter", "f10", "c", "1", "enter", "escape", "f9", "y")
    (record,) = recorder.orders
    assert (record.status, record.tenders, record.tendered) == ("voided", [], 0)
    assert counter.till.taken == []


def test_an_order_takes_at_most_ten_tenders_the_last_pays_all_that_is_due() -> None:
    assert parse_part("0.01", 150, "card", "USD", MAX_TENDERS - 2) == 1
    with pytest.raises(TenderError, match="at most 10 tenders: this one pays all that is due"):
        parse_part("0.01", 150, "card", "USD", MAX_TENDERS - 1)
    assert parse_part("", 150, "other", "USD", MAX_TENDERS - 1) == 150
    with pytest.raises(TenderError, match="takes nothing"):
        parse_part("0", 150, "card", "USD", 0)
    with pytest.raises(TenderError, match="Nothing is due"):  # an order of free items: never a card of 0
        parse_part("", 0, "card", "USD", 0)


def test_the_sale_refuses_card_tenders_that_would_give_change() -> None:
    sale = make_sale(BURGERS)
    sale.add("40")
    with pytest.raises(SaleError, match="change comes only from cash"):
        sale.pay(0, [Tender(kind="card", amount=sale.order.total + 1)])
    record = sale.pay(200, [Tender(kind="card", amount=100)])
    assert (record.tendered, record.change) == (300, 300 - sale.order.total)


def test_the_record_is_written_as_it_reads_its_tenders_last() -> None:
    counter, recorder = make_counter()
    type_keys(counter, "4", "0", "enter", "f10", "c", "1", "enter", "2", "enter")
    (record,) = recorder.orders
    written = encode(record)
    assert written.endswith(
        b'"tendered":300,"change":150,"prompts":0,"voided_lines":[],'
        b'"tenders":[{"kind":"card","amount":100},{"kind":"cash","amount":200}]}\n'
    )
    assert decoder(OrderRecord).decode(written) == record


def test_an_older_record_reads_as_one_cash_tender_of_tendered() -> None:
    older = decoder(OrderRecord).decode(json.dumps(order(tendered=700, change=200)))
    assert older.tenders is msgspec.UNSET and older.paid_by == [Tender(kind="cash", amount=700)]
    voided = decoder(OrderRecord).decode(json.dumps(order(status="voided", tendered=0)))
    assert voided.paid_by == []


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        (
            {"tenders": [{"kind": "card", "amount": 400}]},
            "The tenders sum to 400, not the 500 tendered - at `$.tenders`",
        ),
        (
            {"tendered": 600, "change": 100, "tenders": [{"kind": "card", "amount": 600}]},
            "Change of 100 from 0 in cash: change comes only from cash - at `$.change`",
        ),
        (
            {"tenders": [{"kind": "cheque", "amount": 500}]},
            "Invalid enum value 'cheque' - at `$.tenders[0].kind`",
        ),
        (
            {"tenders": [{"kind": "cash", "amount": 0}, {"kind": "cash", "amount": 500}]},
            "Expected `int` >= 1",
        ),
        (
            {"tenders": [{"kind": "cash", "amount": 50}] * 11, "tendered": 550},
            "length <= 10 - at `$.tenders`",
        ),
    ],
    ids=["sum", "change from card", "kind", "zero", "eleven"],
)
def test_bad_tenders_are_refused_naming_the_field(fields: dict[str, object], why: str) -> None:
    with pytest.raises(
        msgspec.ValidationError, match=why.replace("$", r"\$").replace("[", r"\[").replace("]", r"\]")
    ):
        decoder(OrderRecord).decode(json.dumps(order() | fields))


def test_a_record_with_bad_tenders_is_left_out_of_the_report_set_aside_and_named(data_dir: Path) -> None:
    bad = order(order="T1-20261123-0002", tenders=[{"kind": "card", "amount": 400}])
    write(data_dir, [order(), bad], table="orders")
    report = build_report(data_dir)
    assert report.totals["orders"] == 1
    assert "T1.orders.jsonl: 1 record(s) could not be read and are left out (line 2)" in "\n".join(
        report.notices
    )
    kept = data_dir / "set-aside" / "2026-11-23.T1.orders.jsonl.unreadable"
    assert b'{"kind": "card", "amount": 400}' in kept.read_bytes()
