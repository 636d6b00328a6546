"""`pos day close|x`: the end of the day. `close` records the day's close once (`closes/DAY.json` and
its HTML page in the data folder), `x` is a reading mid-shift that closes nothing; both show the figures
per terminal and for the store, the drawer's expected cash against the cash counted, and print them on
the receipt printer when one is set. With a crew, a close asks a manager's ID and PIN."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from pos import locations
from pos.commands.arguments import day, given, printer
from pos.commands.asking import ask, ask_secret
from pos.commands.command import Command
from pos.core.base.errors import PosError

if TYPE_CHECKING:
    from pos.core.analytics.day_close import DayClose
    from pos.core.analytics.day_figures import DayFigures
    from pos.core.analytics.drawer_counts import Counts
    from pos.core.base.events import AuditEvent
    from pos.core.log.eventlog import EventLog
    from pos.core.printing.printer_choice import PrinterChoice
    from pos.core.printing.sheet import Sheet

FALLBACK_CURRENCY = "USD"
"""The money's currency when the day recorded no menu to say it (a day with no sale)."""
OFFICE = "OFFICE"
"""The terminal whose audit table logs a wrong PIN typed at `pos day close`."""


def arguments(parser: argparse.ArgumentParser) -> None:
    subcommands = parser.add_subparsers(dest="day_command", metavar="SUBCOMMAND", required=True)
    close = subcommands.add_parser("close", help="close the day: recorded once, saved as JSON and HTML")
    close.add_argument("--again", action="store_true", help="close a day closed already (the first stays)")
    close.add_argument(
        "--manager", metavar="ID", help="the manager closing (asked when the store has a crew)"
    )
    reading = subcommands.add_parser("x", help="an X reading: the day so far, closing nothing")
    for sub in (close, reading):
        sub.add_argument("--data", dest="day_data", metavar="DIR", help="data folder (as for pos)")
        sub.add_argument("--day", type=day, metavar="DATE", help="the day, e.g. 2026-11-23 (default: today)")
        sub.add_argument(
            "--counted",
            action="append",
            metavar="[TERMINAL=]AMOUNT",
            help="the cash counted in a terminal's drawer, e.g. T1=212.50, once per terminal that took cash "
            "(AMOUNT alone when one terminal took cash)",
        )
        sub.add_argument("-o", "--output", type=Path, metavar="DIR", help="also save its JSON and HTML here")
        sub.add_argument("--no-print", action="store_true", help="never print it on the receipt printer")
        sub.add_argument(
            "--printer",
            dest="day_printer",
            type=printer,
            metavar="DEVICE",
            help="print it on this receipt printer (as for pos; default: the store settings')",
        )


def main(args: argparse.Namespace) -> int:
    from pos.core.analytics.day_close import DayClose, closes, record_close, refuse_future, since_last_close
    from pos.core.analytics.day_figures import day_figures
    from pos.core.analytics.day_store import day_store
    from pos.core.base.clock import SystemClock
    from pos.core.base.events import timestamp
    from pos.core.store.settings import load_settings

    data_dir = locations.data_folder(given(args.day_data, args.data))
    load_settings(data_dir)  # a bad store.toml is said before anything is recorded or printed
    now = SystemClock().now()
    closing, the_day = args.day_command == "close", args.day or now.date()
    if closing:
        refuse_future(the_day, now.date())  # before a PIN is asked or a count read
    figures = day_figures(data_dir, the_day, FALLBACK_CURRENCY)
    done = closes(data_dir, figures.day) if closing else []
    if done and not args.again:
        return _finish(args, data_dir, done[0], made=False)
    counts = _counts(args.counted, figures, asked=closing)  # refused before a PIN is asked
    close = DayClose(
        kind="close" if closing else "x",
        taken_at=timestamp(now),
        closed_by=_manager(data_dir, args.manager, again=bool(done)) if closing else None,
        counted=None if counts is None else counts.total,
        counted_by={} if counts is None else counts.by_terminal,
        figures=figures,
        since_close=since_last_close(data_dir, figures),
        store_name=day_store(data_dir, figures.day),
    )
    made = True
    if closing:
        close, made = record_close(data_dir, close, args.again)
    return _finish(args, data_dir, close, made)


def _finish(args: argparse.Namespace, data_dir: Path, close: DayClose, made: bool) -> int:
    """Shows the close (or reading), saves its pages, prints it; 1 when the printer failed."""
    from pos.core.analytics.day_sheet import day_sheet
    from pos.reports.day_files import save_close, save_copy
    from pos.reports.sheet_text import sheet_text

    if close.kind == "close" and not made:
        print(
            f"{close.figures.day} was closed already; its first close (pos day close --again to close again):"
        )
    sheet = day_sheet(close)
    print(sheet_text(sheet), end="")
    for notice in close.figures.notices:
        print(f"note: {notice}", file=sys.stderr)
    if close.kind == "close":
        record = f"{save_close(data_dir, close).with_suffix('.json')} (and .html)"
        print(f"Recorded in {record}" if made else f"Its record: {record}")
    for path in save_copy(args.output, close) if args.output else []:
        print(f"Saved {path}")
    return 0 if args.no_print else _print(data_dir, given(args.day_printer, args.printer), sheet)


def _manager(data_dir: Path, typed: str | None, again: bool) -> str | None:
    """The manager's ID, checked with their PIN, when the store has a crew; else None. `again`: the
    day has a close already, which a refusal leaves as it is. The PIN's question never repeats the
    ID: one not on the crew may be a PIN typed in its place."""
    from pos.core.base.clock import SystemClock
    from pos.core.base.events import Mode
    from pos.core.store.crew import has_crew
    from pos.core.store.settings import load_settings
    from pos.core.store.sign_in import PinDesk
    from pos.core.store.verify import Crew

    if not has_crew(data_dir):
        return None
    member_id = typed if typed is not None else ask("Manager ID: ")
    with _office_log(data_dir) as auditor:
        desk = PinDesk(
            Crew(data_dir, load_settings(data_dir).pins, SystemClock()),
            auditor,
            auditor.store_id,
            OFFICE,
            Mode.LIVE,
        )
        found = desk.sign_in(member_id, ask_secret("Manager's PIN: "))
    if isinstance(found, str):
        kept = "nothing is closed again (its first close stays)" if again else "the day is not closed"
        raise PosError(f"{found}. The PIN was refused: {kept}")
    if found.role != "manager":
        raise PosError(f"{found.id} is not a manager: a manager's ID and PIN close the day")
    return found.id


class _Auditor:
    """Logs the audit events of a PIN check as they come (`pos.core.store.sign_in.Auditor`)."""

    def __init__(self, log: EventLog) -> None:
        self.log = log
        self.store_id = log.store_id

    def audit(self, event: AuditEvent) -> Future[None]:
        self.log.log("audit", event)
        done: Future[None] = Future()
        done.set_result(None)
        return done


@contextlib.contextmanager
def _office_log(data_dir: Path) -> Iterator[_Auditor]:
    from pos.core.log.eventlog import EventLog

    log = EventLog(data_dir, OFFICE)
    try:
        yield _Auditor(log)
    finally:
        log.close()


def _counts(typed: list[str] | None, figures: DayFigures, asked: bool) -> Counts | None:
    """The counts given, else (a close) asked: each drawer that took cash, or the store's when none did."""
    from pos.core.analytics.drawer_counts import Counts, read_counts, to_count
    from pos.core.printing.receipt import terminal_title

    if typed is not None:
        return read_counts(typed, figures)
    if not asked:
        return None
    currency = figures.currency
    drawers = {
        name: _ask_count(
            f"Cash counted in the drawer of {terminal_title(name, figures.names.get(name))} ({currency}): ",
            currency,
        )
        for name in to_count(figures)
    }
    if not drawers:
        return Counts(_ask_count(f"Cash counted in the drawers ({currency}): ", currency))
    return Counts(sum(drawers.values()), drawers)


def _ask_count(question: str, currency: str) -> int:
    """Asked until it is money: a count that is not is refused at once and asked again, as at F3 z."""
    from pos.core.counter.day_end import cash_counted

    while isinstance(counted := cash_counted(ask(question), currency), str):
        print(counted, file=sys.stderr)
    return counted


def _print(data_dir: Path, chosen: PrinterChoice | None, sheet: Sheet) -> int:
    """Prints the sheet on `--printer`, else the store settings' printer; 1 when that failed."""
    from pos.core.printing.printer_device import PrintFailed
    from pos.core.printing.receipt_printer import ReceiptPrinter
    from pos.core.store.settings import load_settings

    printer = chosen or load_settings(data_dir).printer
    if printer is None:
        return 0
    try:  # on the printers' own thread, with their time limit: a printer that never reads ends
        ReceiptPrinter(printer).print_sheet(sheet).result()
    except PrintFailed as failed:
        print(f"Not printed: {failed}", file=sys.stderr)
        return 1
    print(f"Printed on {printer}")
    return 0


COMMAND = Command("day", "the end of the day: close it, or an X reading mid-shift", arguments, main)
