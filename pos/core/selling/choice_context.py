"""What a learned choice knows of the order when it chooses (events spec v3, `context`): small on
purpose, so each context gathers answers fast enough to learn from.

- `daypart`: the menu's daypart at the menu's time (breakfast customers take a hash brown, lunch
  ones fries);
- `has`: the categories of the candidates chosen among that the order already holds (an order with
  a drink declines a drink). The menu's own categories, so it means the same on any menu: no
  category name is built in;
- `lines`: the order's lines (a meal is one), as "1" (or none), "2-3" or "4+".

A rule of three candidates in two categories on a menu of four dayparts learns in at most
4 x 4 x 3 = 48 contexts.
"""

from __future__ import annotations

from collections.abc import Sequence

from pos.core.base.events import ChoiceContext, Lines
from pos.core.selling.prompt_kinds.kind import Proposal, Selling


def choice_context(sale: Selling, offers: Sequence[Proposal]) -> ChoiceContext:
    held = {item.category for item in sale.order.items()}
    categories = {offer.item.category for offer in offers if offer.item.category is not None}
    return ChoiceContext(
        daypart=sale.menu.daypart_at(sale.now()),
        has=tuple(sorted(categories & held)),
        lines=lines_bucket(len(sale.order.entries)),
    )


def lines_bucket(lines: int) -> Lines:
    """ "1" for one line or none, "2-3", "4+"."""
    return "1" if lines <= 1 else "2-3" if lines <= 3 else "4+"
