"""The finder's fuzzy match (Ctrl+P): linear in the line, as Textual's scores on ordinary queries."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.fuzzy import FuzzySearch

from pos.core.counter.fuzzy import fuzzy_match
from pos.core.selling.menu_loader import load_menu
from pos.palette import Choice, Search, highlight, item_choices

MENU = Path(__file__).resolve().parents[2] / "menus" / "burger_counter.toml"
PLATTER = "99  Family Banana Papaya Bahama Mama Lasagna Alfalfa Salad Party Platter (serves 8)"
"""With a dozen a's typed, Textual's fuzzy search tried every way they stand in it: 3 s a key."""
QUERIES = ["a", "ch", "chee", "cb", "dbl", "dc", "fr m", "mf", "cl", "lrg", "bgr", "vs", "nug", "10", "ck"]
QUERIES += ["sand", "chs", "ice", "hb", "mcf", "cof", "de", "ap", "sm", "fy", "rg", "ri", "on", "dcb", "cs"]


def _lines() -> list[str]:
    return [choice.line for choice in item_choices(load_menu(MENU), lambda code: None)]


def test_a_dozen_repeated_letters_take_steps_linear_in_the_line() -> None:
    for typed in range(1, 13):
        match = fuzzy_match("a" * typed, PLATTER)
        assert len(match.offsets) == typed and all(PLATTER[at].casefold() == "a" for at in match.offsets)
        assert list(match.offsets) == sorted(set(match.offsets))
        assert match.steps <= 2 * len(PLATTER)
    assert fuzzy_match("a" * 12, PLATTER).score == pytest.approx(13.090277777777777), "Textual's best"


@pytest.mark.parametrize("length", [10, 100, 1000])
def test_the_steps_grow_with_the_line_alone(length: int) -> None:
    line = "a" * length
    for query in ("a" * 40, "a" * 39 + "b", "b" + "a" * 39, "ab" * 20):
        assert fuzzy_match(query, line).steps <= 2 * length


def test_ordinary_queries_score_and_highlight_as_textuals_fuzzy_search() -> None:
    textual = FuzzySearch()
    for query in QUERIES:
        for line in _lines():
            score, offsets = textual.match(query, line)
            match = fuzzy_match(query, line)
            assert (match.score, list(match.offsets)) == (score, list(offsets)), (query, line)


def test_the_finder_finds_the_platter_by_a_dozen_a_and_underlines_them() -> None:
    choices = [*item_choices(load_menu(MENU), lambda code: None), Choice(PLATTER, "", lambda: None)]
    search = Search(choices)
    hits = search("a" * 12)
    assert [hit.line for hit in hits] == [PLATTER]
    underlined = [span for span in highlight("a" * 12, PLATTER).spans if span.style == "underline"]
    assert len(underlined) == 12
    assert "1  Cheeseburger" in [hit.line for hit in search("chee")]


def test_a_line_without_the_letters_in_order_is_no_match() -> None:
    assert fuzzy_match("ba", "ab").score == 0
    assert fuzzy_match("", "ab").score == 0
    assert fuzzy_match("cb", "Cheese BURGER").offsets == (0, 7), "case aside"
    assert fuzzy_match("ss", "Straße").score == 0, "a letter that folds to two is not split"
