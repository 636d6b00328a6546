"""A real headless Chromium, driven over the DevTools protocol: it loads a page, types keys as a
person does (key events into the page), and tells what the page's websockets received.

Only what the tests need: navigate, press keys, read the page's websocket traffic as text,
evaluate a line of JavaScript.
"""

from __future__ import annotations

import asyncio
import base64
import codecs
import itertools
import json
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import aiohttp

from tests.support.served import ESCAPES, F10

CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
KEYS = {
    "\r": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    " ": {"key": " ", "code": "Space", "windowsVirtualKeyCode": 32, "text": " "},
    F10: {"key": "F10", "code": "F10", "windowsVirtualKeyCode": 121},
}
"""Keys by what a terminal would send for them (as the websocket tests write them); any other
is a character typed as it is."""


def find_chromium() -> str | None:
    return next((found for name in CHROMIUMS if (found := shutil.which(name))), None)


class Page:
    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self._websocket = websocket
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.received = ""
        """What the page's websockets brought, as text without terminal escapes."""
        self._reader = asyncio.get_running_loop().create_task(self._read())

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self._ids)
        answer = asyncio.get_running_loop().create_future()
        self._waiting[number] = answer
        await self._websocket.send_json({"id": number, "method": method, "params": params})
        return await asyncio.wait_for(answer, 20)

    async def _read(self) -> None:
        async for message in self._websocket:
            data = json.loads(message.data)
            if "id" in data:
                future = self._waiting.pop(data["id"])
                if "error" in data:
                    future.set_exception(AssertionError(f"DevTools: {data['error']}"))
                else:
                    future.set_result(data.get("result", {}))
            elif data.get("method") == "Network.webSocketFrameReceived":
                frame = data["params"]["response"]
                if frame["opcode"] == 2:  # the terminal's bytes
                    text = self._decoder.decode(base64.b64decode(frame["payloadData"]))
                    self.received += ESCAPES.sub("", text)

    async def press(self, keys: Sequence[str]) -> None:
        """Each key as the keyboard sends it to the focused element (xterm's hidden textarea):
        what a terminal sends for one key (F10), else each character of the text."""
        for key in (key for text in keys for key in ((text,) if text in KEYS else text)):
            event = KEYS.get(key, {"key": key, "text": key})
            await self.send("Input.dispatchKeyEvent", type="keyDown", **event)
            await self.send("Input.dispatchKeyEvent", type="keyUp", key=event["key"])

    async def until(self, words: str, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while words not in self.received:
            if time.monotonic() > deadline:
                raise AssertionError(f"{words!r} never reached the page: {self.received[-800:]!r}")
            await asyncio.sleep(0.05)

    async def click(self, selector: str) -> None:
        """A click in the middle of the element, as a person gives the terminal the keyboard."""
        box = await self.evaluate(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            await self.send(
                "Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1
            )

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def until_true(self, expression: str, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while not await self.evaluate(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"{expression} never held")
            await asyncio.sleep(0.1)

    def close(self) -> None:
        self._reader.cancel()


@asynccontextmanager
async def browser_page(chromium: str, profile: Path, url: str) -> AsyncIterator[Page]:
    """Chromium, headless and on its own profile, with `url` loading in its one tab."""
    process = subprocess.Popen(
        [
            chromium,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-extensions",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port = await _devtools_port(profile, process)
        async with aiohttp.ClientSession() as client:
            async with client.get(f"http://127.0.0.1:{port}/json/list") as answer:
                targets = await answer.json()
            target = next(target for target in targets if target["type"] == "page")
            async with client.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as websocket:
                page = Page(websocket)
                try:
                    await page.send("Network.enable")
                    await page.send("Page.enable")
                    await page.send(
                        "Emulation.setFocusEmulationEnabled", enabled=True
                    )  # headless has no window focus
                    await page.send("Page.navigate", url=url)
                    yield page
                finally:
                    page.close()
    finally:
        process.terminate()
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        if process.poll() is None:
            process.kill()


async def _devtools_port(profile: Path, process: subprocess.Popen[bytes], seconds: float = 20) -> int:
    """Chromium writes the port it chose for DevTools in its profile."""
    active = profile / "DevToolsActivePort"
    deadline = time.monotonic() + seconds
    while not (active.exists() and active.read_text().strip()):
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError("Chromium did not start its DevTools server")
        await asyncio.sleep(0.05)
    return int(active.read_text().split()[0])
