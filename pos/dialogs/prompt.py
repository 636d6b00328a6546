"""The upsell, cross-sell and checkout prompts: one key answers each.

One screen serves every prompt of an item, so a key pressed between two prompts
never lands in the entry line. A prompt is shown only once the answer before it
is on disk: usually within the key's handler (a healthy disk takes 0.2 ms), else
as soon as the write ends. Keys typed before a prompt shows are kept: answer keys
answer it as soon as it shows, and whatever is left when the last prompt closes
(the next item's code, typed ahead) goes on to the entry line, in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from concurrent.futures import Future

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from pos.core.engine import Offer
from pos.core.events import Kind, Outcome
from pos.core.money import format_money
from pos.core.storage import LogWriteError

Serve = Callable[[Offer, Outcome, int], tuple[Offer | None, "Future[None]"]]
"""Answer an offer; the next offer (or None) and the write of the answer."""

WRITE_WAIT_SECONDS = 0.05
"""How long a key's handler may wait for the last answer to reach the disk."""
ANSWERS = {"y": Outcome.ACCEPTED, "n": Outcome.DECLINED, "escape": Outcome.SKIPPED}

TITLES = {
    Kind.UPSELL: "UPSELL",
    Kind.CROSS_SELL: "ADD-ON",
    Kind.CHECKOUT: "BEFORE PAYMENT",
}


class PromptScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("y", "answer('accepted')", "Yes", tooltip="The customer said yes"),
        Binding("n", "answer('declined')", "No", tooltip="Asked, the customer said no"),
        Binding("escape", "answer('skipped')", "Not asked", tooltip="Moved on without asking"),
    ]

    def __init__(self, offer: Offer, serve: Serve, after: Future[None] | None, currency: str) -> None:
        super().__init__()
        self._serve = serve
        self._currency = currency
        self._offer = offer
        self._after = after
        self._shown_at: float | None = None
        self._typed_ahead: list[events.Key] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-card"):
            yield Label(id="prompt-kind")
            yield Static(id="prompt-pitch")
            yield Static(id="prompt-adds")
            yield Static("[b]y[/] yes    [b]n[/] no    [b]Esc[/] not asked", id="prompt-keys")

    def on_mount(self) -> None:
        self._show(self._offer, self._after)

    def _show(self, offer: Offer, after: Future[None] | None) -> None:
        self._offer = offer
        self._shown_at = None
        if after is not None and not _written_within(after, WRITE_WAIT_SECONDS):
            self.query_one("#prompt-pitch", Static).update("…")
            self.run_worker(self._show_when_written(offer, after), group="prompt")
        else:
            self._display(offer)

    async def _show_when_written(self, offer: Offer, after: Future[None]) -> None:
        # A failed write is kept by the writer, and the sale screen says so.
        with contextlib.suppress(LogWriteError):
            await asyncio.wrap_future(after)
        self._display(offer)

    def _display(self, offer: Offer) -> None:
        self.query_one("#prompt-kind", Label).update(f"{TITLES[offer.kind]}  ·  say:")
        self.query_one("#prompt-pitch", Static).update(offer.pitch)
        self.query_one("#prompt-adds", Static).update(f"adds {format_money(offer.delta, self._currency)}")
        self.set_class(offer.kind is Kind.UPSELL, "-upsell")
        self._shown_at = time.monotonic()
        if self._typed_ahead and self._typed_ahead[0].key in ANSWERS:
            self.action_answer(ANSWERS[self._typed_ahead.pop(0).key].value)

    def on_key(self, event: events.Key) -> None:
        if self._shown_at is None:
            self._typed_ahead.append(event)
            event.stop()
            event.prevent_default()

    def action_answer(self, outcome: str) -> None:
        if self._shown_at is None:
            return
        response_ms = int((time.monotonic() - self._shown_at) * 1000)
        following, written = self._serve(self._offer, Outcome(outcome), response_ms)
        if following is not None:
            self._show(following, written)
            return
        self.dismiss()
        for key in self._typed_ahead:
            self.app.post_message(events.Key(key.key, key.character))


def _written_within(write: Future[None], seconds: float) -> bool:
    try:
        with contextlib.suppress(LogWriteError):  # kept by the writer; the sale screen shows it
            write.result(timeout=seconds)
    except TimeoutError:
        return False
    return True
