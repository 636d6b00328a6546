"""The finder (Ctrl+P) key by key: what is typed, found, highlighted and chosen, with no screen."""

from __future__ import annotations

from pos.core.counter.finder import MAX_QUERY, Finder

NAMES = [f"{n:02d} item" for n in range(20)]


def search(query: str) -> list[str]:
    return [name for name in NAMES if query in name]


def press(finder: Finder[str], *keys: str) -> None:
    for key in keys:
        finder.press(key, key if len(key) == 1 else None)


def test_nothing_typed_lists_everything_and_enter_takes_the_first() -> None:
    finder = Finder(search, rows=5)
    assert finder.shown == NAMES[:5]
    press(finder, "enter")
    assert finder.closed and finder.chosen == "00 item"


def test_each_key_searches_before_the_next() -> None:
    finder = Finder(search, rows=5)
    press(finder, "1", "down")
    assert finder.query == "1" and finder.hits[finder.highlighted] == "10 item"
    press(finder, "7", "enter")
    assert finder.chosen == "17 item"


def test_page_keys_move_a_page_and_keep_the_highlight_in_view() -> None:
    finder = Finder(search, rows=5)
    press(finder, "pagedown", "pagedown")
    assert (finder.highlighted, finder.top) == (10, 6)
    press(finder, "pagedown", "pagedown", "pagedown")
    assert (finder.highlighted, finder.top) == (19, 15), "stops at the last"
    press(finder, "pageup", "up")
    assert (finder.highlighted, finder.top) == (13, 13)
    press(finder, "home")
    assert (finder.highlighted, finder.top) == (0, 0)


def test_keys_with_nothing_found_do_nothing_and_escape_closes() -> None:
    finder = Finder(search, rows=5)
    press(finder, "z", "pagedown", "down", "enter")
    assert finder.hits == [] and not finder.closed
    press(finder, "backspace", "escape")
    assert finder.closed and finder.chosen is None


def test_a_new_query_starts_at_its_best_hit() -> None:
    finder = Finder(search, rows=5)
    press(finder, "pagedown", "1")
    assert (finder.highlighted, finder.top) == (0, 0)


def test_the_query_is_bounded_and_keys_it_has_no_use_for_are_said() -> None:
    finder = Finder(search)
    press(finder, *"x" * (MAX_QUERY + 5))
    assert len(finder.query) == MAX_QUERY
    assert not finder.press("f5", None)
    assert not finder.press("\x1b", "\x1b"), "a control character is not typed"
