"""The prompt panel: what to say, what it adds, and the keys.

Always on the screen, at a fixed height, in the same place, and one widget that
renders its own lines: a prompt changes only its text, so Textual repaints just
this panel (a modal screen, or a panel that appears, makes Textual lay out and
repaint the whole screen, several times slower).
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from pos.core.engine import Offer
from pos.core.events import Kind
from pos.core.money import format_money

TITLES = {
    Kind.UPSELL: "UPSELL",
    Kind.CROSS_SELL: "ADD-ON",
    Kind.CHECKOUT: "BEFORE PAYMENT",
}
PITCH_LINES = 2
"""A longer pitch is cut, so the keys under it stay in view."""
IDLE = "No prompt now: key the next item, or F10 to pay."


class PromptCard(Widget):
    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: tuple[str, str, str] = ("PROMPT", IDLE, "")
        self._note = ""

    @property
    def pitch(self) -> str:
        return self._lines[1]

    def render(self) -> Text:
        title, pitch, adds = self._lines
        text = Text()
        # Plain styles, not component classes: those are looked up again after
        # every class change, which costs more than the rest of a prompt.
        text.append(title + "\n", style="bold")
        room = PITCH_LINES * max(1, self.size.width) - 1
        text.append((pitch if len(pitch) <= room else pitch[: room - 1] + "…") + "\n", style="bold")
        if adds:
            text.append(adds + "    ")
            for key, meaning in (("y", "yes"), ("n", "no"), ("Esc", "not asked")):
                text.append(key, style="bold reverse")
                text.append(f" {meaning}   ")
        if self._note:
            text.append("\n" + self._note, style="italic")
        return text

    def show_offer(self, offer: Offer, currency: str, note: str = "") -> None:
        """The pitch, what it adds, the keys; `note` under them (in a drill, what the customer answered)."""
        lines = (f"{TITLES[offer.kind]}  ·  say:", offer.pitch, f"adds {format_money(offer.delta, currency)}")
        if lines == self._lines and note == self._note:
            return
        self._lines, self._note = lines, note
        self.set_class(True, "-active")
        self.set_class(offer.kind is Kind.UPSELL, "-upsell")
        self.refresh()

    def show_waiting(self) -> None:
        """Shown while the answer before is still on its way to the disk."""
        self._lines = (self._lines[0], "…", "")
        self.refresh()

    def hide(self) -> None:
        if self._lines[1] == IDLE:
            return
        self._lines = ("PROMPT", IDLE, "")
        self._note = ""
        self.set_class(False, "-active", "-upsell")
        self.refresh()
