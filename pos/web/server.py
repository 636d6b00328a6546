"""textual-serve's server, answering only as itself: its own names and origin (pos.web.guard),
its own page (no inline script, the addresses it was given), sessions within bounds that
end with their browser (pos.web.session)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from rich.text import Text
from textual_serve.server import Server

from pos.core.log.terminal_pool import POOL_SIZE
from pos.web.addresses import Reach
from pos.web.guard import SESSION_PATH, answering_as_itself, guard
from pos.web.messages import first_size, relay
from pos.web.session import SessionApp, terminal_lines

log = logging.getLogger("textual-serve")

TEMPLATES = Path(__file__).parent / "templates"
FONT_SIZES = (8, 40)
LARGEST_MESSAGE = 1024 * 1024
"""From a browser: keys, a paste, a size."""


class PosServer(Server):
    def __init__(
        self,
        argv: list[str],
        *,
        reach: Reach,
        title: str,
        announce: Text,
        sessions: int = POOL_SIZE,
        end_seconds: float = 3.0,
    ) -> None:
        """`argv`: what each session runs; `sessions`: at most this many at once (the terminal
        pool's size); `end_seconds`: how long an app is given to quit, then to stop."""
        super().__init__(" ".join(argv), host=reach.bind, port=reach.port, title=title)
        self.argv = argv
        self.reach = reach
        self.announce = announce
        self.sessions = sessions
        self.end_seconds = end_seconds
        self.live: dict[SessionApp, web.WebSocketResponse] = {}
        self.endings: set[asyncio.Future[None]] = set()

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[guard(self.reach)])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get(SESSION_PATH, self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        answering_as_itself(app, self.reach)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def make_app(self) -> web.Application:
        """The aiohttp application `serve()` runs (for a test server)."""
        return await self._make_app()

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(self.announce)

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        try:
            font_size = min(max(int(request.query.get("fontsize", "16")), FONT_SIZES[0]), FONT_SIZES[1])
        except ValueError:
            font_size = 16
        # the server's own name for the address the browser used (the guard let no other in), not the header
        host = self.reach.host_of(request.headers.get("Host"))
        return {"title": self.title, "font_size": font_size, "websocket_url": f"ws://{host}{SESSION_PATH}"}

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=LARGEST_MESSAGE)
        await websocket.prepare(request)
        if len(self.live) >= self.sessions:
            await websocket.send_bytes(terminal_lines(self.full()))
            await websocket.close()
            return websocket
        app = SessionApp(self.argv, websocket, self.download_manager, self.debug)
        self.live[app] = websocket
        try:
            await app.start(*first_size(request.query))
            await relay(websocket, app)
        except Exception as error:  # the server's console gets a line, not a traceback
            log.warning("a session ended on an error: %s", error)
        finally:
            # to the end even when the handler is cancelled (its connection lost, the server stopping)
            ending = asyncio.ensure_future(self.end(app, websocket))
            self.endings.add(ending)
            ending.add_done_callback(self.endings.discard)
            await asyncio.shield(ending)
        return websocket

    async def end(self, app: SessionApp, websocket: web.WebSocketResponse) -> None:
        await app.end(self.end_seconds)
        self.live.pop(app, None)
        await websocket.close()

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: every session ended now (the server would wait a minute for their pages)."""
        await asyncio.gather(
            *(self.end(session, websocket) for session, websocket in list(self.live.items()))
        )

    def full(self) -> list[str]:
        return [
            "This session could not start:",
            "",
            f"all {self.sessions} sessions this server runs at once are in use.",
            "",
            "Close another session's page, or try again later.",
        ]
