"""The menu format, version 1: what it accepts and every error it reports."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pos.core.selling.menu_loader import MenuError, load_menu, parse_menu
from pos.core.selling.prompt_kinds import checkout, cross_sell, upsell
from tests.conftest import MENUS
from tests.support.small_menus import HEADER, ITEMS, make_menu, menu_text


def errors_of(text: str) -> str:
    with pytest.raises(MenuError) as caught:
        parse_menu(text, Path("shop.toml"))
    return str(caught.value)


# -- what it accepts ----------------------------------------------------------


@pytest.mark.parametrize("path", sorted(MENUS.glob("*.toml")), ids=lambda p: p.name)
def test_shipped_menus_load(path: Path) -> None:
    """Each bundled menu reads as its file says: its name and currency, every item, each at its
    price in cents, and no warning (a bundled menu shows what is meant)."""
    menu = load_menu(path)
    written = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    assert (menu.name, menu.currency) == (written["menu"]["name"], written["menu"]["currency"])
    assert [item.code for item in menu.items.values()] == [item["code"] for item in written["item"]]
    for item, entry in zip(menu.items.values(), written["item"], strict=True):
        if "price" in entry:
            assert item.sizes[0].price == int(Decimal(str(entry["price"])) * 100), entry["code"]
    assert menu.warnings == ()


def test_shipped_menus_use_every_feature_between_them() -> None:
    menus = [load_menu(path) for path in MENUS.glob("*.toml")]
    upsells = [rule for menu in menus for rule in upsell.KIND.rules(menu)]
    cross_sells = [rule for menu in menus for rule in cross_sell.KIND.rules(menu)]
    checkouts = [rule for menu in menus for rule in checkout.KIND.rules(menu)]
    assert {menu.currency for menu in menus} >= {"USD", "EUR"}
    assert any(menu.tax_rate for menu in menus) and any(not menu.tax_rate for menu in menus)
    assert any(part.end < part.start for menu in menus for part in menu.dayparts), (
        "a daypart wrapping midnight"
    )
    assert any(menu.max_prompts_per_order for menu in menus)
    assert any(menu.max_upsell_ratio for menu in menus)
    upsold = [offer for rule in upsells for offer in rule.candidates]
    added = [offer for rule in cross_sells for offer in rule.candidates]
    assert {"next", "largest"} <= {offer.code for offer in upsold}
    assert any(offer.code not in ("next", "largest") for offer in upsold)
    assert any(rule.item for rule in upsells) and any(rule.category for rule in upsells)
    assert any(offer.price is not None for offer in upsold)
    assert any(len(offer.pitches) > 1 for offer in upsold + added)
    assert any(rule.when.codes and rule.when.categories for rule in cross_sells)
    assert any(offer.size for offer in added) and any(offer.price is not None for offer in added)
    assert any(rule.window.dayparts for rule in cross_sells)
    assert any(rule.window.start and rule.window.until for rule in cross_sells)
    assert any(rule.priority for rule in cross_sells)
    assert any(rule.unless.categories for rule in checkouts) and any(rule.min_total for rule in checkouts)


def test_prices_are_exact_minor_units_from_strings_and_numbers() -> None:
    menu = make_menu(
        items=ITEMS
        + """
[[item]]
code = "N"
name = "Number priced"
price = 2.10

[[item]]
code = "I"
name = "Whole number"
price = 3
"""
    )
    assert menu.items["1"].sizes[0].price == 349
    assert menu.items["n"].sizes[0].price == 210
    assert menu.items["i"].sizes[0].price == 300
    assert menu.tax_rate == Decimal("0.0825")


def test_codes_are_case_insensitive_and_names_any_unicode() -> None:
    menu = make_menu(items=ITEMS + '\n[[item]]\ncode = "Caf-1"\nname = "Café crème ☕"\nprice = "2.00"\n')
    assert menu.item("caf-1") is menu.item("CAF-1")
    assert menu.items["caf-1"].name == "Café crème ☕"


def test_sizes_smallest_first_the_first_is_default() -> None:
    fries = make_menu().items["20"]
    assert [size.name for size in fries.sizes] == ["Small", "Medium", "Large"]
    assert fries.sizes[0].price == 179


def test_dayparts_wrap_midnight() -> None:
    menu = make_menu()
    assert menu.daypart_at(datetime(2026, 11, 23, 4, 59)) == "dinner"
    assert menu.daypart_at(datetime(2026, 11, 23, 5, 0)) == "breakfast"
    assert menu.daypart_at(datetime(2026, 11, 23, 10, 30)) == "lunch"
    assert menu.daypart_at(datetime(2026, 11, 23, 23, 0)) == "dinner"


def test_no_dayparts_means_none() -> None:
    header = '[menu]\nname = "X"\ncurrency = "USD"\n'
    assert make_menu(header=header).daypart_at(datetime(2026, 1, 1, 12)) is None


def test_whole_day_daypart() -> None:
    header = '[menu]\nname = "X"\ncurrency = "USD"\n[menu.dayparts]\nallday = "00:00-24:00"\n'
    assert make_menu(header=header).daypart_at(datetime(2026, 1, 1, 23, 59)) == "allday"


def test_rules_read_with_their_optional_fields() -> None:
    menu = make_menu("""
[rules]
max_prompts_per_order = 3
max_upsell_ratio = "1.5"

[[upsell]]
item = "1"
to = "31"
pitch = "Make it a meal for just {delta} more?"

[[upsell]]
category = "drink"
to = "largest"
price = "0.50"
pitch = ["Go large for only {delta}?", "Large {item} is just {delta} more today!"]

[[cross_sell]]
when = ["category:burger", "31"]
offer = "20"
size = "Medium"
price = "1.50"
pitch = "Would you like {offer} with that?"
dayparts = ["lunch", "dinner"]
priority = 10

[[cross_sell]]
when = ["category:meal"]
offer = "40"
from = "2026-12-01"
until = 2026-12-31

[[checkout]]
offer = "40"
unless = ["category:dessert"]
min_total = "5.00"
""")
    assert menu.max_prompts_per_order == 3 and menu.max_upsell_ratio == Decimal("1.5")
    meal, drinks = upsell.KIND.rules(menu)
    (to_meal,), (to_largest,) = meal.candidates, drinks.candidates
    assert (meal.item, to_meal.code, to_meal.price, meal.number) == ("1", "31", None, 1)
    assert (drinks.category, to_largest.code, to_largest.price, len(to_largest.pitches)) == (
        "drink",
        "largest",
        50,
        2,
    )
    fries, pie = cross_sell.KIND.rules(menu)
    (medium_fries,) = fries.candidates
    assert fries.when.codes == frozenset({"31"}) and fries.when.categories == frozenset({"burger"})
    assert (medium_fries.code, medium_fries.size, medium_fries.price, fries.priority) == (
        "20",
        "Medium",
        150,
        10,
    )
    assert fries.window.dayparts == frozenset({"lunch", "dinner"})
    assert (pie.window.start, pie.window.until, pie.priority) == (date(2026, 12, 1), date(2026, 12, 31), 0)
    (last_offer,) = checkout.KIND.rules(menu)
    assert last_offer.min_total == 500 and last_offer.unless.categories == {"dessert"}


def test_upsell_to_defaults_to_next() -> None:
    (rule,) = upsell.KIND.rules(make_menu('[[upsell]]\ncategory = "side"\n'))
    assert [offer.code for offer in rule.candidates] == ["next"]


# -- every error the spec lists -----------------------------------------------


def test_toml_syntax_error_names_file_and_line() -> None:
    message = errors_of(HEADER + '\n[[item]]\ncode = "1"\nname = "Broken\n')
    assert message.startswith("shop.toml:13:")
    assert "TOML syntax" in message


def test_missing_menu_table() -> None:
    assert "[menu]" in errors_of(ITEMS)
    assert "missing" in errors_of(ITEMS)


@pytest.mark.parametrize("field", ["name", "currency"])
def test_menu_header_fields_required(field: str) -> None:
    header = "\n".join(line for line in HEADER.splitlines() if not line.startswith(field))
    assert f'[menu], field "{field}": missing' in errors_of(header + ITEMS)


def test_bad_currency() -> None:
    message = errors_of(HEADER.replace('"USD"', '"dollars"') + ITEMS)
    assert 'shop.toml:3: [menu], field "currency": expected an ISO 4217 code' in message


def test_bad_tax_rate() -> None:
    assert 'field "tax_rate"' in errors_of(HEADER.replace('"0.0825"', '"-0.1"') + ITEMS)
    assert 'field "tax_rate"' in errors_of(HEADER.replace('"0.0825"', '"lots"') + ITEMS)


def test_duplicate_codes_ignore_case() -> None:
    text = menu_text(items=ITEMS + '\n[[item]]\ncode = "1"\nname = "Again"\nprice = "1.00"\n')
    message = errors_of(text)
    assert 'item "1", field "code": duplicate code' in message
    assert "shop.toml:54:" in message


def test_duplicate_code_in_other_case() -> None:
    text = menu_text(
        items=ITEMS
        + '\n[[item]]\ncode = "x"\nname = "A"\nprice = "1"\n\n[[item]]\ncode = "X"\nname = "B"\nprice = "1"\n'
    )
    assert 'item "X", field "code": duplicate code' in errors_of(text)


@pytest.mark.parametrize("code", ["has space", "", "thirteen-char", "ü"])
def test_bad_codes(code: str) -> None:
    text = menu_text(items=ITEMS + f'\n[[item]]\ncode = "{code}"\nname = "A"\nprice = "1"\n')
    assert "expected 1 to 12 letters, digits, - or _" in errors_of(text) or "non-empty" in errors_of(text)


def test_a_category_is_at_most_100_characters() -> None:
    """A learned choice logs the categories its order holds (`context.has`), each read back within
    that bound: a menu never makes one that its own log would refuse."""
    item = '\n[[item]]\ncode = "x"\nname = "A"\nprice = "1"\ncategory = "{}"\n'
    parse_menu(menu_text(items=ITEMS + item.format("c" * 100)), Path("shop.toml"))
    message = errors_of(menu_text(items=ITEMS + item.format("c" * 101)))
    assert 'item "x", field "category": expected at most 100 characters' in message
    assert message.endswith("got 101")
    escaped = errors_of(menu_text(items=ITEMS + item.format("c" * 90 + "\\u001b" * 3)))
    assert escaped.endswith("(a hidden one counts as its escape, like \\x1b), got 102"), escaped


def test_unknown_item_in_rule() -> None:
    message = errors_of(menu_text('[[upsell]]\nitem = "99"\nto = "31"\n'))
    assert "upsell #1, field \"item\": unknown item code '99'" in message


def test_unknown_item_as_upsell_target() -> None:
    assert 'upsell #1, field "to": unknown item code' in errors_of(
        menu_text('[[upsell]]\nitem = "1"\nto = "99"\n')
    )


def test_unknown_category() -> None:
    message = errors_of(menu_text('[[cross_sell]]\nwhen = ["category:pizza"]\noffer = "20"\n'))
    assert "cross_sell #1, field \"when\": unknown category 'pizza'" in message


def test_unknown_category_in_upsell() -> None:
    assert "unknown category 'pizza'" in errors_of(menu_text('[[upsell]]\ncategory = "pizza"\n'))


def test_unknown_size() -> None:
    message = errors_of(menu_text('[[cross_sell]]\nwhen = ["1"]\noffer = "20"\nsize = "Jumbo"\n'))
    assert 'cross_sell #1, field "size": unknown size \'Jumbo\' of item "20"' in message


def test_size_of_single_priced_item() -> None:
    assert "unknown size" in errors_of(menu_text('[[checkout]]\noffer = "40"\nsize = "Large"\n'))


def test_unknown_daypart() -> None:
    message = errors_of(menu_text('[[cross_sell]]\nwhen = ["1"]\noffer = "20"\ndayparts = ["brunch"]\n'))
    assert "field \"dayparts\": unknown daypart 'brunch'" in message


@pytest.mark.parametrize("price", ['"-1.00"', "-1", '"1.999"', "1.999", '"abc"', "true", '""'])
def test_bad_prices(price: str) -> None:
    text = menu_text(items=ITEMS + f'\n[[item]]\ncode = "X"\nname = "A"\nprice = {price}\n')
    message = errors_of(text)
    assert 'item "X", field "price":' in message
    assert "shop.toml:56:" in message


def test_too_many_decimals_message() -> None:
    text = menu_text(items=ITEMS + '\n[[item]]\ncode = "X"\nname = "A"\nprice = "1.999"\n')
    assert "USD prices have at most 2 decimals" in errors_of(text)


def test_zero_decimal_currency() -> None:
    header = '[menu]\nname = "X"\ncurrency = "JPY"\n'
    assert "JPY prices have at most 0 decimals" in errors_of(
        header + '[[item]]\ncode = "1"\nname = "A"\nprice = "1.5"\n'
    )
    menu = make_menu(header=header, items='[[item]]\ncode = "1"\nname = "A"\nprice = "500"\n')
    assert menu.items["1"].sizes[0].price == 500


def test_price_and_sizes_both() -> None:
    text = menu_text(
        items=ITEMS
        + '\n[[item]]\ncode = "X"\nname = "A"\nprice = "1"\nsizes = [{ name = "S", price = "1" }]\n'
    )
    assert 'item "X", field "sizes": an item has either price or sizes, not both' in errors_of(text)


def test_neither_price_nor_sizes() -> None:
    text = menu_text(items=ITEMS + '\n[[item]]\ncode = "X"\nname = "A"\n')
    assert 'item "X", field "price": missing' in errors_of(text)


def test_empty_sizes() -> None:
    text = menu_text(items=ITEMS + '\n[[item]]\ncode = "X"\nname = "A"\nsizes = []\n')
    assert 'item "X", field "sizes": expected a list of sizes' in errors_of(text)


def test_sizes_must_go_smallest_first() -> None:
    text = menu_text(
        items=ITEMS
        + '\n[[item]]\ncode = "X"\nname = "A"\nsizes = [{ name = "L", price = "2" }, { name = "S", price = "1" }]\n'
    )
    assert "sizes go smallest first" in errors_of(text)


def test_bad_size_entry_names_the_size() -> None:
    text = menu_text(
        items=ITEMS
        + '\n[[item]]\ncode = "X"\nname = "A"\nsizes = [{ name = "S", price = "1" }, { name = "L", cost = "2" }]\n'
    )
    message = errors_of(text)
    assert 'item "X", size #2, field "cost": unknown field' in message
    assert 'item "X", size #2, field "price": missing' in message


@pytest.mark.parametrize(
    "window", ["5:00-10:30", "05:00-25:00", "05:00-05:00", "05:60-06:00", "breakfast", "0500-1030"]
)
def test_bad_daypart_time(window: str) -> None:
    text = HEADER.replace('"05:00-10:30"', f'"{window}"') + ITEMS
    message = errors_of(text)
    assert 'shop.toml:7: [menu.dayparts], field "breakfast": expected a window "HH:MM-HH:MM"' in message


def test_from_after_until() -> None:
    message = errors_of(
        menu_text('[[cross_sell]]\nwhen = ["1"]\noffer = "20"\nfrom = "2026-12-31"\nuntil = "2026-12-01"\n')
    )
    assert (
        'cross_sell #1, field "until": the window ends (2026-12-01) before it starts (2026-12-31)' in message
    )


def test_bad_date() -> None:
    assert 'field "from": expected a date' in errors_of(
        menu_text('[[cross_sell]]\nwhen = ["1"]\noffer = "20"\nfrom = "December"\n')
    )


@pytest.mark.parametrize(
    ("rules", "where"),
    [
        ('[[upsell]]\nitem = "1"\nto = "31"\nprce = "1.00"\n', 'upsell #1, field "prce": unknown field'),
        (
            '[[cross_sell]]\nwhen = ["1"]\noffer = "20"\npriorty = 3\n',
            'cross_sell #1, field "priorty": unknown field',
        ),
        ('[[checkout]]\noffer = "40"\nunles = ["40"]\n', 'checkout #1, field "unles": unknown field'),
        ("[rules]\nmax_prompts = 3\n", '[rules], field "max_prompts": unknown field'),
        ('[[items]]\ncode = "9"\n', "unknown table [items]"),
    ],
)
def test_unknown_keys(rules: str, where: str) -> None:
    assert where in errors_of(menu_text(rules))


def test_unknown_key_in_item_and_menu() -> None:
    assert '[menu], field "colour": unknown field' in errors_of(
        HEADER.replace("tax_rate", 'colour = "red"\ntax_rate') + ITEMS
    )
    text = menu_text(items=ITEMS + '\n[[item]]\ncode = "X"\nname = "A"\nprice = "1"\ncolour = "red"\n')
    assert 'shop.toml:57: item "X", field "colour": unknown field' in errors_of(text)


@pytest.mark.parametrize(
    "pitch",
    [
        "{offer.__class__}",
        "{offer.__class__.__init__.__globals__}",
        "{deltas}",
        "{0}",
        "{}",
        "{offer!r}",
        "{price:>10}",
        "{offer",
        "{item[0]}",
    ],
)
def test_unknown_placeholder_is_an_error_never_evaluated(pitch: str) -> None:
    message = errors_of(menu_text(f'[[upsell]]\nitem = "1"\nto = "31"\npitch = "{pitch}"\n'))
    assert 'upsell #1, field "pitch":' in message


def test_unknown_placeholder_in_a_variant() -> None:
    message = errors_of(
        menu_text('[[upsell]]\ncategory = "drink"\npitch = ["Go large for {delta}?", "Large {drink}?"]\n')
    )
    assert "unknown placeholder {drink}" in message


def test_escaped_braces_are_text() -> None:
    (rule,) = upsell.KIND.rules(
        make_menu('[[upsell]]\ncategory = "drink"\npitch = "{{Deal}} {size} for {delta}"\n')
    )
    assert rule.candidates[0].pitches == ("{{Deal}} {size} for {delta}",)


def test_upsell_needs_item_or_category_not_both() -> None:
    assert "name one item" in errors_of(menu_text('[[upsell]]\nto = "31"\n'))
    assert "name one item" in errors_of(menu_text('[[upsell]]\nitem = "1"\ncategory = "burger"\n'))


def test_next_size_upsell_of_single_priced_item() -> None:
    assert 'item "1" has one price' in errors_of(menu_text('[[upsell]]\nitem = "1"\n'))


def test_cross_sell_needs_when_and_offer() -> None:
    assert 'field "when": missing' in errors_of(menu_text('[[cross_sell]]\noffer = "20"\n'))
    assert 'field "offer": missing' in errors_of(menu_text('[[cross_sell]]\nwhen = ["1"]\n'))
    assert 'field "when": expected a list' in errors_of(
        menu_text('[[cross_sell]]\nwhen = []\noffer = "20"\n')
    )


def test_rules_guards_validated() -> None:
    assert 'field "max_prompts_per_order": expected a whole number of at least 0' in errors_of(
        menu_text("[rules]\nmax_prompts_per_order = -1\n")
    )
    assert 'field "max_prompts_per_order"' in errors_of(menu_text('[rules]\nmax_prompts_per_order = "3"\n'))
    assert 'field "max_upsell_ratio"' in errors_of(menu_text('[rules]\nmax_upsell_ratio = "0"\n'))


def test_single_table_instead_of_array() -> None:
    assert "write each entry as [[upsell]]" in errors_of(menu_text('[upsell]\nitem = "1"\n'))


def test_all_problems_reported_at_once() -> None:
    message = errors_of(menu_text('[[upsell]]\nitem = "98"\n[[cross_sell]]\nwhen = ["97"]\noffer = "20"\n'))
    assert "upsell #1" in message and "cross_sell #1" in message
    assert len(message.splitlines()) == 2


# -- reading the file ---------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MenuError, match="no such menu file"):
        load_menu(tmp_path / "nope.toml")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(MenuError, match="is a folder"):
        load_menu(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(
        HEADER.encode() + '[[item]]\ncode = "1"\nname = "Caf\xe9"\nprice = "1"\n'.encode("latin-1")
    )
    with pytest.raises(MenuError, match="is not UTF-8"):
        load_menu(path)


def test_menu_is_immutable() -> None:
    menu = make_menu()
    with pytest.raises(AttributeError):
        menu.name = "Other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        menu.items["new"] = menu.items["1"]  # type: ignore[index]


def test_a_broken_item_named_by_rules_is_reported_once() -> None:
    text = menu_text(
        '[[upsell]]\nitem = "X"\nto = "31"\n[[cross_sell]]\nwhen = ["X", "category:snack"]\noffer = "40"\n',
        items=ITEMS + '\n[[item]]\ncode = "X"\nname = "A"\ncategory = "snack"\nprice = "1.001"\n',
    )
    message = errors_of(text)
    assert message.count("\n") == 0, message
    assert 'item "X", field "price"' in message


def test_an_upsell_entry_reports_all_its_problems_at_once() -> None:
    message = errors_of(
        menu_text('[[upsell]]\ncategory = "nope"\nto = "zz"\npriority = "high"\npitch = "{bad}"\n')
    )
    for field in ("category", "to", "priority", "pitch"):
        assert f'upsell #1, field "{field}"' in message, field


def test_every_kind_the_app_sells_is_one_the_events_spec_names() -> None:
    from pos.core.base.events import SPEC_KINDS
    from pos.core.selling.prompt_kinds import BUILT_IN

    assert {kind.name for kind in BUILT_IN} <= SPEC_KINDS
