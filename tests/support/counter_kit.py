"""A counter on the bundled burger menu with its records kept in lists: no disk, no screen."""

from __future__ import annotations

import random
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path

from pos.core.base.clock import FixedClock
from pos.core.base.events import AuditEvent, Mode, OrderRecord, PromptEvent
from pos.core.codes.codes import every_ledger
from pos.core.codes.orphan_redemptions import settle_redemptions
from pos.core.codes.past_wrong_codes import past_wrong_codes
from pos.core.counter.coach import Coach
from pos.core.counter.counter import Counter
from pos.core.counter.shop import OrderNumbers, Recorder, Shop
from pos.core.log.eventlog import EventLog
from pos.core.log.learned_answers import store_choosing
from pos.core.log.log_writer import LogWriter
from pos.core.selling.engine import Station
from pos.core.selling.learned_choice import FIRST_ALLOWED
from pos.core.selling.menu import Menu
from pos.core.selling.menu_loader import load_menu
from tests.conftest import BURGERS_V1
from tests.support.sales import TEST_STORE_ID

LUNCH = datetime(2026, 11, 23, 12, 15)
BURGERS = load_menu(BURGERS_V1)


class ListRecorder:
    def __init__(self) -> None:
        self.prompts: list[PromptEvent] = []
        self.orders: list[OrderRecord] = []
        self.audits: list[AuditEvent] = []
        self.open: OrderRecord | None = None
        """The open order as last kept."""
        self.stopped: str | None = None

    def prompt(self, event: PromptEvent) -> Future[None]:
        self.prompts.append(event)
        return _done()

    def order(self, record: OrderRecord) -> Future[None]:
        self.orders.append(record)
        return _done()

    def audit(self, event: AuditEvent) -> Future[None]:
        self.audits.append(event)
        return _done()

    def open_order(self, record: OrderRecord | None) -> None:
        self.open = record


class Numbers:
    def __init__(self) -> None:
        self.last = 0

    def new_order_id(self, now: datetime) -> str:
        self.last += 1
        return f"T1-{now:%Y%m%d}-{self.last:04d}"

    def release_order_id(self, order_id: str) -> None:
        if order_id.endswith(f"-{self.last:04d}"):
            self.last -= 1


def _done() -> Future[None]:
    future: Future[None] = Future()
    future.set_result(None)
    return future


def make_counter(
    menu: Menu = BURGERS,
    coach: Coach | None = None,
    now: datetime = LUNCH,
    log_to: Path | None = None,
    mode: Mode = Mode.LIVE,
    menu_now: datetime | None = None,
) -> tuple[Counter, ListRecorder]:
    """Records go to lists, or with `log_to` to a real log in that folder (then close `shop.recorder`)."""
    shop, recorder = make_shop(menu, now, log_to, mode, menu_now)
    return Counter(shop, coach, timer=lambda: 0.0), recorder


def make_shop(
    menu: Menu = BURGERS,
    now: datetime = LUNCH,
    log_to: Path | None = None,
    mode: Mode = Mode.LIVE,
    menu_now: datetime | None = None,
) -> tuple[Shop, ListRecorder]:
    """What a counter works with (`make_counter`), for the parts of the sale tried without one."""
    recorder = ListRecorder()
    writer: Recorder = recorder
    numbers: OrderNumbers = Numbers()
    codes = None
    store_id = TEST_STORE_ID
    clock = FixedClock(now)
    if log_to is not None:  # as the app puts it together (`make_app`)
        log = EventLog(log_to, "T1")
        ledgers = every_ledger(log_to, mode)
        codes = ledgers[0]
        codes.wrong.recall(past_wrong_codes(log_to, "T1", mode, clock.now()))
        log.notices += settle_redemptions(log, *ledgers)
        writer, numbers, store_id = LogWriter(log), log, log.store_id
    station = Station(menu.name, store_id, "T1", "C1", mode)
    menu_clock = FixedClock(menu_now) if menu_now else None  # a drill script's time for the menu
    choosing = store_choosing(menu, log_to, clock, mode) if log_to is not None else FIRST_ALLOWED
    shop = Shop(menu, station, writer, clock, random.Random(1), numbers, codes, menu_clock, choosing=choosing)
    return shop, recorder


def type_keys(counter: Counter, *keys: str) -> None:
    """Keys as the screen hands them over: a character, or a key name."""
    for key in keys:
        if len(key) == 1:
            counter.press(key, key)
        else:
            counter.press(key, " " if key == "space" else None)


def key_in(counter: Counter, text: str) -> None:
    type_keys(counter, *text, "enter")


def lines(counter: Counter) -> list[tuple[str, str | None, int, int, str]]:
    return [
        (line.item.code, line.size, line.qty, line.unit_price, str(line.source))
        for line in counter.sale.order.lines
    ]


def outcomes(recorder: ListRecorder) -> list[tuple[str, str, str]]:
    return [(p.kind, p.offer, p.outcome) for p in recorder.prompts]
