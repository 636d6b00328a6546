"""A name typed that fits several items names them with their codes; one that fits one adds it."""

from __future__ import annotations

import pytest

from pos.core.counter.entry import EntryError, parse_entry
from pos.core.selling.item_names import WIDTH
from pos.core.selling.menu_loader import load_menu
from tests.conftest import MENUS
from tests.support.counter_kit import key_in, make_counter
from tests.support.small_menus import HEADER, make_menu

BURGERS = load_menu(MENUS / "burger_counter.toml")


def pies(*names: str, codes: str = "") -> str:
    return "".join(
        f'\n[[item]]\ncode = "{codes[number] if codes else 40 + number}"\nname = "{name}"\n'
        'category = "dessert"\nprice = "1.39"\n'
        for number, name in enumerate(names)
    )


@pytest.mark.parametrize("text", ["pie", "PIE", "2*pie", "pie l", "pie large"])
def test_a_word_of_two_names_lists_both_with_their_codes(text: str) -> None:
    with pytest.raises(EntryError) as caught:
        parse_entry(text, BURGERS)
    assert (
        str(caught.value)
        == f"{text.removeprefix('2*').split()[0]!r} could be Apple Pie (40), Pumpkin Pie (43): key its code"
    )


def test_many_are_bounded_by_count_and_by_the_message_line() -> None:
    with pytest.raises(EntryError) as caught:
        parse_entry("burger", BURGERS)  # Cheeseburger, Hamburger, Double Cheeseburger, Veggie Burger
    message = str(caught.value)
    assert message == "'burger' could be Cheeseburger (1), Hamburger (2) or 2 more: key its code"
    menu = make_menu(header=HEADER, items=pies(*(f"Pie{n}" for n in range(1, 8)), codes="ABCDEFG"))
    with pytest.raises(EntryError) as caught:
        parse_entry("pie", menu)
    assert (
        str(caught.value) == "'pie' could be Pie1 (A), Pie2 (B), Pie3 (C), Pie4 (D) or 3 more: key its code"
    )
    assert len(message) <= WIDTH


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("apple pie", "40"),
        ("pumpkin", "43"),
        ("rings", "21"),
        ("cheese", "1"),
        ("rings large", "21"),
        ("40", "40"),
    ],
)
def test_an_exact_or_a_single_match_still_adds_the_item(text: str, code: str) -> None:
    assert parse_entry(text, BURGERS).item.code == code


def test_names_are_listed_as_the_menu_writes_them() -> None:
    menu = make_menu(header=HEADER, items=pies("[b]Apple Pie[/b]", "Pumpkin Pie \\u001b[2J"))
    with pytest.raises(EntryError) as caught:
        parse_entry("pie", menu)
    assert (
        str(caught.value) == "'pie' could be [b]Apple Pie[/b] (40), Pumpkin Pie \\x1b[2J (41): key its code"
    )


def test_at_the_counter_the_message_says_which_and_nothing_is_added() -> None:
    counter, _ = make_counter(BURGERS)
    key_in(counter, "pie")
    assert counter.error and "Apple Pie (40), Pumpkin Pie (43)" in counter.message
    assert counter.sale.order.entries == []
    key_in(counter, "43")
    assert [line.item.name for line in counter.sale.order.lines] == ["Pumpkin Pie"]
