"""`pos`: open the cashier screen, after every check that can fail has passed."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from pos import locations
from pos.core.base.clock import Clock, StartedClock, SystemClock
from pos.core.base.errors import PosError
from pos.core.base.text import printable
from pos.terminal import need_a_terminal

if TYPE_CHECKING:
    from pos.app import PosApp
from pos.core.base.ids import CASHIER_RULE, valid_id
from pos.core.selling.menu_loader import load_menu
from pos.core.training.simulated_folder import claim_for_live_sales


def run(args: argparse.Namespace) -> int:
    app = build_app(args)
    try:
        need_a_terminal("the cashier screen")  # the last check, so every other is reported first
        app.run()
    finally:
        unsaved = app.writer.close()
    for line in unsaved:  # the disk took neither the log nor set-aside/: the records, for a person to save
        print(f"pos: {printable(line)}", file=sys.stderr)
    return 1 if unsaved else app.return_code or 0


def build_app(args: argparse.Namespace) -> PosApp:
    """Every check that can fail, then the app; its writer holds the terminal's lock."""
    menu = load_menu(args.menu or locations.default_menu())
    if args.cashier is not None and not valid_id(args.cashier):
        raise PosError(f"--cashier {args.cashier!r}: expected {CASHIER_RULE}")
    data_dir = locations.data_folder(args.data)
    if args.now is None:
        claim_for_live_sales(data_dir)
    clock: Clock = StartedClock(args.now) if args.now else SystemClock()
    from pos.app_factory import make_app

    # A set clock is for trying offers: its sales are training, never live records, and its codes
    # are training's (a live code is never redeemed, nor revived, at another time).
    app = make_app(
        menu=menu,
        data_dir=data_dir,
        terminal=args.terminal,
        clock=clock,
        cashier=args.cashier,
        training=args.now is not None,
        printer=args.printer,
    )
    if args.now is not None:
        app.notices.append(f"--now {args.now:%Y-%m-%dT%H:%M}: a set clock, so this session is training")
    for notice in app.notices:
        print(f"pos: {notice}", file=sys.stderr)
    return app
