"""Every key, in the order typed, to the screen on top once the key before it has done its work.

Textual reads a key, puts it in the queue of the focused widget (or screen) and
reads the next key at once. In a burst, keys then land on the screen that was on
top when they were read, not on the one the key before them opened or closed:
F1 and the keys after it all went to the sale, Esc and the keys after it all to
the palette, which closed with them unread. Here the app hands on each key only
when the screen it is for is ready:

- A screen that takes its own keys (`TakesKeys`: the sale, the sign-in, help,
  a question, the finder) gets it at once, in the app's own turn: a key is done
  before the next is read, and the hot path has no queue in it at all.
- Any other screen (the report screen, the drill's summary) gets it Textual's
  way, and the next key waits until the app and every widget of the screen on
  top have handled all they held and hold nothing more: the key has been
  handled, the screen it opened is mounted with its focus set, or the one it
  closed is gone. So does a key after one that opened or closed a screen.

A terminal cannot tell Esc followed at once by a key from Alt with that key, so
each key is split back into what was typed first (`split_keys`): "Esc 2", read
as "™", is Esc then 2 on every screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App, ScreenStackError
from textual.message_pump import MessagePump
from textual.screen import Screen

from pos.terminal_keys import split_keys

SETTLE_LIMIT = 5.0
"""Seconds a key waits for a screen that handles nothing meanwhile (stuck) before it goes anyway: a
stuck screen never stops the till. Not less: on a loaded machine the report screen's first mount,
beside the thread reading the history, took over 2 s."""
SETTLE_CAP = 60.0
"""Seconds a key waits at most for a screen that keeps handling messages without ever emptying its
queues. A screen that is slow but not stuck is waited for: under a CPU hog the report screen took
over 5 s in all to settle, and the keys typed after Esc went to the screen it was closing."""


class TakesKeys:
    """A screen that takes every key itself, the moment it is handed one."""

    @property
    def taking_keys(self) -> bool:
        """False while the screen is on its way out (signed in, signed out): keys wait for the next."""
        return True

    async def take_key(self, key: str, character: str | None) -> bool:
        """Act on one key. False: not this screen's; if the key closed it, the key goes on to the
        screen it uncovered, else to the app's bindings (F1 help on the sign-in)."""
        raise NotImplementedError

    async def take_paste(self, text: str) -> bool:
        return False


class KeyRouter:
    def __init__(self, app: App[Any], textual_way: Callable[[events.Event], Awaitable[None]]) -> None:
        self._app = app
        self._textual_way = textual_way
        self._waiting: deque[events.Key | events.Paste] = deque()
        self._draining = False
        self._unsettled = False
        """The last key went Textual's way: the next waits for the queues to empty."""

    async def arrived(self, event: events.Key | events.Paste) -> None:
        """A key or paste from the terminal, in the app's own turn."""
        if self._app.return_code is not None:
            return  # the app is closing: keys typed after quitting go nowhere
        parts: list[events.Key | events.Paste] = [event]
        if isinstance(event, events.Key):
            keys = split_keys(event.key, event.character)
            if len(keys) > 1:
                parts = [events.Key(key, character) for key, character in keys]
        for part in parts:
            if self._waiting or self._draining or not self._ready_now():
                self._waiting.append(part)
            else:
                await self._deliver(part)
        if self._waiting and not self._draining:
            self._draining = True
            self._app.run_worker(self._drain(), group="keys", description="keys in turn")

    async def _drain(self) -> None:
        try:
            while self._waiting:
                await self._settle()
                await self._deliver(self._waiting.popleft())
        finally:
            self._draining = False

    @property
    def held(self) -> int:
        """Keys typed and not handed on yet."""
        return len(self._waiting)

    @property
    def at_rest(self) -> bool:
        """Every key typed has been handed on and the app and the screen on top hold nothing more."""
        screen = self._top()
        return (
            not self._waiting
            and not self._draining
            and screen is not None
            and not any(map(_busy, self._pumps(screen)))
        )

    def _top(self) -> Screen[Any] | None:
        try:
            return self._app.screen
        except ScreenStackError:
            return None

    def _ready_now(self) -> bool:
        screen = self._top()
        return (
            not self._unsettled and isinstance(screen, TakesKeys) and screen.is_mounted and screen.taking_keys
        )

    async def _settle(self) -> None:
        """Until the screen on top takes keys, or every queue of the app and of that screen is empty,
        or a turn of them has not ended within SETTLE_LIMIT (stuck), or SETTLE_CAP has passed."""
        cap = time.monotonic() + SETTLE_CAP
        while not self._ready_now() and time.monotonic() < cap:
            screen = self._top()
            if screen is None:  # the first screen is not up yet
                await asyncio.sleep(0.001)
                continue
            if not await _one_turn(self._pumps(screen), min(cap, time.monotonic() + SETTLE_LIMIT)):
                break
            if self._top() is screen and screen.is_mounted and not any(map(_busy, self._pumps(screen))):
                break
        self._unsettled = False

    def _pumps(self, screen: Screen[Any]) -> list[MessagePump]:
        return [self._app, *screen.walk_children(with_self=True)]

    async def _deliver(self, event: events.Key | events.Paste) -> None:
        app = self._app
        if app.return_code is not None:
            return  # the app is closing: later keys go nowhere, as keys typed after it closed
        screen = self._top()
        if isinstance(event, events.Paste):
            if isinstance(screen, TakesKeys) and await screen.take_paste(event.text):
                return
        elif not event.key.startswith("ctrl+"):  # Ctrl keys are the app's: quit, the finder
            while isinstance(screen, TakesKeys):
                if await screen.take_key(event.key, event.character):
                    return
                if self._top() is screen:
                    break
                screen = self._top()  # it closed on a key it does not take: the key goes on
        self._unsettled = True
        await self._textual_way(event)


async def _one_turn(pumps: list[MessagePump], deadline: float) -> bool:
    """Until each pump has handled what it held: a call queued behind it all has run. False when the
    deadline came first."""
    turned = asyncio.Event()
    waiting = 0

    def one_done() -> None:
        nonlocal waiting
        waiting -= 1
        if not waiting:
            turned.set()

    for pump in pumps:
        if pump.call_later(one_done):
            waiting += 1
    if not waiting:
        await asyncio.sleep(0.001)  # none running yet (a screen just pushed): let them start
        return True
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(turned.wait(), max(0.0, deadline - time.monotonic()))
    return turned.is_set()


def _busy(pump: MessagePump) -> bool:
    """Messages queued, or calls waiting for the pump's next turn (a closed screen's answer)."""
    return bool(pump.message_queue_size or pump._next_callbacks)
