"""One browser session's app process: started without a shell, its output relayed to the browser,
and ended with its browser.

textual-serve's AppService waits, when its browser goes, for the app to obey "quit": an app
blocked writing to a browser that is gone (a screen of 4000 x 4000) never reads it, and held
its memory and its terminal until the server stopped. Here the wait is bounded, then the
process is stopped, then killed; and its output is read to the end, browser or not.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import TypeVar

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from pos.core.base.text import printable

PRELUDE = b"__GANGLION__\n"
"""What a Textual app served this way writes first."""
ERRORS_KEPT = 64 * 1024
T = TypeVar("T", bytes, str)


class SessionApp(AppService):
    def __init__(
        self, argv: list[str], websocket: web.WebSocketResponse, downloads: DownloadManager, debug: bool
    ) -> None:
        super().__init__(
            " ".join(argv),
            write_bytes=to_browser(websocket, websocket.send_bytes),
            write_str=to_browser(websocket, websocket.send_str),
            close=lambda: close(websocket),
            download_manager=downloads,
            debug=debug,
        )
        self.argv = argv
        self.started = False
        self.errors = bytearray()
        """The end of what the app wrote to its standard error."""

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """Relay the app's output until it ends; then the browser is told why, if the app never
        started, and its page closed."""
        process = self._process
        assert process is not None and process.stdout is not None and process.stderr is not None
        errors = asyncio.create_task(self._keep_errors(process.stderr))
        try:
            with suppress(Exception):  # the app's output ended, or is not the protocol: its page closes
                self.started = await prelude(process.stdout)
                if self.started:
                    await self._relay(process.stdout)
        finally:
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(errors), 2)
            errors.cancel()
        if self.errors:
            sys.stdout.write(self.errors.decode("utf-8", "replace"))
        if not self.started:
            await self.remote_write_bytes(terminal_lines(not_started(bytes(self.errors))))
        await self.remote_close()

    async def _relay(self, stdout: asyncio.StreamReader) -> None:
        while True:
            kind = await stdout.readexactly(1)
            size = int.from_bytes(await stdout.readexactly(4), "big")
            payload = await stdout.readexactly(size)
            if kind == b"D":
                await self.on_data(payload)
            elif kind == b"M":
                await self.on_meta(payload)
            elif kind == b"P":
                await self.on_packed(payload)

    async def _keep_errors(self, stderr: asyncio.StreamReader) -> None:
        while data := await stderr.read(4096):
            self.errors += data
            del self.errors[:-ERRORS_KEPT]

    async def end(self, seconds: float) -> None:
        """Ask the app to quit; stop it if it has not within `seconds`; kill it if that fails too."""
        process = self._process
        if process is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
        for stop in (process.terminate, process.kill):
            if await exited(process, seconds):
                break
            with suppress(ProcessLookupError):
                stop()
        await exited(process, seconds)
        if self._task is not None:
            with suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self._task, seconds)


async def prelude(stdout: asyncio.StreamReader) -> bool:
    for _ in range(10):
        line = await stdout.readline()
        if not line:
            return False
        if line == PRELUDE:
            return True
    return False


async def exited(process: asyncio.subprocess.Process, seconds: float) -> bool:
    with suppress(asyncio.TimeoutError):
        await asyncio.wait_for(process.wait(), seconds)
    return process.returncode is not None


def to_browser(
    websocket: web.WebSocketResponse, send: Callable[[T], Awaitable[None]]
) -> Callable[[T], Awaitable[None]]:
    """Sends to the browser while it is there; after, the app's output is read and dropped, so
    the app never blocks writing it."""

    async def sending(data: T) -> None:
        if not websocket.closed:
            with suppress(ConnectionError):
                await send(data)

    return sending


async def close(websocket: web.WebSocketResponse) -> None:
    await websocket.close()


def not_started(errors: bytes) -> list[str]:
    """Why, in the app's own words (`pos: ...`), never a traceback."""
    said = [
        printable(line.removeprefix("pos: "))
        for line in errors.decode("utf-8", "replace").splitlines()
        if line.startswith("pos: ")
    ]
    reasons = said or ["the app did not start; the server's console says why"]
    return ["This session could not start:", "", *reasons, "", "Close this page, or try again later."]


def terminal_lines(lines: list[str]) -> bytes:
    """Lines as the page's terminal shows them."""
    return ("\r\n" + "".join(f"  {line}\r\n" for line in lines)).encode("utf-8")
