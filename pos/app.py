"""The cashier's app: sign-in, then the sale screen, over the core's engine and log."""

from __future__ import annotations

import random
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from pos.core.clock import Clock
from pos.core.drill import DrillRun
from pos.core.events import Mode
from pos.core.log_writer import LogWriter
from pos.core.menu import Menu
from pos.dialogs.confirm import ConfirmScreen
from pos.dialogs.help import HelpScreen
from pos.palette import ItemCommands
from pos.screens.sale import SaleScreen
from pos.screens.sign_in import SignInScreen


class PosApp(App[None]):
    CSS_PATH = "pos.tcss"
    TITLE = "pos"
    COMMANDS = App.COMMANDS | {ItemCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="help", tooltip="Keys and how to key an item"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(
        self, *, menu: Menu, writer: LogWriter, clock: Clock, terminal: str,
        cashier: str | None = None, rng: random.Random | None = None, mode: Mode = Mode.LIVE,
        notices: list[str] | None = None, drill: DrillRun | None = None,
    ) -> None:
        super().__init__()
        self.menu = menu
        self.writer = writer
        self.clock = clock
        self.terminal = terminal
        self.store = menu.name
        self.mode = mode
        self.rng = rng or random.Random()
        self._cashier = cashier
        self._notices = notices or []
        self.drill = drill
        """In a drill, the run the screen plays the customers of."""

    def get_default_screen(self) -> Screen[Any]:
        # The first screen is the app's default one, so nothing is drawn twice at start.
        return self._sale_screen(self._cashier) if self._cashier else SignInScreen(self.store, self.terminal)

    def _sale_screen(self, cashier: str) -> SaleScreen:
        if self.drill is None:
            return SaleScreen(cashier)
        from pos.screens.drill import DrillScreen

        return DrillScreen(cashier, self.drill)

    def on_mount(self) -> None:
        for notice in self._notices:
            self.notify(notice, title="Set aside", severity="warning", timeout=30)

    def signed_in(self, cashier: str) -> None:
        self.push_screen(self._sale_screen(cashier))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        sale = next((s for s in self.screen_stack if isinstance(s, SaleScreen)), None)
        if sale is None or not sale.order_open:
            self.exit()
            return

        def answered(quit_: bool | None) -> None:
            if quit_:
                sale.void_open_order()
                self.exit()

        self.push_screen(ConfirmScreen("An order is open. Void it and quit?"), callback=answered)
