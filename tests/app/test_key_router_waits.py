"""The key router waits for a screen that is slow, however long it stays busy, and not for one that is
stuck: keys typed after Esc reach the screen Esc uncovers, and a screen that handles nothing more never
holds the keys typed after it (`pos.key_router`)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from pos import key_router
from pos.key_router import KeyRouter
from tests.support.app_harness import key_event

LIMIT = 0.3
"""The router's wait for a screen that handles nothing, shortened for the test."""
STEPS = 20
"""Turns of 0.05 s the busy screen takes: 1 s in all, past LIMIT, each turn well within it."""


class Base(Screen[None]):
    def __init__(self) -> None:
        super().__init__()
        self.typed: list[str] = []

    def on_key(self, event: events.Key) -> None:
        if event.key == "x":
            self.app.push_screen(Busy())
        elif event.key == "s":
            self.app.push_screen(Stuck())
        else:
            self.typed.append(event.key)


class Busy(Screen[None]):
    """Keeps its queue from emptying for STEPS turns, as the report screen did mounting beside the
    thread that reads the history on a loaded machine."""

    BINDINGS = [Binding("escape", "app.pop_screen")]

    class Step(Message):
        pass

    def __init__(self) -> None:
        super().__init__()
        self.steps = 0
        self.typed: list[str] = []

    def on_mount(self) -> None:
        self.post_message(self.Step())

    async def on_busy_step(self, _: Step) -> None:
        self.steps += 1
        if self.steps < STEPS:
            self.post_message(self.Step())  # before the work: the queue never empties meanwhile
        await asyncio.sleep(0.05)

    def on_key(self, event: events.Key) -> None:
        if event.key != "escape":
            self.typed.append(event.key)


class Stuck(Screen[None]):
    """Handles nothing after its first message: a handler that never returns."""

    class Hang(Message):
        pass

    def __init__(self) -> None:
        super().__init__()
        self.released = asyncio.Event()

    def on_mount(self) -> None:
        self.post_message(self.Hang())

    async def on_stuck_hang(self, _: Hang) -> None:
        await self.released.wait()


class Routed(App[None]):
    """Keys through the router, as `pos.app.PosApp` sends them."""

    def __init__(self) -> None:
        super().__init__()
        self.keys = KeyRouter(self, super().on_event)

    def get_default_screen(self) -> Screen[Any]:
        return Base()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self.keys.arrived(event)
        else:
            await super().on_event(event)


def burst(app: App[None], keys: list[str]) -> None:
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        driver.send_message(event)


async def test_a_slow_screen_is_waited_for_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(key_router, "SETTLE_LIMIT", LIMIT)
    app = Routed()
    async with app.run_test() as pilot:
        base = app.screen
        assert isinstance(base, Base)
        burst(app, ["x", "escape", "a", "b"])
        busy = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and base.typed != ["a", "b"]:
            busy = busy or next((screen for screen in app.screen_stack if isinstance(screen, Busy)), None)
            await pilot.pause(0.05)
        assert base.typed == ["a", "b"], "the keys typed after Esc reach the screen it uncovered"
        assert busy is not None and busy.typed == []
        assert busy.steps == STEPS, "Esc waited for all its work (at SETTLE_LIMIT it went at step 10)"


async def test_a_stuck_screen_does_not_hold_the_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(key_router, "SETTLE_LIMIT", LIMIT)
    app = Routed()
    async with app.run_test() as pilot:
        burst(app, ["s", "a", "b"])
        deadline = time.monotonic() + 10
        while not isinstance(app.screen, Stuck) and time.monotonic() < deadline:
            await asyncio.sleep(0.01)  # not `pilot.pause`: it waits for the stuck screen
        stuck = app.screen
        assert isinstance(stuck, Stuck)
        start = time.monotonic()
        held = [app.keys.held]
        while app.keys.held and time.monotonic() - start < 10:
            await asyncio.sleep(0.05)
            held.append(app.keys.held)
        assert max(held) > 0, "the keys typed after it were held"
        assert app.keys.held == 0, "then handed on within 10 s: at the stuck limit, not SETTLE_CAP (60 s)"
        stuck.released.set()
        await pilot.pause()  # the keys it held handled before the app closes
