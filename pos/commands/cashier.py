"""`pos`: open the cashier screen, after every check that can fail has passed."""

from __future__ import annotations

import argparse
import sys

from pos import locations
from pos.core.clock import Clock, StartedClock, SystemClock
from pos.core.errors import PosError
from pos.core.eventlog import EventLog
from pos.core.log_writer import LogWriter
from pos.core.menu_loader import load_menu
from pos.screens.sign_in import CASHIER_PATTERN


def run(args: argparse.Namespace) -> int:
    menu = load_menu(args.menu or locations.default_menu())
    if args.cashier is not None and not CASHIER_PATTERN.match(args.cashier):
        raise PosError(f"--cashier {args.cashier!r}: expected 1 to 24 letters, digits, - or _")
    data_dir = locations.data_folder(args.data)
    log = EventLog(data_dir, args.terminal)
    for notice in log.notices:
        print(f"pos: {notice}", file=sys.stderr)
    clock: Clock = StartedClock(args.now) if args.now else SystemClock()
    writer = LogWriter(log)
    from pos.app import PosApp

    app = PosApp(
        menu=menu, writer=writer, clock=clock, terminal=args.terminal, cashier=args.cashier,
        notices=log.notices,
    )
    try:
        app.run()
    finally:
        writer.close()
    return app.return_code or 0
