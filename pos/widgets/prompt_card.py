"""The prompt panel: what to say, what it adds, and the keys.

Always on the screen, at a fixed height, in the same place, and one widget that
renders its own lines: a prompt changes only its text, so Textual repaints just
the text inside this panel's frame. Nothing about it changes by CSS class either: a class change makes
Textual apply the stylesheet to the widget again, which took longer than all
the rest of a keypress. Its colours come from component classes, looked up once.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from pos.core.base.money import format_money
from pos.core.selling.offer import Offer
from pos.core.selling.prompt_kinds import PromptKind
from pos.widgets.rows import RowsWidget

PITCH_LINES = 2
"""A longer pitch is cut, so the keys under it stay in view."""
IDLE = "No prompt now: key the next item, or F10 to pay."


class PromptCard(RowsWidget):
    COMPONENT_CLASSES = {"prompt-card--idle", "prompt-card--upsell", "prompt-card--offer"}

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._offer: tuple[PromptKind[Any], str, str, bool] | None = None
        """The kind, the pitch, what it adds and whether it is a second ask (F6); None when no prompt is up."""
        self._waiting = False
        self._note = ""

    @property
    def pitch(self) -> str:
        return self._offer[1] if self._offer else IDLE

    def rows(self) -> list[Text]:
        if self._offer is None:
            idle = self.get_component_rich_style("prompt-card--idle")
            return [Text("PROMPT", style=idle), Text(IDLE, style=idle)]
        kind, pitch, adds, again = self._offer
        tag = "prompt-card--upsell" if kind.upgrades_line else "prompt-card--offer"
        title = Text()
        title.append(f" {kind.title} ", style=self.get_component_rich_style(tag))
        if again:
            title.append("  ↺ ASKED AGAIN (F6)", style="bold")
        title.append("  say:", style="bold")
        if self._waiting:
            return [title, Text("…")]
        keys = Text(adds + "    ")
        for key, meaning in (("y", "yes"), ("n", "no"), ("Esc", "not asked")):
            keys.append(key, style="bold reverse")
            keys.append(f" {meaning}   ")
        rows = [title, *_wrapped(pitch, max(1, self.size.width)), keys]
        if self._note:
            rows.append(Text(self._note, style="italic"))
        return rows

    def show_offer(self, offer: Offer, currency: str, note: str = "") -> None:
        """The pitch, what it adds, the keys; `note` under them (in a drill, what the customer answered)."""
        adds = f"adds {format_money(offer.delta, currency)}"
        if offer.delta != offer.unit_delta and offer.unit_delta:
            adds += f" ({offer.delta // offer.unit_delta} × {format_money(offer.unit_delta, currency)})"
        shown = (offer.kind, offer.pitch, adds, offer.revisit)
        if shown != self._offer or note != self._note or self._waiting:
            self._offer, self._note, self._waiting = shown, note, False
            self.changed()

    def show_waiting(self, offer: Offer, currency: str) -> None:
        """Shown while the answer before is still on its way to the disk."""
        self._offer, self._note, self._waiting = (offer.kind, offer.pitch, "", offer.revisit), "", True
        self.changed()

    def hide(self) -> None:
        if self._offer is not None:
            self._offer, self._note, self._waiting = None, "", False
            self.changed()


def _wrapped(pitch: str, width: int) -> list[Text]:
    """The pitch in at most PITCH_LINES rows, cut with "…" when longer, so the keys stay in view."""
    words, rows, row = pitch.split(" "), [], ""
    for word in words:
        while len(word) > width:  # a word wider than the panel (a 10 KB name) is cut into rows
            if row:
                rows.append(row)
                row = ""
            rows.append(word[:width])
            word = word[width:]
        candidate = f"{row} {word}" if row else word
        if len(candidate) > width:
            rows.append(row)
            row = word
        else:
            row = candidate
    rows.append(row)
    if len(rows) > PITCH_LINES:
        rows = rows[:PITCH_LINES]
        rows[-1] = rows[-1][: width - 1] + "…"
    return [Text(row, style="bold") for row in rows]
