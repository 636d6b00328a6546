"""F3: what a manager approves (a refund, a line voided after the receipt, a no-sale, a discount by
hand, the day's close), the manager's ID and PIN as dots, then what it needs; or the day's X reading:
a thin view over `pos.core.counter.manager_keys`. The day's end then shows in its own dialog
(`day_sheet`).

Every key is taken in turn (`pos.key_router`); the PIN's check runs off the screen's loop while the
keys after it wait (so does the day's end, worked out from the log), and an approval is on the
counter before the next key reaches the sale screen. Its footer says its own keys: the counter's
do nothing here."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from pos.core.base.errors import PosError
from pos.core.base.money import format_money
from pos.core.base.text import printable
from pos.core.counter.approved import Request
from pos.core.counter.manager_keys import QUESTIONS, Asking, ClosedCheck, DayAsk, ManagerKeys, PinCheck
from pos.core.counter.paid_orders import PaidOrder
from pos.core.log.storage import LogWriteError
from pos.core.printing.receipt_printer import ReceiptPrinter
from pos.core.store.crew import Member

if TYPE_CHECKING:
    from pos.core.analytics.day_close import DayClose
from pos.key_router import TakesKeys
from pos.widgets.entry_line import EntryLine
from pos.widgets.message_line import MessageLine

SHOWN_ORDERS = 6
"""The day's last paid orders listed to choose from (any other is chosen by its number all the same)."""
SHOWN_LINES = 8
"""The rows of an order's lines listed to void one (the rest are said, chosen by number all the same):
with the card's other rows and a message of three, it fits 24 rows."""


class ManagerScreen(TakesKeys, ModalScreen[None]):
    BINDINGS = [
        Binding(
            "escape", "key('escape')", "Back", id="manager-back", tooltip="A step back; from the first, close"
        ),
        Binding("enter", "key('enter')", "Next", id="manager-next", tooltip="Take what is typed"),
        Binding("enter", "approve", "Approve", id="manager-approve", tooltip="Approve what is said"),
    ]

    def __init__(
        self,
        keys: ManagerKeys,
        approved: Callable[[Request, Member], None],
        written: Callable[[], Future[None] | None],
        printer: ReceiptPrinter | None = None,
    ) -> None:
        super().__init__()
        self._keys = keys
        self._printer = printer
        """The counter's receipt printer, where a close prints."""
        self._approved = approved
        self._written = written
        """The last record handed to the log, while not yet on disk (`LogWriter.idle`)."""
        self._orders: list[PaidOrder] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="manager-card", classes="card"):
            yield Label("MANAGER'S APPROVAL", classes="card-title")
            yield Static(id="manager-list", markup=False)
            yield Static(id="manager-ask", markup=False)
            yield EntryLine("", id="manager-entry")
            yield MessageLine(id="manager-message", wrap=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._show()

    @property
    def taking_keys(self) -> bool:
        return self._keys.asking is not Asking.DONE

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter is shown as what it does at this step; at the first, nothing."""
        asking = self._keys.asking
        if action == "approve":
            return asking is Asking.CONFIRM
        return parameters != ("enter",) or asking not in (Asking.WHAT, Asking.CONFIRM)

    async def action_key(self, key: str) -> None:
        """A footer key clicked: the same as pressing it."""
        await self.take_key(key, None)

    async def action_approve(self) -> None:
        await self.take_key("enter", None)

    async def take_key(self, key: str, character: str | None) -> bool:
        keys = self._keys
        pending = self._written()
        if pending is not None:  # the orders just paid, keyed in the same burst, are read back from disk
            with contextlib.suppress(LogWriteError):  # kept by the writer; the sale screen says so
                await asyncio.wrap_future(pending)
            self._orders = None  # listed again, with them
        check: PinCheck | ClosedCheck | None = keys.press(key, character)
        while check is not None:  # the keys after it wait
            check = await self._check(check)
        if keys.approved is not None:
            self._approved(*keys.approved)
        if keys.day is not None:
            await self._day(keys.day)
        elif keys.asking is Asking.DONE:
            self.dismiss()
        else:
            self._show()
        return True

    async def _check(self, check: PinCheck | ClosedCheck) -> ClosedCheck | None:
        """The PIN's check, or whether today is closed: off the screen's loop (scrypt is slow on
        purpose, and the first look at the day loads the report engine)."""
        keys = self._keys
        if isinstance(check, PinCheck):
            try:
                result = await asyncio.to_thread(keys.approvals.check, check.manager, check.pin)
            except PosError as error:  # the crew file damaged, the data folder gone
                result = str(error)
            return keys.checked(check, result)
        closed: DayClose | str | None
        try:
            closed = await asyncio.to_thread(keys.day_end.closed)
        except (OSError, PosError) as error:  # a close record damaged
            closed = str(error)
        keys.closed_checked(closed)
        return None

    async def _day(self, day: DayAsk | DayClose) -> None:
        from pos.dialogs.day_sheet import DaySheetScreen, DayShown, worked_out  # the report engine

        keys = self._keys
        if not isinstance(day, DayAsk):  # today's close, made already
            shown = DayShown(day, keys.day_end.said_closed(day))
        else:
            try:  # reads the day's log: off the screen's loop, while the keys after it wait
                shown = await asyncio.to_thread(worked_out, keys.day_end, day)
            except (OSError, PosError) as error:  # the log unreadable, the disk full: nothing closed
                keys.failed(f"Not done: {error}")
                self._show()
                return
        self.app.switch_screen(DaySheetScreen(shown, self._printer))

    def _show(self) -> None:
        keys = self._keys
        listed = self._listed()
        shown = self.query_one("#manager-list", Static)
        shown.update(listed)
        shown.display = bool(listed)
        self.query_one("#manager-ask", Static).update(QUESTIONS.get(keys.asking, ""))
        self.query_one(EntryLine).show(keys.shown)
        self.query_one(MessageLine).show(keys.message, keys.error)
        self.refresh_bindings()

    def _listed(self) -> str:
        keys = self._keys
        currency = keys.approvals.currency
        if keys.asking is Asking.LINE and keys.paid is not None:
            return "\n".join(_lines_of(keys.paid, currency))
        if keys.asking not in (Asking.WHAT, Asking.ORDER):
            return ""
        if self._orders is None:
            try:
                self._orders = keys.approvals.paid()
            except (OSError, PosError):
                self._orders = []
        rows = [
            f"{paid.number:>4}  {paid.record.ts[11:16]}  {printable(paid.record.cashier)}  "
            f"{format_money(paid.record.total, currency)}{_done(paid)}"
            for paid in self._orders[:SHOWN_ORDERS]
        ]
        return "\n".join(["Today's last paid orders here:", *rows] if rows else ["No paid order here today"])


def _lines_of(paid: PaidOrder, currency: str) -> list[str]:
    """The lines of `paid` left to void, each as the customer heard it and with what it gives back."""
    record, voidable = paid.record, paid.voidable()
    listed = voidable if len(voidable) <= SHOWN_LINES else voidable[: SHOWN_LINES - 1]
    more = len(voidable) - len(listed)
    said = {
        number: f"{record.lines[number - 1].qty} x {printable(record.lines[number - 1].label)}"
        for number in listed
    }
    width = max(map(len, said.values()), default=0)
    with_tax = ", each with its share of the tax" if record.tax else ""
    return [
        f"Lines of order {paid.number}{with_tax}:",
        *(
            f"{number:>2}  {line:<{width}}  {format_money(paid.line_amount(number), currency):>10}"
            for number, line in said.items()
        ),
        *([f"    and {more} more, to line {voidable[-1]}: key its number"] if more else []),
    ]


def _done(paid: PaidOrder) -> str:
    """What approvals took back from a paid order already."""
    if paid.refunded is not None:
        return "  refunded"
    voided = len(paid.voided)
    return f"  {voided} line{'s' if voided > 1 else ''} voided" if voided else ""
