"""The counter's vocabulary: the stages a sale goes through, and what its keys mean."""

from __future__ import annotations

from enum import StrEnum

from pos.core.base.events import Outcome, TenderKind

MAX_ENTRY = 40
"""Characters the entry line holds: a name, a quantity and a size fit easily."""
MAX_TENDER_TEXT = 16
ANSWERS = {"y": Outcome.ACCEPTED, "n": Outcome.DECLINED}
LINE_KEYS = {"+": 1, "-": -1}
SIZE_KEYS = {">": 1, "<": -1}
STRAY_ANSWER = "No prompt is up: {!r} was not typed (to key an item that starts with it, use a capital)"
ANSWER_FIRST = "Answer the prompt first (y, n or Esc): then + - < > change the line"
REPRINT_KEY = "f4"
"""Prints the last paid order's receipt again, on a receipt printer that failed or ran out of paper."""
NOT_AHEAD = "At the payment, answer the prompt first: nothing is keyed ahead to a paid order"
"""Text entered while a payment's prompt is up: never kept to be added after the order is paid."""
TENDER_HELP = (
    "Type the amount tendered (digits and a point), Enter to take it, c card, o other, Esc to go back"
)
TENDER_KINDS: dict[str | None, TenderKind] = {"c": "card", "o": "other"}
"""At the payment: the amount typed is taken as a card or other tender, not cash."""
NOT_CHARGED = "recorded, not charged: use the card terminal"


class Stage(StrEnum):
    SELLING = "selling"
    """The entry line, and the prompts of what was keyed."""
    MEAL = "meal"
    """A meal keyed: its slots' choices are asked, one answer each."""
    CONFIRM_VOID = "confirm_void"
    TENDER = "tender"
    RECEIPT = "receipt"
    SIGNED_OUT = "signed_out"
    FINISHED = "finished"
    """A drill whose last customer was served."""


TENDER_HINTS: dict[TenderKind, str] = {
    "cash": "Amount tendered, e.g. 20 or 20.50 · Enter alone: the exact total",
    "card": "Card amount, e.g. 12.50 · Enter alone: all that is due (not charged)",
    "other": "Other tender's amount · Enter alone: all that is due (not charged)",
}
"""The entry line's hint at the payment, by what the amount typed is taken as (`c`, `o`)."""
CASH_REST_HINT = "Cash tendered, e.g. 20 · Enter alone: exactly what is still due"
"""The hint once a card or other tender paid part of the order."""
HINTS = {
    Stage.MEAL: "Meal choice: a number, or a code and Enter · Enter alone: the first",
    Stage.CONFIRM_VOID: "Void the whole order? y voids it, n keeps it",
}
"""The entry line's hint while it takes something other than items (the menu's examples then); at
the payment, the till's (`Till.hint`)."""
