"""What a browser sends its session (textual-serve's page protocol), checked before the app sees it.

JSON text frames: `["stdin", text]`, `["resize", {"width": w, "height": h}]`, `["ping", text]`,
`["focus"]`, `["blur"]`. A size is kept within bounds (4000 x 4000 asked for a 16 MB screen
that no browser could take); anything else is dropped, and the session goes on.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService

COLUMNS = (10, 500)
ROWS = (5, 200)
"""From a phone's to a wall screen's in a small font."""
DEFAULT_SIZE = (80, 24)


def bounded(width: object, height: object) -> tuple[int, int] | None:
    """The size within bounds, or None when it is not a size."""
    if type(width) is not int or type(height) is not int:  # not a bool either
        return None
    return min(max(width, COLUMNS[0]), COLUMNS[1]), min(max(height, ROWS[0]), ROWS[1])


def first_size(query: Mapping[str, str]) -> tuple[int, int]:
    """The size the page asks for in the websocket's address (`?width=100&height=30`)."""
    try:
        asked = int(query.get("width", DEFAULT_SIZE[0])), int(query.get("height", DEFAULT_SIZE[1]))
    except ValueError:
        return DEFAULT_SIZE
    return bounded(*asked) or DEFAULT_SIZE


async def relay(websocket: web.WebSocketResponse, app: AppService) -> None:
    """The browser's messages to its app, until the browser goes."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
        except ValueError:
            continue
        if not (isinstance(envelope, list) and envelope and isinstance(envelope[0], str)):
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await app.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict):
            if size := bounded(data.get("width"), data.get("height")):
                await app.set_terminal_size(*size)
        elif kind == "ping" and isinstance(data, str):
            await websocket.send_json(["pong", data])
        elif kind == "focus":
            await app.focus()
        elif kind == "blur":
            await app.blur()
