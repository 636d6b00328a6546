"""What `pos serve` answers, and what it tells the browser to allow.

Only its own names are served (another Host is a page of another site that had the
browser's name for this machine changed: DNS rebinding); a session's websocket opens
only from its own page (any page the browser shows could otherwise open one); every
answer forbids framing, sniffing and inline or foreign scripts; no folder is listed.
"""

from __future__ import annotations

import functools

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from pos.web.addresses import Reach

SESSION_PATH = "/ws"

HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def guard(reach: Reach) -> Middleware:
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        host = reach.host_of(request.headers.get("Host"))
        if host is None:
            raise web.HTTPForbidden(text="pos serve: not an address of this server\n")
        if request.path == SESSION_PATH and request.headers.get("Origin", "").lower() != f"http://{host}":
            raise web.HTTPForbidden(text="pos serve: a session opens only from its own page\n")
        try:
            return await handler(request)
        except web.HTTPForbidden:  # what aiohttp answers for a folder of /static/: nothing is there to see
            raise web.HTTPNotFound() from None

    return middleware


def answering_as_itself(app: web.Application, reach: Reach) -> None:
    """Every answer carries the headers, whatever made it (a page, a file, an error, a websocket),
    the 400 aiohttp sends itself for a request it cannot read too (no Host, no method, a bad
    header), which no application hook sees (aio-libs/aiohttp#6463): the application's requests
    are of a class that adds them as any answer to one is prepared."""

    class Guarded(web.Request):
        async def _prepare_hook(self, response: web.StreamResponse) -> None:
            _add_headers(reach, self, response)
            await super()._prepare_hook(response)

    # aiohttp's request factory, told the class: the one way to reach the answers it makes itself
    app._make_request = functools.partial(app._make_request, _cls=Guarded)  # type: ignore[method-assign]


def _add_headers(reach: Reach, request: web.BaseRequest, response: web.StreamResponse) -> None:
    host = reach.host_of(request.headers.get("Host"))
    connect = f"'self' ws://{host}" if host else "'self'"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; script-src 'self'; "
        f"connect-src {connect}; "
        # xterm.js writes its own <style> elements
        "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    response.headers.update(HEADERS)
