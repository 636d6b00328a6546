"""What a cashier may type on the entry line."""

from __future__ import annotations

import pytest

from pos.core.counter.entry import EntryError, parse_entry
from tests.support.small_menus import make_menu

MENU = make_menu()


@pytest.mark.parametrize(
    ("text", "code", "size", "qty"),
    [
        ("20", "20", None, 1),
        ("  20  ", "20", None, 1),
        ("3*20", "20", None, 3),
        ("3 * 20", "20", None, 3),
        ("3x20", "20", None, 3),
        ("20 large", "20", "Large", 1),
        ("20 L", "20", "Large", 1),
        ("2*50 m", "50", "Medium", 2),
        ("cheeseburger", "1", None, 1),
        ("Cheeseburger Meal", "31", None, 1),
        ("apple", "40", None, 1),
        ("fries large", "20", "Large", 1),
        ("2*cola s", "50", "Small", 2),
    ],
)
def test_entries(text: str, code: str, size: str | None, qty: int) -> None:
    entry = parse_entry(text, MENU)
    assert (entry.item.code, entry.size, entry.qty) == (code, size, qty)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "type an item code"),
        ("99", "no item '99'"),
        ("0*20", "a quantity is 1 to 99"),
        ("100*20", "a quantity is 1 to 99"),
        ("20 jumbo", "Fries comes in Small, Medium, Large; 'jumbo' is not one of them"),
        ("1 large", "Cheeseburger comes in one size"),
        ("ch", "no item 'ch'"),
        ("c", "no item 'c'"),
    ],
)
def test_bad_entries(text: str, message: str) -> None:
    with pytest.raises(EntryError, match=message):
        parse_entry(text, MENU)


def test_an_ambiguous_name_start_is_not_guessed() -> None:
    with pytest.raises(EntryError):
        parse_entry("chee", MENU)  # Cheeseburger or Cheeseburger Meal
