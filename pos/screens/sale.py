"""The cashier's screen: key items in, answer prompts, void, take payment.

Every prompt of an item is answered here with one key. A prompt is shown only
once the answer before it is on disk: usually within the key's handler (a
healthy disk takes 0.2 ms), else as soon as the write ends; an answer key
pressed before then answers it as soon as it shows. While prompts are up, an
item keyed ahead waits its turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from pos.core.engine import Offer, Sale, SaleError, Station
from pos.core.entry import EntryError, parse_entry
from pos.core.events import Outcome
from pos.core.storage import LogWriteError
from pos.dialogs.confirm import ConfirmScreen
from pos.dialogs.payment import PaymentScreen
from pos.dialogs.receipt import ReceiptScreen
from pos.widgets.entry import EntryInput
from pos.widgets.order_panel import OrderPanel
from pos.widgets.prompt_card import PromptCard
from pos.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from pos.app import PosApp

WRITE_WAIT_SECONDS = 0.05
"""How long a key's handler may wait for the last answer to reach the disk."""


class SaleScreen(Screen[None]):
    BINDINGS = [
        Binding("f10", "pay", "Pay", id="pay", tooltip="The last offer, then payment"),
        Binding("f8", "void_line", "Void line", id="void-line", tooltip="Void the selected line"),
        Binding("f9", "void_order", "Void order", id="void-order", tooltip="Void the whole order"),
        Binding("f5", "reports", "Reports", id="reports", tooltip="Acceptance rates: who asks, what sells"),
        Binding("up", "select(-1)", "Select line", show=False),
        Binding("down", "select(1)", "Select line", show=False),
        Binding("y", "answer('accepted')", "Yes", show=False, priority=True),
        Binding("n", "answer('declined')", "No", show=False, priority=True),
        Binding("escape", "answer('skipped')", "Not asked", show=False, priority=True),
    ]
    BLOCKED_WHILE_PROMPTING = ("pay", "void_line", "void_order", "reports")

    def __init__(self, cashier: str) -> None:
        super().__init__()
        self.cashier = cashier
        self.sale: Sale | None = None
        self._offers: Iterator[Offer] | None = None
        """The prompts of the item being served; None when no prompt is up."""
        self._offer: Offer | None = None
        self._shown_at: float | None = None
        self._early: list[Outcome] = []
        self._then: Callable[[], None] | None = None
        self._keyed_ahead: deque[str] = deque()

    @property
    def pos(self) -> PosApp:
        return cast("PosApp", self.app)

    ANSWER_KEYS = frozenset({"y", "n"})
    """Keys taken from the entry line while a prompt is up."""

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield from self.compose_top()
        yield Static(id="alert")
        yield OrderPanel(id="order")
        yield PromptCard(id="prompt")
        yield Static(id="message", classes="message")
        yield EntryInput(
            placeholder="Item code: 20 · 3*20 · 20 large · a name · Ctrl+P to find", id="entry",
        )
        yield Footer()

    def compose_top(self) -> ComposeResult:
        """More above the order, for screens built on this one (the drill's customer)."""
        yield from ()

    # Hooks for a drill, which watches the same sale: no-ops in live service.

    def prompt_shown(self, offer: Offer) -> None:
        """A prompt is on the screen."""

    def may_answer(self, outcome: Outcome) -> bool:
        return True

    def answered(self, offer: Offer, outcome: Outcome) -> None:
        """An answer was recorded."""

    def order_paid(self) -> None:
        """The order was paid, before its receipt."""

    def on_mount(self) -> None:
        status = self.query_one(StatusBar)
        status.store, status.terminal, status.cashier = self.pos.store, self.pos.terminal, self.cashier
        self._tick()
        self.set_interval(1, self._tick)
        self.new_sale()

    def _tick(self) -> None:
        now = self.pos.clock.now()
        status = self.query_one(StatusBar)
        status.daypart = self.pos.menu.daypart_at(now)
        status.time = now.strftime("%a %d %b %H:%M")
        writer = self.pos.writer
        if writer.backlog:
            writer.retry()
        alert = self.query_one("#alert", Static)
        alert.display = bool(writer.error)
        if writer.error:
            alert.update(
                f"NOT SAVED: {writer.error}. {writer.backlog} record(s) are kept and will be "
                "saved as soon as the disk takes them; keep serving."
            )

    # -- the order ----------------------------------------------------------

    def new_sale(self) -> None:
        pos = self.pos
        now = pos.clock.now()
        station = Station(pos.store, pos.terminal, self.cashier, pos.mode)
        self.sale = Sale(pos.menu, pos.writer.log.new_order_id(now), station, pos.clock, pos.rng)
        self._refresh_order()
        self.query_one("#entry", Input).focus()

    def _refresh_order(self, select_last: bool = True) -> None:
        assert self.sale is not None
        self.query_one(OrderPanel).show(self.sale.order, self.pos.menu.currency, select_last)

    def say(self, message: str, error: bool = False) -> None:
        widget = self.query_one("#message", Static)
        if message or str(widget.content):
            widget.update(message)
            widget.set_class(error, "error")

    @property
    def prompting(self) -> bool:
        return self._offers is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return self.prompting
        if action in self.BLOCKED_WHILE_PROMPTING:
            return not self.prompting
        return True

    @on(Input.Submitted, "#entry")
    def enter(self, event: Input.Submitted) -> None:
        event.input.clear()
        if not event.value.strip():
            return
        if self.prompting:
            self._keyed_ahead.append(event.value)
            self.say(f"Keyed ahead: {event.value} (after this prompt)")
            return
        self.add(event.value)

    def add(self, text: str) -> None:
        """Add what the cashier keyed, then run its prompts."""
        assert self.sale is not None
        try:
            entry = parse_entry(text, self.pos.menu)
            line = self.sale.add(entry.item.code, entry.size, entry.qty)
        except (EntryError, SaleError) as error:
            self.say(str(error), error=True)
            return
        self.say("")
        self._refresh_order()
        self._run_prompts(self.sale.prompts_for(line))

    # -- prompts ------------------------------------------------------------

    def _run_prompts(self, offers: Iterator[Offer], then: Callable[[], None] | None = None) -> None:
        first = next(offers, None)
        if first is None:
            if then:
                then()
            return
        self._offers, self._then = offers, then
        self.query_one(EntryInput).released = self.ANSWER_KEYS
        self._show(first, self.pos.writer.idle())

    def _show(self, offer: Offer, after: Future[None] | None) -> None:
        self._offer = offer
        self._shown_at = None
        if after is not None and not _written_within(after, WRITE_WAIT_SECONDS):
            self.query_one(PromptCard).show_waiting()
            self.run_worker(self._show_when_written(offer, after), group="prompt")
        else:
            self._display(offer)

    async def _show_when_written(self, offer: Offer, after: Future[None]) -> None:
        # A failed write is kept by the writer, and the alert line says so.
        with contextlib.suppress(LogWriteError):
            await asyncio.wrap_future(after)
        self._display(offer)

    def _display(self, offer: Offer) -> None:
        self.query_one(PromptCard).show_offer(offer, self.pos.menu.currency)
        self._shown_at = time.monotonic()
        self.prompt_shown(offer)
        if self._early:
            self.action_answer(self._early.pop(0).value)

    def action_answer(self, outcome_name: str) -> None:
        outcome = Outcome(outcome_name)
        if self._shown_at is None or self._offer is None or self._offers is None:
            self._early.append(outcome)
            return
        assert self.sale is not None
        if not self.may_answer(outcome):
            return
        response_ms = int((time.monotonic() - self._shown_at) * 1000)
        written = self.pos.writer.prompt(self.sale.answer(self._offer, outcome, response_ms))
        self.answered(self._offer, outcome)
        self._refresh_order()
        following = next(self._offers, None)
        if following is not None:
            self._show(following, written)
            return
        self.query_one(PromptCard).hide()
        self.query_one(EntryInput).released = frozenset()
        self._offers, self._offer, self._shown_at, self._early = None, None, None, []
        then, self._then = self._then, None
        if then:
            then()
        elif self._keyed_ahead:
            self.add(self._keyed_ahead.popleft())

    def action_select(self, step: int) -> None:
        self.query_one(OrderPanel).select(step)

    def action_void_line(self) -> None:
        assert self.sale is not None
        index = self.query_one(OrderPanel).selected
        if index is None:
            self.say("Nothing to void", error=True)
            return
        line = self.sale.order.lines[index]
        self.sale.void_line(line)
        self.say(f"Voided {line.qty} × {line.item.label(line.size)}")
        self._refresh_order(select_last=False)

    def action_void_order(self) -> None:
        assert self.sale is not None
        if not self.sale.order.lines:
            self.say("The order is empty", error=True)
            return

        def answered(void: bool | None) -> None:
            if void:
                self.void_open_order()
                self.say("Order voided")

        self.app.push_screen(ConfirmScreen("Void the whole order?"), callback=answered)

    def void_open_order(self) -> None:
        """Log the open order as voided and start a fresh one."""
        assert self.sale is not None
        self.pos.writer.order(self.sale.void())
        self.new_sale()

    @property
    def order_open(self) -> bool:
        return self.sale is not None and not self.sale.closed and bool(self.sale.order.lines)

    def action_reports(self) -> None:
        from pos.screens.report import ReportScreen  # numpy and the report engine: only when asked

        pos = self.pos
        self.app.push_screen(ReportScreen(pos.writer.log.data_dir, pos.menu, pos.clock.now().date()))

    # -- payment --------------------------------------------------------------

    def action_pay(self) -> None:
        assert self.sale is not None
        if not self.sale.order.lines:
            self.say("Nothing to pay for yet: key an item first", error=True)
            return
        offer = self.sale.checkout_offer()
        self._run_prompts(iter([offer] if offer else []), then=self._take_payment)

    def _take_payment(self) -> None:
        assert self.sale is not None
        currency = self.pos.menu.currency
        self.app.push_screen(PaymentScreen(self.sale.order.total, currency), callback=self._paid)

    def _paid(self, tendered: int | None) -> None:
        assert self.sale is not None
        if tendered is None:
            self.say("Payment cancelled: the order is still open")
            return
        record = self.sale.pay(tendered)
        self.pos.writer.order(record)
        self.order_paid()
        self.say("")
        self.app.push_screen(ReceiptScreen(record, self.pos.menu.currency), callback=lambda _: self.new_sale())


def _written_within(write: Future[None], seconds: float) -> bool:
    try:
        with contextlib.suppress(LogWriteError):  # kept by the writer; the alert line shows it
            write.result(timeout=seconds)
    except TimeoutError:
        return False
    return True
