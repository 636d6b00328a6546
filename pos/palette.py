"""What Ctrl+P finds: the menu's items by name or code, and the app's commands (the theme, quit).

The lines are made once when the finder opens; a line is scored only when every
letter of the query is in it, by where the query stands in it when it does (the
fuzzy match only when it does not: `pos.core.counter.fuzzy`, in time linear in the line),
and only the best are kept: each key then answers within a frame on a menu of 1,000
items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import SystemCommand

from pos.core.base.money import format_money
from pos.core.counter.fuzzy import fuzzy_match
from pos.core.selling.menu import Menu

MOST_HITS = 40
"""The best this many are kept for a query: more would not be looked at."""


@dataclass(frozen=True)
class Choice:
    line: str
    """What is shown and searched: an item's code and name, a command's title."""
    help: str
    run: Callable[[], object]
    """Called once the finder has closed; it may return an awaitable (quit asks first)."""
    listed: bool = True
    """Shown before anything is typed."""
    letters: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "letters", frozenset(self.line.casefold()))


def item_choices(menu: Menu, key_in: Callable[[str], None]) -> list[Choice]:
    """Each item and each meal, keyed in as its code when chosen."""
    choices = []
    for item in menu.items.values():
        prices = " · ".join(
            f"{size.name + ' ' if size.name else ''}{format_money(size.price, menu.currency)}"
            for size in item.sizes
        )
        choices.append(Choice(f"{item.code}  {item.name}", prices, _calling(key_in, item.code)))
    for combo in menu.combos.values():
        price = f"meal {format_money(combo.price, menu.currency)}"
        choices.append(Choice(f"{combo.code}  {combo.name}", price, _calling(key_in, combo.code)))
    return choices


def command_choices(commands: Iterable[SystemCommand]) -> list[Choice]:
    return [Choice(command.title, command.help, command.callback, command.discover) for command in commands]


class Search:
    def __init__(self, choices: Sequence[Choice]) -> None:
        self._choices = choices
        self._listed = [choice for choice in choices if choice.listed]

    def __call__(self, query: str) -> Sequence[Choice]:
        folded = query.casefold().strip()
        if not folded:
            return self._listed
        letters = frozenset(folded) - {" "}
        scored = []
        for index, choice in enumerate(self._choices):
            if not letters <= choice.letters:
                continue
            # A line that holds the query as it was typed needs no fuzzy search, the slow part.
            at = choice.line.casefold().find(folded)
            score = 2.0 - at / 100 if at >= 0 else fuzzy_match(folded, choice.line).score
            if score > 0:
                scored.append((-score, index))
        scored.sort()
        return [self._choices[index] for _, index in scored[:MOST_HITS]]


def highlight(query: str, line: str) -> Text:
    """`line` with the letters the query matched underlined; never read as markup."""
    text = Text(line)
    folded = query.casefold().strip()
    if folded:
        for offset in fuzzy_match(folded, line).offsets:
            text.stylize("underline", offset, offset + 1)
    return text


def _calling(key_in: Callable[[str], None], code: str) -> Callable[[], None]:
    return lambda: key_in(code)
