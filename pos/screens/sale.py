"""The cashier's screen: a thin view over the counter (`pos.core.counter.counter`).

Nothing on this screen takes focus: the app hands every key here, in the order
it was typed (`pos.key_router`), and it goes straight to the counter; the screen
then draws what the counter holds. A burst of keys therefore acts exactly as the
same keys typed slowly. The one wait is the disk: a prompt is drawn only once
the answer before it is written (0.2 ms on a healthy disk; if it takes longer
the panel shows "…" and keys still go to the counter meanwhile).
"""

from __future__ import annotations

import asyncio
import contextlib
from concurrent.futures import Future

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from pos.core.base.events import Mode
from pos.core.counter.approved import Approvals, Request
from pos.core.counter.counter import Counter
from pos.core.counter.counter_keys import HINTS, REPRINT_KEY, Stage
from pos.core.counter.manager_keys import ManagerKeys
from pos.core.counter.receipt_printing import Printing
from pos.core.log.log_writer import LogWriter
from pos.core.log.storage import LogWriteError
from pos.core.printing.printer_device import PrintFailed
from pos.core.store.crew import Member
from pos.core.store.sign_in import PinDesk
from pos.key_router import TakesKeys
from pos.widgets.entry_line import EntryLine
from pos.widgets.message_line import MessageLine
from pos.widgets.order_panel import OrderPanel
from pos.widgets.prompt_card import PromptCard
from pos.widgets.status_bar import StatusBar
from pos.widgets.till_card import TillCard

WRITE_WAIT_SECONDS = 0.05
"""How long drawing may wait for the last answer to reach the disk before it shows "…"."""
SCREEN_KEYS = frozenset({"f1", "f3", "f5"})
"""Keys the screen acts on itself (they open another screen), in turn with the counter's."""
OPENS = {"f3": "the manager's approval", "f5": "the reports"}
MESSAGE_ROWS = 2
"""A long message (a receipt not printed, and why) wraps to a second row rather than lose its end."""


class SaleScreen(TakesKeys, Screen[None]):
    class SignedOut(Message):
        """The cashier signed out with no order open: the app asks who is next."""

    BINDINGS = [
        Binding("f10", "key('f10')", "Pay", id="pay", tooltip="The last offer, then payment"),
        Binding("f8", "key('f8')", "Void line", id="void-line", tooltip="Void the selected line"),
        Binding("f9", "key('f9')", "Void order", id="void-order", tooltip="Void the whole order"),
        Binding("f7", "key('f7')", "No to all", id="decline-all", tooltip="The customer wants nothing more"),
        Binding(
            REPRINT_KEY, f"key('{REPRINT_KEY}')", "Reprint", id="reprint", tooltip="The last receipt again"
        ),
        Binding(
            "f3",
            "key('f3')",
            "Manager",
            id="manager",
            tooltip="Refund, void a paid line, no-sale, discount; the X reading, the day's close",
        ),
        Binding("f5", "key('f5')", "Reports", id="reports", tooltip="Acceptance rates: who asks, what sells"),
        Binding("f2", "key('f2')", "Sign out", id="sign-out", tooltip="Another cashier takes the till"),
    ]

    def __init__(
        self, counter: Counter, writer: LogWriter, placeholder: str, approver: PinDesk | None = None
    ) -> None:
        super().__init__()
        self.counter = counter
        self.writer = writer
        shop = counter.shop
        self.approvals = Approvals(
            approver,
            shop.recorder,
            shop.station,
            shop.clock,
            writer.log.data_dir,
            shop.menu.currency,
            printing=counter.till.receipts,
            terminal_name=shop.terminal_name,
        )
        """What a manager approves here (F3); without a crew (`approver` None), each is refused."""
        self._placeholder = placeholder
        self._drawn_version = -1
        self._ended = False
        self._waiting: Future[None] | None = None
        self._printing: Printing | None = None
        """The receipt last seen printing: its outcome is watched for once."""
        self._after_close = ""
        """The line saying today is closed, as drawn."""

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield from self.compose_top()
        yield Static(id="alert", markup=False)
        yield Static(id="after-close", markup=False)
        yield OrderPanel(id="order")
        yield PromptCard(id="prompt")
        yield TillCard(self.counter, id="till")
        yield MessageLine(id="message", wrap=True, most_rows=MESSAGE_ROWS)
        yield EntryLine(self._placeholder, id="entry")
        yield Footer(compact=True, show_command_palette=False)

    def compose_top(self) -> ComposeResult:
        """More above the order, for screens built on this one (the drill's customer)."""
        yield from ()

    def on_mount(self) -> None:
        station = self.counter.shop.station
        status = self.query_one(StatusBar)
        status.store, status.terminal, status.cashier = station.store, station.terminal, station.cashier
        status.training = station.mode is Mode.TRAINING
        self._tick()
        self.set_interval(1, self._tick)
        self.draw()

    def _tick(self) -> None:
        shop = self.counter.shop
        now = (shop.menu_clock or shop.clock).now()  # a drill shows the time its customers come at
        self.query_one(StatusBar).now(shop.menu.daypart_at(now), now.strftime("%a %d %b %H:%M"))
        writer = self.writer
        if writer.backlog or writer.open_error:
            writer.retry()
        alert = self.query_one("#alert", Static)
        alert.display = bool(writer.error or writer.stopped or writer.open_error)
        if writer.stopped:
            alert.update(f"NO MORE SALES HERE: {writer.error or writer.stopped}. Quit with Ctrl+Q.")
        elif writer.error:
            kept = f" in {writer.kept_in}" if writer.kept_in else ""
            alert.update(
                f"NOT SAVED: {writer.error}. {writer.backlog} record(s) are kept{kept} and will be "
                "saved as soon as the disk takes them; keep serving."
            )
        elif writer.open_error:
            alert.update(f"NOT SAVED: {writer.open_error}. Paid orders are saved; keep serving.")

    def on_screen_resume(self) -> None:
        """Back on top (F3's close, the reports): today's close looked for again."""
        after_close = self.counter.shop.after_close
        if after_close is not None:
            after_close.look()
            self.draw()

    # -- keys in ------------------------------------------------------------------

    @property
    def taking_keys(self) -> bool:
        return self.counter.stage is not Stage.SIGNED_OUT  # keys wait for the sign-in that follows

    async def take_key(self, key: str, character: str | None) -> bool:
        self.press(key, character)
        return True

    async def take_paste(self, text: str) -> bool:
        self.counter.paste(text)
        self.draw()
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The reprint key is in the footer only with a receipt printer."""
        return parameters != (REPRINT_KEY,) or self.counter.till.receipts.printer is not None

    def action_key(self, key: str) -> None:
        """A binding run without its key (Textual's keys panel): the same as pressing it."""
        self.press(key, None)

    def press(self, key: str, character: str | None) -> None:
        counter = self.counter
        if key in SCREEN_KEYS:
            self._open(key)
        else:
            counter.press(key, character)
        self._watch_printing()
        self.draw()
        if counter.stage is Stage.SIGNED_OUT:
            self.post_message(self.SignedOut())
        elif counter.stage is Stage.FINISHED and not self._ended:
            self._ended = True
            self.finished()

    def key_in(self, code: str) -> None:
        """An item found with Ctrl+P: keyed as its code and Enter, in turn with the keys."""
        self.counter.key_in(code)
        self.draw()

    def _open(self, key: str) -> None:
        if key == "f1":
            from pos.dialogs.help import HelpScreen

            self.app.push_screen(HelpScreen(self.counter.shop.menu, self.counter.shop.printer is not None))
        elif self.counter.prompting or self.counter.stage in (Stage.MEAL, Stage.TENDER, Stage.CONFIRM_VOID):
            self.counter.say(
                f"Answer the prompt or finish the payment first: then {key.upper()} opens {OPENS[key]}",
                error=True,
            )
        else:
            if self.counter.stage is Stage.RECEIPT:
                self.counter.press("escape")  # the order is done: the next one starts
            if key == "f3":
                self._ask_manager()
                return
            from pos.core.analytics.report import Filters  # numpy and the report engine: only when asked
            from pos.core.analytics.report_labels import recorded_labels
            from pos.screens.report import ReportScreen

            shop, data_dir = self.counter.shop, self.writer.log.data_dir
            labels = recorded_labels(data_dir, None, None, None, fallback=shop.menu)
            session = Filters(mode=shop.station.mode.value)  # a training session reports its own records
            self.app.push_screen(ReportScreen(data_dir, labels, shop.clock.now().date(), session))

    def _ask_manager(self) -> None:
        from pos.dialogs.manager import ManagerScreen

        def approved(request: Request, manager: Member) -> None:
            self.counter.take(self.approvals.record(request, manager, self.counter.sale))
            self._watch_printing()  # the drawer and a slip of an approval: said if not done
            self.draw()

        keys = ManagerKeys(self.approvals, self.counter.sale, self.counter.shop.echo)
        self.app.push_screen(ManagerScreen(keys, approved, self.writer.idle, self.counter.shop.printer))

    def finished(self) -> None:
        """The counter has nobody left to serve (the end of a drill)."""

    # -- what the counter holds, drawn ------------------------------------------------

    def draw(self) -> None:
        counter = self.counter
        if counter.order_version != self._drawn_version:
            self._drawn_version = counter.order_version
            sale = counter.sale
            self.query_one(OrderPanel).show(sale.order, counter.currency, counter.selected, sale.can_revisit)
        self._draw_prompt()
        self._draw_after_close()
        self.query_one(MessageLine).show(counter.message, counter.error)
        hint = counter.till.hint if counter.stage is Stage.TENDER else HINTS.get(counter.stage)
        self.query_one(EntryLine).show(counter.shop.echo.masked(counter.entry), hint)
        till = self.query_one(TillCard)
        at_till = counter.stage in (Stage.MEAL, Stage.CONFIRM_VOID, Stage.TENDER, Stage.RECEIPT)
        if till.display != at_till:
            till.display = at_till
            self.query_one(PromptCard).display = not at_till
        if at_till:
            till.refresh()

    def _draw_after_close(self) -> None:
        after_close = self.counter.shop.after_close
        said = after_close.said if after_close is not None else ""
        line = self.query_one("#after-close", Static)
        if said != self._after_close:
            self._after_close = said
            line.update(said)
            line.display = bool(said)

    def _watch_printing(self) -> None:
        job = self.counter.till.receipts.job
        if job is not None and job is not self._printing:
            self._printing = job
            self.run_worker(self._said_when_printed(job), group="printing")

    async def _said_when_printed(self, job: Printing) -> None:
        """A receipt that did not print is said on the message line, however long the printer took."""
        with contextlib.suppress(PrintFailed):
            await asyncio.wrap_future(job.done)
        failed = self.counter.till.receipts.failed(job)
        if failed is not None:
            self.counter.say(failed, error=True)
            self.draw()

    def _draw_prompt(self) -> None:
        counter = self.counter
        card = self.query_one(PromptCard)
        offer = counter.prompt
        if offer is None:
            card.hide()
            return
        waiting = counter.waiting_on
        if waiting is not None and not _written_within(waiting, WRITE_WAIT_SECONDS):
            card.show_waiting(offer, counter.currency)
            if self._waiting is not waiting:
                self._waiting = waiting
                self.run_worker(self._draw_when_written(waiting), group="prompt")
            return
        card.show_offer(offer, counter.currency, counter.note)

    async def _draw_when_written(self, write: Future[None]) -> None:
        with contextlib.suppress(LogWriteError):  # kept by the writer; the alert line says so
            await asyncio.wrap_future(write)
        if self.counter.waiting_on is write:
            self.counter.prompt_drawn()
        self.draw()

    # -- for the app ------------------------------------------------------------------

    @property
    def order_open(self) -> bool:
        return self.counter.order_open

    def void_open_order(self) -> None:
        self.counter.void_open_order()


def _written_within(write: Future[None], seconds: float) -> bool:
    try:
        with contextlib.suppress(LogWriteError):  # kept by the writer; the alert line shows it
            write.result(timeout=seconds)
    except TimeoutError:
        return False
    return True
