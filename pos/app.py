"""The cashier's app: sign-in, then the sale screen, over the core's counter and log."""

from __future__ import annotations

import random
from functools import partial
from typing import Any, ClassVar

from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from pos.core.base.clock import Clock
from pos.core.base.events import Mode
from pos.core.base.text import printable
from pos.core.codes.codes import Codes
from pos.core.counter.after_close import AfterClose
from pos.core.counter.coach import Coach
from pos.core.counter.counter import Counter
from pos.core.counter.key_examples import entry_hint
from pos.core.counter.shop import Shop
from pos.core.log.log_writer import LogWriter
from pos.core.printing.receipt_printer import ReceiptPrinter
from pos.core.selling.engine import Station
from pos.core.selling.learned_choice import FIRST_ALLOWED, Choosing
from pos.core.selling.menu import Menu
from pos.core.store.pin_echo import PinEcho
from pos.core.store.sign_in import PinDesk
from pos.core.training.drill import DrillRun
from pos.dialogs.confirm import ConfirmScreen
from pos.key_router import KeyRouter
from pos.palette import Choice, Search, command_choices, item_choices
from pos.screens.sale import SaleScreen
from pos.screens.sign_in import SignInScreen


class PosApp(App[None]):
    CSS_PATH = "pos.tcss"
    TITLE = "pos"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="help", tooltip="Keys and how to key an item"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False),
    ]

    def __init__(
        self,
        *,
        menu: Menu,
        writer: LogWriter,
        codes: Codes,
        clock: Clock,
        terminal: str,
        cashier: str | None = None,
        rng: random.Random | None = None,
        mode: Mode = Mode.LIVE,
        notices: list[str] | None = None,
        drill: DrillRun | None = None,
        menu_clock: Clock | None = None,
        printer: ReceiptPrinter | None = None,
        desk: PinDesk | None = None,
        terminal_name: str | None = None,
        approver: PinDesk | None = None,
        choosing: Choosing = FIRST_ALLOWED,
    ) -> None:
        super().__init__()
        self.menu = menu
        self.writer = writer
        self.clock = clock
        self.menu_clock = menu_clock
        self.terminal = terminal
        self.terminal_name = terminal_name
        """The terminal's name in the store's settings: at sign-in and on its receipts."""
        self.terminal_label = f"{terminal} · {terminal_name}" if terminal_name else terminal
        """The terminal as the sign-in shows it: its ID, and its name."""
        self.desk = desk
        """With a crew whose PINs are asked: the check of each sign-in; None: the open sign-in."""
        self.approver = approver
        """With a crew: the check of a manager's approval (F3); None: approvals are refused."""
        self.mode = mode
        self._warned_unsaved = False
        self.codes = codes
        """The session's codes (a drill's and a set clock's are training's), one for every cashier who
        signs in: signing out and in again does not lift a pause on wrong codes."""
        self.rng = rng or random.Random()
        self._cashier = cashier
        self.notices = notices or []
        """What opening the data folder set aside, shown when the app starts until the first key:
        then the cashier has seen them, and they would cover the order's messages."""
        self._notices_up = False
        self.drill = drill
        """In a drill, the run the screen plays the customers of."""
        self.printer = printer
        """The receipt printer of this counter; None: receipts are on the screen only."""
        self.choosing = choosing
        """How a learned rule's offer is chosen (`pos.core.log.learned_answers.store_choosing`)."""
        self.keys = KeyRouter(self, super().on_event)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if self._notices_up:
                self._notices_up = False
                self.clear_notifications()
            await self.keys.arrived(event)  # each in turn, to the screen on top then (pos.key_router)
        else:
            await super().on_event(event)

    def get_default_screen(self) -> Screen[Any]:
        # The first screen is the app's default one, so nothing is drawn twice at start.
        if self._cashier and self.desk is None:
            return self._sale_screen(self._cashier)
        return self._sign_in(self._cashier)  # with a crew, --cashier still asks the PIN

    def _sign_in(self, cashier: str | None = None) -> SignInScreen:
        return SignInScreen(self.menu.name, self.terminal_label, self.desk, cashier)

    def _sale_screen(self, cashier: str, echo: PinEcho | None = None) -> SaleScreen:
        station = Station(self.menu.name, self.writer.log.store_id, self.terminal, cashier, self.mode)
        shop = Shop(
            self.menu,
            station,
            self.writer,
            self.clock,
            self.rng,
            self.writer.log,
            self.codes,
            self.menu_clock,
            self.printer,
            AfterClose(self.writer.log.data_dir, self.clock) if self.mode is Mode.LIVE else None,
            self.terminal_name,
            self.choosing,
            echo or PinEcho(),
        )
        placeholder = entry_hint(self.menu)
        if self.drill is None:
            return SaleScreen(Counter(shop, Coach()), self.writer, placeholder, self.approver)
        from pos.core.training.drill_coach import DrillCoach
        from pos.screens.drill import DrillScreen

        return DrillScreen(Counter(shop, DrillCoach(self.drill)), self.writer, placeholder, self.drill)

    def on_mount(self) -> None:
        for notice in self.notices:
            self.notify(printable(notice), title="On opening", severity="warning", timeout=30, markup=False)
        self._notices_up = bool(self.notices)

    @on(SignInScreen.SignedIn)
    def signed_in(self, message: SignInScreen.SignedIn) -> None:
        self._replace_top(self._sale_screen(message.cashier, message.echo))

    @on(SaleScreen.SignedOut)
    def signed_out(self) -> None:
        self._replace_top(self._sign_in())

    def _replace_top(self, screen: Screen[Any]) -> None:
        # The first screen is the default one, which cannot be switched away: the next goes over it.
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_help(self) -> None:
        from pos.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.menu, self.printer is not None))

    def action_command_palette(self) -> None:
        """Ctrl+P: the finder, over the screen on top (items only over the sale screen)."""
        from pos.dialogs.finder import FinderScreen

        screen = self.screen
        if isinstance(screen, FinderScreen):
            return
        choices = (
            item_choices(screen.counter.shop.menu, screen.key_in) if isinstance(screen, SaleScreen) else []
        )
        choices += command_choices(self.get_system_commands(screen))
        self.push_screen(FinderScreen(Search(choices), "An item's name or code, or a command"))

    def search_themes(self) -> None:
        """The finder's "Theme" command: the themes, in the same finder."""
        from pos.dialogs.finder import FinderScreen

        themes = [
            Choice(name, "", partial(setattr, self, "theme", name)) for name in sorted(self.available_themes)
        ]
        self.push_screen(FinderScreen(Search(themes), "A theme"))

    async def action_quit(self) -> None:
        if not self._unsaved_said():
            return
        sale = next((s for s in self.screen_stack if isinstance(s, SaleScreen)), None)
        if sale is None or not sale.order_open:
            if sale is not None:
                sale.void_open_order()  # an order of voided lines only is still recorded
            self.exit()
            return

        def answered(quit_: bool) -> None:
            if quit_:
                sale.void_open_order()
                self.exit()

        self.push_screen(ConfirmScreen("An order is open. Void it and quit?", answered))

    def _unsaved_said(self) -> bool:
        """Records not on disk yet (a full disk): the first Ctrl+Q says so and stays; the next quits,
        and what is still unsaved is kept in set-aside/ or shown when pos stops."""
        backlog = self.writer.backlog
        if not backlog or self._warned_unsaved:
            return True
        self._warned_unsaved = True
        self.notify(
            f"{backlog} record(s) are not on disk yet ({self.writer.error}): free some space and wait, "
            "or Ctrl+Q again to quit (they are then kept in set-aside/ if it has room, or shown)",
            severity="error",
            timeout=30,
            markup=False,
        )
        return False
