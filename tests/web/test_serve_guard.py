"""`pos serve` answers as itself only: its own names (DNS rebinding), its own page's origin (any
page the browser shows could open a session), nothing listed, and every answer tells the
browser to run no other script and show the page in no frame."""

from __future__ import annotations

import asyncio
import email.parser
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import aiohttp
import pytest

from tests.support.served import serving


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("data")
    with serving("--data", str(data)) as address:
        yield address, data


def fetch(address: str, path: str = "/", host: str | None = None) -> tuple[int, Message, str]:
    request = urllib.request.Request(address + path, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read().decode()


def test_another_host_name_is_refused_and_the_page_names_the_servers_own(served: tuple[str, Path]) -> None:
    address, _ = served
    port = address.rsplit(":", 1)[1]
    for path in ("/", "/static/js/textual.js", "/ws"):
        status, _, body = fetch(address, path, host=f"evil.example:{port}")
        assert status == 403 and "evil" not in body
    for host in (f"127.0.0.1:{port}", f"LOCALHOST:{port}"):
        status, _, page = fetch(address, host=host)
        assert status == 200
        # the server's own spelling of the address, never the header's text
        assert re.findall(r'(?:ws|http)s?://[^"\s]+', page) == [f"ws://{host.lower()}/ws"]


def test_a_session_opens_only_from_the_servers_own_page(served: tuple[str, Path]) -> None:
    address, _ = served
    port = address.rsplit(":", 1)[1]

    async def refused(origin: str | None) -> int:
        async with aiohttp.ClientSession() as client:
            try:
                url = f"{address.replace('http', 'ws')}/ws?width=80&height=24"
                async with client.ws_connect(url, origin=origin, timeout=aiohttp.ClientWSTimeout(ws_close=2)):
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    for origin in ("http://evil.example", f"http://127.0.0.1:{port}.evil.example", "null", None):
        assert asyncio.run(refused(origin)) == 403, origin


def test_every_answer_forbids_frames_sniffing_and_other_scripts(served: tuple[str, Path]) -> None:
    address, _ = served
    port = address.rsplit(":", 1)[1]
    for path, host, status in (
        ("/", None, 200),
        ("/static/js/textual.js", None, 200),
        ("/no-such-page", None, 404),
        ("/", "evil.example", 403),
    ):
        answered, headers, _ = fetch(address, path, host)
        assert answered == status
        policy = headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src 'self';" in policy
        assert "frame-ancestors 'none'" in policy
        assert (f"connect-src 'self' ws://127.0.0.1:{port};" in policy) == (host is None)
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"


def raw(address: str, request: bytes) -> tuple[int, Message]:
    """An answer to bytes sent as they are: what no browser or client library would send."""
    host, port = address.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    status_line, _, fields = head.partition("\r\n")
    return int(status_line.split()[1]), email.parser.HeaderParser().parsestr(fields)


def test_answers_aiohttp_makes_itself_carry_the_headers_too(served: tuple[str, Path]) -> None:
    address, _ = served
    port = address.rsplit(":", 1)[1]
    for request in (
        b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n",  # no Host
        b"GARBAGE / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",  # no method
        f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nBad Header: x\r\n\r\n".encode(),
        f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n"
        "Connection: close\r\n\r\n".encode(),  # a session's address, no websocket
    ):
        status, headers = raw(address, request)
        assert status == 400, request
        assert "default-src 'none'" in headers["Content-Security-Policy"], request
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], request
        assert headers["X-Frame-Options"] == "DENY", request
        assert headers["X-Content-Type-Options"] == "nosniff", request
        assert headers["Referrer-Policy"] == "no-referrer", request


def test_the_page_has_no_script_the_policy_would_block(served: tuple[str, Path]) -> None:
    page = fetch(served[0])[2]
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/js/textual.js">']
    assert not re.search(r"\son[a-z]+\s*=", page, re.IGNORECASE), "no inline event handler"
    assert not re.search(r"(src|href)=\"(https?:)?//", page), "nothing from another site"


def test_static_files_are_served_and_folders_not_listed(served: tuple[str, Path]) -> None:
    address, _ = served
    assert fetch(address, "/static/js/textual.js")[0] == 200
    for folder in ("/static/", "/static/js/", "/static/js", "/static/../static/"):
        status, _, body = fetch(address, folder)
        assert status == 404 and "textual.js" not in body, folder
