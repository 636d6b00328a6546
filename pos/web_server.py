"""textual-serve's server, made to answer at whatever address the browser used."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from rich.text import Text
from textual_serve.server import Server


class PosServer(Server):
    def __init__(self, command: str, *, host: str, port: int, title: str, announce: Text) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.announce = announce

    async def handle_index(self, request: web.Request) -> Any:
        # The page tells the browser where the session's websocket is. A server opened with
        # --host 0.0.0.0 is reached by the store's own address, so that address is the one to name.
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(self.announce)
