"""The cashier's screen: key items in, answer prompts, void, take payment."""

from __future__ import annotations

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
from pos.dialogs.confirm import ConfirmScreen
from pos.dialogs.payment import PaymentScreen
from pos.dialogs.prompt import PromptScreen
from pos.dialogs.receipt import ReceiptScreen
from pos.screens.report import ReportScreen
from pos.widgets.order_panel import OrderPanel
from pos.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from pos.app import PosApp


class SaleScreen(Screen[None]):
    BINDINGS = [
        Binding("f10", "pay", "Pay", id="pay", tooltip="The last offer, then payment"),
        Binding("f8", "void_line", "Void line", id="void-line", tooltip="Void the selected line"),
        Binding("f9", "void_order", "Void order", id="void-order", tooltip="Void the whole order"),
        Binding("f5", "reports", "Reports", id="reports", tooltip="Acceptance rates: who asks, what sells"),
        Binding("up", "select(-1)", "Select line", show=False),
        Binding("down", "select(1)", "Select line", show=False),
    ]

    def __init__(self, cashier: str) -> None:
        super().__init__()
        self.cashier = cashier
        self.sale: Sale | None = None

    @property
    def pos(self) -> PosApp:
        return cast("PosApp", self.app)

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Static(id="alert")
        yield OrderPanel(id="order")
        yield Static(id="message", classes="message")
        yield Input(
            placeholder="Item code: 20 · 3*20 · 20 large · a name · Ctrl+P to find", id="entry",
        )
        yield Footer()

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
        widget.update(message)
        widget.set_class(error, "error")

    @on(Input.Submitted, "#entry")
    def enter(self, event: Input.Submitted) -> None:
        event.input.clear()
        if event.value.strip():
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
        self.say(f"Added {line.qty} × {line.item.label(line.size)}")
        self._refresh_order()
        self._run_prompts(self.sale.prompts_for(line))

    def _run_prompts(self, offers: Iterator[Offer], then: Callable[[], None] | None = None) -> None:
        first = next(offers, None)
        if first is None:
            if then:
                then()
            return

        def serve(offer: Offer, outcome: Outcome, response_ms: int) -> tuple[Offer | None, Future[None]]:
            assert self.sale is not None
            written = self.pos.writer.prompt(self.sale.answer(offer, outcome, response_ms))
            self._refresh_order()
            return next(offers, None), written

        screen = PromptScreen(first, serve, self.pos.writer.idle(), self.pos.menu.currency)
        self.app.push_screen(screen, callback=lambda _: then() if then else None)

    def action_select(self, step: int) -> None:
        table = self.query_one(OrderPanel).table
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

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
        return self.sale is not None and bool(self.sale.order.lines)

    def action_reports(self) -> None:
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
        self.say("")
        self.app.push_screen(ReceiptScreen(record, self.pos.menu.currency), callback=lambda _: self.new_sale())
