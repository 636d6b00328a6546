"""What a learned choice knows of the order when it chooses (events spec v3, `context`): small on
purpose, so each context gathers answers fast enough to learn from.

- `daypart`: the menu's daypart at the menu's time (breakfast customers take a hash brown, lunch
  ones fries);
- `has`: the categories of the rule's candidates that the order already holds (an order with a
  drink declines a drink), whether the order holds one of the candidates itself (which the guards
  then do not allow) or another item of its category: an order with a horchata "has drink" as one
  with a jarritos does. The menu's own categories, so it means the same on any menu: no category
  name is built in;
- `lines`: the order's lines (a meal is one), as "1" (or none), "2-3" or "4+".

A rule of three candidates in two categories on a menu of four dayparts learns in at most
4 x 4 x 3 = 48 contexts.
"""

from __future__ import annotations

from pos.core.base.events import ChoiceContext, Lines
from pos.core.selling.prompt_kinds.kind import Selling


def choice_context(sale: Selling, categories: frozenset[str]) -> ChoiceContext:
    """The sale's context for a rule whose candidates offer items of `categories`."""
    held = {item.category for item in sale.order.items()}
    return ChoiceContext(
        daypart=sale.menu.daypart_at(sale.now()),
        has=tuple(sorted(categories & held)),
        lines=lines_bucket(len(sale.order.entries)),
    )


def lines_bucket(lines: int) -> Lines:
    """ "1" for one line or none, "2-3", "4+"."""
    return "1" if lines <= 1 else "2-3" if lines <= 3 else "4+"
