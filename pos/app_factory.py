"""The one way the cashier's app is put together: `pos`, `pos drill`, the benchmarks and the tests call it.

It opens the terminal's log in the data folder (taking the terminal's lock) and
hands the app everything it needs; nothing is read from anywhere else.
"""

from __future__ import annotations

import random
from pathlib import Path

from pos.app import PosApp
from pos.core.base.clock import Clock, SystemClock
from pos.core.base.events import Mode
from pos.core.codes.codes import every_ledger
from pos.core.codes.orphan_redemptions import settle_redemptions
from pos.core.codes.past_wrong_codes import past_wrong_codes
from pos.core.log.eventlog import EventLog
from pos.core.log.learned_answers import store_choosing
from pos.core.log.log_writer import LogWriter
from pos.core.log.menu_stamp import MenuStamp
from pos.core.log.terminal_pool import open_free_terminal
from pos.core.printing.printer_choice import PrinterChoice
from pos.core.printing.receipt_printer import ReceiptPrinter
from pos.core.selling.learned_choice import FirstAllowed
from pos.core.selling.menu import Menu
from pos.core.store.crew import has_crew
from pos.core.store.settings import StoreSettings, load_settings
from pos.core.store.sign_in import PinDesk
from pos.core.store.verify import Crew
from pos.core.training.drill import DrillRun


def make_app(
    *,
    menu: Menu,
    data_dir: Path,
    terminal: str,
    clock: Clock,
    cashier: str | None = None,
    rng: random.Random | None = None,
    drill: DrillRun | None = None,
    menu_clock: Clock | None = None,
    pooled: bool = False,
    training: bool = False,
    printer: PrinterChoice | None = None,
) -> PosApp:
    """Live service, or with `drill` a drill logged as training. Close `app.writer` after the run.
    `menu_clock` sets the menu's time (dayparts, seasons) apart from the real time records carry.
    `pooled`: `terminal` names a pool, and the app logs as its first free terminal (`pos serve`).
    `training`: a session logged as training without a drill (a set clock: `pos --now`).
    `printer`: the receipt printer each paid order's receipt prints on (`pos --printer`; without it,
    the store settings' `[printer]`)."""
    mode = Mode.TRAINING if drill is not None or training else Mode.LIVE
    settings = load_settings(data_dir)  # a bad value is said before the terminal is taken
    stamp = MenuStamp.of(menu)
    log = (
        open_free_terminal(data_dir, terminal, stamp) if pooled else EventLog(data_dir, terminal, menu=stamp)
    )
    ledgers = every_ledger(data_dir, mode)
    codes = ledgers[0]
    try:
        codes.wrong.recall(past_wrong_codes(data_dir, log.terminal, mode, clock.now()))
        codes.secret_at_hand()  # a secret gone with codes out is said before any sale, not at a code
        log.notices += codes.set_aside_damage()
        log.notices += settle_redemptions(log, *ledgers)
    except BaseException:
        log.close()
        raise
    receipt_printer = _receipt_printer(printer, settings, drill, log.notices)
    crewed = drill is None and has_crew(data_dir)
    asks_pins = crewed and settings.pins.required
    # A set clock (`pos --now`) moves the session's time, never the locks': those run on the real time.
    crew = Crew(data_dir, settings.pins, SystemClock() if training else clock)
    writer = LogWriter(log)
    return PosApp(
        menu=menu,
        writer=writer,
        codes=codes,
        clock=clock,
        terminal=log.terminal,
        cashier=cashier,
        rng=rng,
        mode=mode,
        notices=log.notices,
        drill=drill,
        menu_clock=menu_clock,
        printer=receipt_printer,
        desk=PinDesk(crew, writer, log.store_id, log.terminal, mode) if asks_pins else None,
        approver=PinDesk(crew, writer, log.store_id, log.terminal, mode) if crewed else None,
        terminal_name=settings.terminal_name(log.terminal),
        choosing=FirstAllowed(drill.shown) if drill else store_choosing(menu, data_dir, clock, mode),
    )


def _receipt_printer(
    flag: PrinterChoice | None, settings: StoreSettings, drill: DrillRun | None, notices: list[str]
) -> ReceiptPrinter | None:
    """`pos --printer`'s, else the store settings' printer, with the settings' drawer; a drill prints
    nothing. A drawer the settings name with no printer to open it is said in `notices`."""
    choice = flag or settings.printer
    if drill is not None:
        return None
    if choice is None:
        notices += [settings.drawer_alone] if settings.drawer_alone else []
        return None
    return ReceiptPrinter(choice, drawer=settings.drawer)
