"""The finder's fuzzy match: the query's letters in order in a line, scored, in linear time.

A line matches when the query's letters (case aside) stand in it in order, other
letters between them allowed. Which of its letters count is chosen in one pass,
left to right: a letter is taken where it continues the run of the letter before,
begins a word, or begins a run with the next letter of the query; failing those, by
the last place it can stand for the rest of the query still to fit (found by a pass
right to left), at the first place it was passed over.
A query held whole in the line is taken at its first place. The score is Textual's
(`textual.fuzzy.FuzzySearch`, which the finder used): a point for each letter and
each word begun, the sum raised the more, up to twice, the fewer runs the letters
make; but where Textual tried every way the letters can stand (a dozen a's in a
long name of a's: seconds a key), this takes one, so its work grows with the
line's length alone.
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple


class Match(NamedTuple):
    score: float
    """0 when the line does not hold the query's letters in order."""
    offsets: tuple[int, ...]
    """Where in the line each of the query's letters was taken."""
    steps: int
    """The letters of the line looked at: at most twice its length."""


NO_MATCH = Match(0.0, (), 0)


def fuzzy_match(query: str, line: str) -> Match:
    """Where the query's letters (casefolded, as the query should be) stand in `line`, and the score."""
    if not query:
        return NO_MATCH
    letters = [character.casefold() for character in line]
    length = len(query)
    at = "".join(letters).find(query) if all(len(letter) == 1 for letter in letters) else -1
    if at >= 0:
        offsets = tuple(range(at, at + length))
        return Match(
            _score(letters, offsets) * (2.0 if length == len(letters) else 1.5), offsets, len(letters)
        )
    steps = 0
    # latest[i]: the last place the query's letter i can stand with the rest after it.
    latest = [0] * length
    wanted = length - 1
    for position in range(len(letters) - 1, -1, -1):
        steps += 1
        if letters[position] == query[wanted]:
            latest[wanted] = position
            wanted -= 1
            if wanted < 0:
                break
    if wanted >= 0:
        return Match(0.0, (), steps)
    taken: list[int] = []
    wanted = 0
    first = -1  # the first place the letter wanted was passed over
    for position in range(len(letters)):
        steps += 1
        if letters[position] != query[wanted]:
            continue
        following = wanted + 1 < length and position + 1 < len(letters)
        if (
            (taken and taken[-1] == position - 1)
            or _starts_word(letters, position)
            or (following and letters[position + 1] == query[wanted + 1])
        ):
            taken.append(position)
        elif position == latest[wanted]:
            # Nowhere better: the first place it could stand, as Textual prefers among equals.
            taken.append(first if first >= 0 else position)
        else:
            if first < 0:
                first = position
            continue
        wanted += 1
        first = -1
        if wanted == length:
            break
    offsets = tuple(taken)
    return Match(_score(letters, offsets), offsets, steps)


def _starts_word(letters: list[str], position: int) -> bool:
    return _is_word(letters[position]) and (position == 0 or not _is_word(letters[position - 1]))


def _is_word(letter: str) -> bool:
    return letter.isalnum() or letter == "_"


def _score(letters: list[str], offsets: tuple[int, ...]) -> float:
    """Textual's: a point a letter and a word begun, times 1 + the square of the share of letters that
    continue a run (the first counted as one)."""
    count = len(offsets)
    starts = sum(_starts_word(letters, offset) for offset in offsets)
    runs = 1 + sum(1 for before, offset in pairwise(offsets) if offset != before + 1)
    joined = (count - (runs - 1)) / count
    return (count + starts) * (1 + joined * joined)
