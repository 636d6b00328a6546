"""`pos serve` run for real on a free port, and a websocket client that plays a browser's part.

The client speaks textual-serve's protocol as its page script does: JSON text
frames carry keys (`["stdin", text]`); binary frames carry what the terminal shows.
"""

from __future__ import annotations

import codecs
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import aiohttp

from tests.conftest import REPO

ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")
F10 = "\x1b[21~"
START_SECONDS = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(*options: str) -> Iterator[str]:
    """`pos serve` on a free port until the block ends; yields its address."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pos", "serve", "--port", str(port), *options],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                urllib.request.urlopen(address, timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read().decode() if server.stdout else ""
                    raise AssertionError(f"pos serve did not start: {output}") from None
                time.sleep(0.1)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=10)


class Session:
    """One browser session: the screen's text so far, and keys to send."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.text = ""
        self.closed = False
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    async def keys(self, keys: Sequence[str]) -> None:
        for key in keys:
            await self.websocket.send_json(["stdin", key])

    async def until(self, words: str, seconds: float = 20) -> None:
        """Read what the app draws until `words` show (or the session ends)."""
        deadline = time.monotonic() + seconds
        while words not in self.text:
            left = deadline - time.monotonic()
            if left <= 0 or self.closed:
                raise AssertionError(f"{words!r} never showed; the screen's last text: {self.text[-800:]!r}")
            try:
                message = await self.websocket.receive(timeout=left)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.text += ESCAPES.sub("", self._decoder.decode(message.data))
            elif message.type in (
                aiohttp.WSMsgType.CLOSE,
                aiohttp.WSMsgType.CLOSED,
                aiohttp.WSMsgType.CLOSING,
            ):
                self.closed = True

    async def until_closed(self, seconds: float = 20) -> None:
        """The app exited: the server closes the session's websocket."""
        deadline = time.monotonic() + seconds
        while not self.closed:
            left = deadline - time.monotonic()
            assert left > 0, "the session's app did not exit"
            message = await self.websocket.receive(timeout=left)
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
                self.closed = True


@asynccontextmanager
async def opened(address: str, query: str = "width=100&height=30") -> AsyncIterator[Session]:
    """A session's websocket, opened as the server's own page opens it (from its origin)."""
    url = f"{address.replace('http', 'ws')}/ws?{query}"
    async with aiohttp.ClientSession() as client, client.ws_connect(url, origin=address) as websocket:
        yield Session(websocket)


def wait_for_file(path: Path, words: str, seconds: float = 10) -> str:
    """A session's process writes its last records as it exits, just after the websocket closes."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and words in (text := path.read_text(encoding="utf-8")):
            return text
        time.sleep(0.1)
    raise AssertionError(f"{path}: {words!r} never written")
