"""The day's X reading or close at the counter (F3, then `x` or `z`): the sheet `pos day x|close`
prints, shown literally and scrolled with the arrows, PgUp, PgDn, Home and End. A close just made
prints on the counter's receipt printer as it shows (F4 prints the sheet again, or a reading);
a printer that fails is said, and the close stays recorded.

Esc closes it; any other key closes it and goes on to the sale screen, as help does."""

from __future__ import annotations

import asyncio
import contextlib
from concurrent.futures import Future
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from pos.core.analytics.close_files import close_path
from pos.core.analytics.day_close import DayClose
from pos.core.analytics.day_sheet import day_sheet
from pos.core.base.errors import PosError
from pos.core.counter.counter_keys import REPRINT_KEY
from pos.core.counter.day_end import DayEnd
from pos.core.counter.manager_keys import DayAsk
from pos.core.printing.printer_device import PrintFailed
from pos.core.printing.receipt_printer import ReceiptPrinter
from pos.key_router import TakesKeys
from pos.reports.day_files import save_close
from pos.reports.sheet_text import sheet_text
from pos.widgets.message_line import MessageLine

KEYS = f"↑ ↓ PgUp PgDn Home End scroll · {REPRINT_KEY.upper()} print · Esc close"


@dataclass(frozen=True)
class DayShown:
    close: DayClose
    said: str
    printing: bool = False
    """Printed as it shows: a close just made."""


def worked_out(day_end: DayEnd, ask: DayAsk) -> DayShown:
    """The reading, or the close recorded with its HTML page beside it. Slow: off the screen's loop."""
    if ask.counted is None:
        return DayShown(day_end.reading(), "An X reading of the day so far: this closes nothing")
    close, made = day_end.close(ask.counted, ask.manager)
    if not made:  # closed meanwhile at another terminal
        return DayShown(close, day_end.said_closed(close))
    recorded = f"Closed by {close.closed_by}: recorded in {close_path(day_end.data_dir, close.figures.day, close.number)}"
    try:
        save_close(day_end.data_dir, close)
    except (OSError, PosError) as error:
        return DayShown(close, f"{recorded}; its HTML page not saved ({error})", printing=True)
    return DayShown(close, f"{recorded} (and .html)", printing=True)


class DaySheetScreen(TakesKeys, ModalScreen[None]):
    def __init__(self, shown: DayShown, printer: ReceiptPrinter | None) -> None:
        super().__init__()
        self._shown = shown
        self._printer = printer
        self.job: Future[None] | None = None
        """The sheet printing, or printed last."""

    def compose(self) -> ComposeResult:
        with Vertical(id="day-card", classes="card"):
            yield Label("END OF THE DAY", classes="card-title")
            with VerticalScroll(id="day-sheet"):
                yield Static(sheet_text(day_sheet(self._shown.close)), markup=False)
            yield Static(self._shown.said, id="day-said", markup=False)
            yield MessageLine(id="day-printing", wrap=True)
            yield Static(KEYS, classes="keys", markup=False)

    def on_mount(self) -> None:
        if self._shown.printing and self._printer is not None:
            self._print(self._printer)

    async def take_key(self, key: str, character: str | None) -> bool:
        scroll = self.query_one("#day-sheet", VerticalScroll)
        moves = {
            "up": scroll.scroll_up,
            "down": scroll.scroll_down,
            "pageup": scroll.scroll_page_up,
            "pagedown": scroll.scroll_page_down,
            "home": scroll.scroll_home,
            "end": scroll.scroll_end,
        }
        if key in moves:
            moves[key](animate=False)
        elif key == REPRINT_KEY:
            self._print_again()
        else:
            self.dismiss()
            return key == "escape"
        return True

    def _print_again(self) -> None:
        if self._printer is None:
            self._say("No receipt printer: pos --printer names one", error=True)
        elif self.job is not None and not self.job.done():
            self._say("Still printing")
        else:
            self._print(self._printer)

    def _print(self, printer: ReceiptPrinter) -> None:
        job = self.job = printer.print_sheet(day_sheet(self._shown.close))
        self._say(f"Printing on {printer.choice}")
        self.run_worker(self._said_when_printed(job, printer), group="printing")

    async def _said_when_printed(self, job: Future[None], printer: ReceiptPrinter) -> None:
        with contextlib.suppress(PrintFailed):
            await asyncio.wrap_future(job)
        failed = job.exception()
        if failed is None:
            self._say(f"Printed on {printer.choice}")
        else:
            kept = "; the close stays recorded" if self._shown.close.kind == "close" else ""
            self._say(f"NOT printed, {REPRINT_KEY.upper()} prints it again{kept} ({failed})", error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.query_one(MessageLine).show(text, error)
