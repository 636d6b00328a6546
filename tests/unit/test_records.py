"""Each record declared once (`pos.core.base.events`): what the writer writes, and what a reader accepts."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import msgspec
import pytest

from pos.core.analytics.report import build_report
from pos.core.analytics.report_labels import _menu_records
from pos.core.base.events import MenuRecord, OrderRecord, Outcome, PromptEvent, decoder, encode
from pos.core.codes.codes import Codes, Refusal
from tests.support.hand_logs import order, prompt, write


def line_of(record: Mapping[str, object]) -> bytes:
    return json.dumps(record, separators=(",", ":")).encode()


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("delta", "5", "Expected `int`, got `str` - at `$.delta`"),
        ("delta", 1.5, "Expected `int`, got `float` - at `$.delta`"),
        ("delta", True, "Expected `int`, got `bool` - at `$.delta`"),
        ("delta", -1, "Expected `int` >= 0 - at `$.delta`"),
        ("response_ms", 2**31, "Expected `int` <= 2147483647 - at `$.response_ms`"),
        ("variant", 40000, "Expected `int` <= 32767 - at `$.variant`"),
        ("outcome", "Accepted", "Invalid enum value 'Accepted' - at `$.outcome`"),
        ("kind", "upsale", "Invalid enum value 'upsale' - at `$.kind`"),
        ("mode", "test", "Invalid enum value 'test' - at `$.mode`"),
        ("cashier", "", "Expected `str` of length >= 1 - at `$.cashier`"),
        ("ts", "12:00 on 2026-11-23", "Expected `str` matching"),
        ("ts", "2026-11-23T24:00:00.000+00:00", "Expected `str` matching"),
        ("trigger", 1, "Expected `str | null`, got `int` - at `$.trigger`"),
        ("revisit", 1, "Expected `bool`, got `int` - at `$.revisit`"),
    ],
)
def test_a_prompt_event_refuses_what_the_spec_does_not_allow_and_names_the_field(
    field: str, value: object, why: str
) -> None:
    with pytest.raises(msgspec.ValidationError, match=why.replace("$", r"\$").replace("|", r"\|")):
        decoder(PromptEvent).decode(line_of({**prompt(), field: value}))


def test_a_missing_field_is_named() -> None:
    record = prompt()
    del record["outcome"]
    with pytest.raises(msgspec.ValidationError, match="missing required field `outcome`"):
        decoder(PromptEvent).decode(line_of(record))


def test_an_order_refuses_a_bad_line_naming_where_it_is() -> None:
    bad = order(
        lines=[
            {"code": "1", "name": "Burger", "size": None, "qty": "2", "unit_price": 349, "source": "entered"}
        ]
    )
    with pytest.raises(msgspec.ValidationError, match=r"at `\$.lines\[0\].qty`"):
        decoder(OrderRecord).decode(line_of(bad))
    with pytest.raises(msgspec.ValidationError, match=r"`\$.status`"):
        decoder(OrderRecord).decode(line_of(order(status="refunded")))


def test_version_1_and_2_records_read_with_their_later_fields_defaulted() -> None:
    v1 = decoder(PromptEvent).decode(line_of(prompt()))  # no seq, template, rule, heard, store_id
    assert (v1.seq, v1.rule, v1.heard, v1.store_id, v1.wording) == (0, None, 0, None, "Make it a meal?")
    assert v1.outcome is Outcome.ACCEPTED and not v1.revisit and not v1.code
    old = order(
        lines=[
            {"code": "1", "name": "Burger", "size": None, "qty": 1, "unit_price": 349, "source": "entered"}
        ]
    )
    v1_order = decoder(OrderRecord).decode(line_of(old))
    assert (v1_order.lines[0].prompt, v1_order.lines[0].added, v1_order.voided_lines) == (
        None,
        0,
        msgspec.UNSET,
    )
    v2 = decoder(PromptEvent).decode(line_of(prompt(seq=2, template="Make it a {offer}?", revisit=True)))
    assert (v2.seq, v2.wording, v2.revisit) == (2, "Make it a {offer}?", True)


def test_the_writer_writes_a_record_as_it_reads_it_its_fields_in_the_spec_order() -> None:
    written = (
        b'{"ts":"2026-11-21T07:06:42.817+00:00","store":"Burger Counter","store_id":"XB8JMCM74N",'
        b'"terminal":"T1","cashier":"C2","mode":"live","order":"T1-20261121-0001","kind":"cross_sell",'
        b'"trigger":"9","offer":"53","size":"Small","pitch":"A Small Coffee to go with it?","variant":0,'
        b'"delta":119,"outcome":"accepted","response_ms":1913,"daypart":"breakfast","seq":2,'
        b'"template":"A {offer} to go with it?","rule":"cross_sell:9>53@Small","heard":1,"revisit":true}'
    )
    assert encode(decoder(PromptEvent).decode(written)) == written + b"\n"
    paid = (
        b'{"ts":"2026-11-21T07:06:42.817+00:00","store":"Burger Counter","store_id":"XB8JMCM74N",'
        b'"terminal":"T1","cashier":"C2","mode":"live","order":"T1-20261121-0001","status":"paid",'
        b'"lines":[{"code":"M1","name":"Meal","size":null,"qty":1,"unit_price":599,"source":"meal",'
        b'"prompt":1,"added":250,"components":[{"code":"1","name":"Burger","size":null,"qty":1,'
        b'"unit_price":349,"source":"entered","prompt":null,"added":0}]}],"subtotal":599,"tax":49,'
        b'"total":648,"tendered":700,"change":52,"prompts":1,"voided_lines":[]}'
    )
    assert encode(decoder(OrderRecord).decode(paid)) == paid + b"\n"
    menu = (
        b'{"day":"2026-11-23","store_id":"TESTSTQRE3","terminal":"T1","menu":"ab12","name":"Burgers",'
        b'"currency":"USD"}'
    )
    assert encode(decoder(MenuRecord).decode(menu)) == menu + b"\n"


def test_the_report_reads_with_the_declaration_and_sets_aside_what_it_refuses(data_dir: Path) -> None:
    """The column reader once checked only the fields a report counts: a receipt code's order given
    as a number, or an order line's quantity as text, passed unseen."""
    write(data_dir, [prompt(), prompt(issued_order=5)])
    line = {"code": "1", "name": "Burger", "size": None, "qty": "2", "unit_price": 349, "source": "entered"}
    write(data_dir, [order(), order(order="T1-20261123-0002", lines=[line])], table="orders")
    report = build_report(data_dir)
    assert (report.totals["shown"], report.totals["orders"]) == (1, 1)
    notices = "\n".join(report.notices)
    assert "T1.prompts.jsonl: 1 record(s) could not be read and are left out (line 2)" in notices
    assert "T1.orders.jsonl: 1 record(s) could not be read and are left out (line 2)" in notices
    kept = data_dir / "set-aside" / "2026-11-23.T1.prompts.jsonl.unreadable"
    assert kept.read_bytes().startswith(b"2\t")


def test_a_code_is_redeemed_only_as_its_ledger_declares_it(data_dir: Path) -> None:
    """A ledger line edited by hand (its price as text, "99") once redeemed as if it were whole."""
    codes = Codes(data_dir)
    kept = codes.issue("T1-20261123-0001", "40", None, 99, date(2026, 11, 23), 7)
    ledger = data_dir / "codes" / "issued.jsonl"
    ledger.write_bytes(ledger.read_bytes().replace(b'"price":99', b'"price":"99"'))
    assert Codes(data_dir).redeem(kept.code, "T1-20261123-0002", date(2026, 11, 24)) is Refusal.WRONG
    again = Codes(data_dir).issue("T1-20261123-0003", "40", None, 99, date(2026, 11, 23), 7)
    assert again.serial == 1 and again.code != kept.code  # its serial still counts as used


def test_a_menu_record_that_is_not_one_names_no_menu(data_dir: Path) -> None:
    record = {"day": "2026-11-23", "terminal": "T1", "menu": "0123456789abcdef", "name": "Burgers"}
    folder = data_dir / "log" / "2026-11-23"
    folder.mkdir(parents=True)
    (folder / "T1.menus.jsonl").write_bytes(
        line_of(record) + b"\n" + line_of({**record, "currency": "USD"}) + b"\n"
    )
    found = _menu_records(folder / "T1.menus.jsonl", None)
    assert [(record.store_id, record.menu, record.currency) for record in found] == [
        (None, "0123456789abcdef", "USD")
    ]


def test_the_line_table_reads_voided_lines_as_kept_ones_components_included(data_dir: Path) -> None:
    """A voided meal's components are prompted lines too (main's fast reader once read an order's
    `voided_lines` as prompts alone, and its line table found no components)."""
    from pos.core.analytics.columns import LINE_SCHEMA, ORDER_SCHEMA
    from pos.core.analytics.log_tables import load_table
    from pos.core.log.log_layout import log_files

    def meal(prompt: int, part: int) -> dict[str, object]:
        side = {"code": "20", "name": "Fries", "size": "M", "qty": 1, "unit_price": 200, "source": "meal"}
        return {
            **{"code": "M1", "name": "Meal", "size": "M", "qty": 1, "unit_price": 700, "source": "menu"},
            **{"prompt": prompt, "added": 100, "components": [{**side, "prompt": part, "added": 50}]},
        }

    write(data_dir, [order(lines=[meal(1, 2)], voided_lines=[meal(3, 4)], prompts=4)], table="orders")
    layout = log_files(data_dir, None, None)
    orders = load_table("orders", ORDER_SCHEMA, layout)
    lines = load_table("orders", LINE_SCHEMA, layout)
    assert (len(orders), orders.ints["v2"].tolist()) == (1, [1])
    read = zip(*(lines.ints[name].tolist() for name in ("prompt", "added", "part", "voided")), strict=True)
    assert list(read) == [(1, 100, 1, 0), (2, 50, 2, 0), (3, 100, 3, 1), (4, 50, 4, 1)]
