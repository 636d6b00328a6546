"""A session's bounds and end: sizes kept within bounds before the app sees them, the app ended
(and its terminal freed) when its browser goes, and a session that cannot start says why in
the page. The server runs here in the test's own process, its sessions a stand-in app
(tests/support/fake_app.py) that starts at once; the last tests run `pos serve` and `pos drill`."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from rich.text import Text

from pos.core.base.errors import TerminalTaken
from pos.core.log.terminal_lock import TerminalLock
from pos.core.log.terminal_pool import POOL_SIZE
from pos.web.addresses import reach
from pos.web.server import PosServer
from tests.conftest import REPO
from tests.support.served import Session, free_port, opened, serving


@asynccontextmanager
async def served(
    argv: list[str], sessions: int = POOL_SIZE
) -> AsyncIterator[tuple[TestClient[web.Request, web.Application], str]]:
    """The server on a free port of 127.0.0.1; yields a client and the page's origin."""
    port = free_port()
    server = PosServer(
        argv, reach=reach("127.0.0.1", port), title="t", announce=Text(""), sessions=sessions, end_seconds=0.5
    )
    test_server = TestServer(await server.make_app(), host="127.0.0.1", port=port)
    async with TestClient(test_server) as client:
        yield client, f"http://127.0.0.1:{port}"


def fake_app(data: Path, mode: str) -> list[str]:
    return [sys.executable, str(REPO / "tests" / "support" / "fake_app.py"), str(data), mode]


async def terminal_freed(data: Path, seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            TerminalLock(data, "WEB1").release()
            return True
        except TerminalTaken:
            await asyncio.sleep(0.1)
    return False


async def test_sizes_are_kept_within_bounds_and_nonsense_is_dropped(data_dir: Path) -> None:
    async with (
        served(fake_app(data_dir, "obeys")) as (client, origin),
        client.ws_connect("/ws?width=4000&height=4000", origin=origin) as websocket,
    ):
        session = Session(websocket)
        await session.until("size 500x200", 5)
        for size, seen in (((4000, 4000), "500x200"), ((1, -3), "10x5"), ((120, 40), "120x40")):
            await websocket.send_json(["resize", {"width": size[0], "height": size[1]}])
            await session.until(f"size {seen}", 5)
        for nonsense in ("not json", "[]", '{"a": 1}', '["stdin", 5]', '["resize", {"width": "wide"}]'):
            await websocket.send_str(nonsense)
        await websocket.send_json(["resize", {"width": True, "height": 30}])
        await websocket.send_json(["stdin", "k"])
        await session.until("keys k", 5)
        assert session.text.endswith("size 120x40keys k"), "nothing else reached the app"


async def test_an_app_that_will_not_quit_is_ended_when_its_browser_goes(data_dir: Path) -> None:
    async with served(fake_app(data_dir, "stuck")) as (client, origin):
        async with client.ws_connect("/ws", origin=origin) as websocket:
            await Session(websocket).until("size 80x24", 5)
        assert await terminal_freed(data_dir), "the app still holds its terminal"


async def test_a_page_of_another_origin_starts_no_app(data_dir: Path) -> None:
    async with served(fake_app(data_dir, "obeys")) as (client, _):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", origin="http://evil.example")
        assert refused.value.status == 403
        await asyncio.sleep(0.5)
        assert not (data_dir / "locks").exists(), "an app was started"


async def test_a_full_server_says_so_in_the_page_without_starting_an_app(data_dir: Path) -> None:
    async with (
        served(fake_app(data_dir, "obeys"), sessions=1) as (client, origin),
        client.ws_connect("/ws", origin=origin) as first,
    ):
        await Session(first).until("size", 5)
        async with client.ws_connect("/ws", origin=origin) as second:
            refused = Session(second)
            await refused.until("all 1 sessions this server runs at once are in use", 5)
            await refused.until_closed(5)


async def test_an_app_that_cannot_start_says_why_in_the_page_and_never_a_traceback(data_dir: Path) -> None:
    fails = (
        "import sys; sys.stderr.write('Traceback (most recent call last):\\npos: the data folder is full\\n')"
    )
    async with (
        served([sys.executable, "-c", fails]) as (client, origin),
        client.ws_connect("/ws", origin=origin) as websocket,
    ):
        session = Session(websocket)
        await session.until("the data folder is full", 5)
        await session.until_closed(5)
        assert "could not start" in session.text and "Traceback" not in session.text


@pytest.fixture(scope="module")
def pos_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("data")
    with serving("--data", str(data)) as address:
        yield address, data


def test_every_terminal_taken_the_page_says_so(pos_served: tuple[str, Path]) -> None:
    address, data = pos_served

    async def look() -> str:
        async with opened(address) as session:
            await session.until("are all in use", 15)
            await session.until_closed(5)
            return session.text

    taken = [TerminalLock(data, f"WEB{number}") for number in range(1, POOL_SIZE + 1)]
    try:
        text = asyncio.run(look())
    finally:
        for lock in taken:
            lock.release()
    assert "terminals WEB1 to WEB99 are all in use" in text and "Traceback" not in text


def test_a_drill_asked_for_4000_by_4000_goes_on_and_ends_with_its_browser(
    pos_served: tuple[str, Path],
) -> None:
    """At 4000 x 4000 the app drew a 16 MB screen: the browser gave up, and the app, blocked
    writing it, held its terminal until the server stopped."""
    address, data = pos_served

    async def play() -> None:
        async with opened(address) as session:
            await session.until("Cashier")
            await session.websocket.send_json(["resize", {"width": 4000, "height": 4000}])
            await session.keys(["ANN\r"])
            await session.until("The customer says", 15)

    asyncio.run(play())
    assert asyncio.run(terminal_freed(data)), "the drill still holds its terminal"
