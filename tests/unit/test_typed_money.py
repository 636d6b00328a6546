"""Money typed at a door of pos (a tender, the cash counted, a discount) is read by one strict rule:
"1,000" was read as $1.00 (its comma taken for the decimal point) and "1e2" as $100.00, each door
with its own copy of the reading. A thousands separator, an exponent, a sign, `_`, another script's
digits, nan or inf are now refused with one sentence at every door; a menu's price reads no exponent
and no more decimals than its currency has either."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pos.core.base.money import parse_money
from pos.core.base.typed_money import money_rule, typed_money
from pos.core.counter.day_end import cash_counted
from pos.core.counter.tender import TenderError, parse_part, parse_tender
from tests.conftest import REPO
from tests.support.approvals import approvals_at
from tests.support.counter_kit import key_in, make_counter
from tests.support.small_menus import menu_text
from tests.unit.test_menu_loader import errors_of

REFUSED = ["1,000", "1e2", "1E2", "+5", "-5", "1_000", "1 000", "1.2.3", "1,5,0", "٣", "nan", "inf", ".", ""]
RULE = money_rule("USD")


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("12", 1200), ("12.5", 1250), ("12,50", 1250), (" 3.49 ", 349), (".5", 50), ("7.", 700), ("0", 0)],
)
def test_an_amount_is_digits_with_one_decimal_mark(typed: str, cents: int) -> None:
    assert typed_money(typed, "USD") == cents


@pytest.mark.parametrize("typed", [*REFUSED, "1.234", "1000000", "9" * 30])
def test_anything_else_is_refused_with_one_sentence(typed: str) -> None:
    with pytest.raises(ValueError) as refused:
        typed_money(typed, "USD")
    assert (
        str(refused.value) == RULE == "not an amount like 12.50: digits, at most 2 decimals, below 1,000,000"
    )


def test_the_currency_says_how_many_decimals() -> None:
    assert typed_money("1250", "JPY") == 1250 and typed_money("1.5", "KWD") == 1500
    for typed, currency in (("12.5", "JPY"), ("12,", "JPY"), ("1,000", "KWD"), ("1.2345", "KWD")):
        with pytest.raises(ValueError, match="not an amount like 12"):
            typed_money(typed, currency)
    assert typed_money("1.000", "KWD") == 1000, "a point before three decimals is the decimal point"


@pytest.mark.parametrize("typed", REFUSED[:-1])
def test_every_door_refuses_it_by_the_same_rule(tmp_path: Path, typed: str) -> None:
    with pytest.raises(TenderError) as tender:
        parse_tender(typed, 100, "USD")
    assert str(tender.value) == f"Tendered {typed.strip()!r}: {RULE}"
    with pytest.raises(TenderError, match=r"not an amount like 12\.50"):
        parse_part(typed, 500, "card", "USD", 0)
    assert cash_counted(typed, "USD") == f"Cash counted {typed!r}: {RULE}"
    approvals, writer = approvals_at(tmp_path)
    counter, _ = make_counter()
    key_in(counter, "40")
    try:
        said = approvals.discount(counter.sale, typed)
    finally:
        writer.close()
    assert said == f"Discount {typed!r}: {RULE}, nor a percent like 10%"


def test_a_discount_s_percent_is_read_as_strictly(tmp_path: Path) -> None:
    approvals, writer = approvals_at(tmp_path)
    counter, _ = make_counter()
    key_in(counter, "40")
    try:
        asked = [
            approvals.discount(counter.sale, typed) for typed in ("1e1%", "1,000%", "+5%", "10%", "12,5%")
        ]
    finally:
        writer.close()
    assert all(isinstance(said, str) and "not a percent like 10%" in said for said in asked[:3])
    assert [getattr(request, "amount", None) for request in asked[3:]] == [
        round(counter.sale.order.before_hand / 10),
        round(counter.sale.order.before_hand / 8),
    ]


def test_no_door_reads_typed_money_by_hand() -> None:
    copies = [
        f"{path.relative_to(REPO)}"
        for path in sorted((REPO / "pos").rglob("*.py"))
        if 'replace(",", ".")' in path.read_text(encoding="utf-8")
    ]
    assert copies == []


@pytest.mark.parametrize("price", ['"1e2"', '"+3.49"', '"1.000"', "1.000", '"1,000"'])
def test_a_menu_price_reads_no_exponent_sign_or_decimals_past_its_currency(price: str) -> None:
    text = menu_text().replace('price = "3.49"', f"price = {price}", 1)
    assert 'item "1", field "price":' in errors_of(text)
    with pytest.raises(ValueError):
        parse_money(price.strip('"') if price.startswith('"') else Decimal(price), "USD")
    assert parse_money("3.49", "USD") == 349 and parse_money(Decimal("3.50"), "USD") == 350
