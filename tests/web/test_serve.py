"""`pos serve` as a browser uses it: the page over HTTP, a session over its websocket."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from pathlib import Path

import aiohttp

from pos.core.scores import ScoreBook
from tests.conftest import REPO
from tests.web.served import F10, Session, serving, wait_for_file

SCRIPT = f"""[drill]
name = "One cola"
menu = "{(REPO / "tests" / "menus" / "burger_counter_v1.toml").as_posix()}"
now = "2026-11-23T12:15:00"

[[customer]]
says = "A small cola, please."
order = ["50"]
accepts = ["upsell"]
"""
PERFECT = ["50\r", " ", "y", " ", "n", F10, " ", "n", "\r", "\r"]
"""Upsell asked, yes; cross-sell asked, no; the checkout offer asked, no; the exact amount."""


async def play(address: str, cashier: str, together: asyncio.Barrier | None = None) -> None:
    url = address.replace("http", "ws") + "/ws?width=100&height=30"
    async with aiohttp.ClientSession() as client, client.ws_connect(url) as websocket:
        session = Session(websocket)
        await session.until("Cashier")
        if together is not None:  # every session's process is up (and holds its terminal) before any plays
            await together.wait()
        await session.keys([f"{cashier}\r", *PERFECT])  # one burst, as a paste or a quick hand sends them
        await session.until("DRILL DONE")
        await session.until("Score 100")
        await session.keys(["\r"])
        await session.until_closed()


def test_a_browser_session_plays_a_scripted_customer_into_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    script = tmp_path / "one.toml"
    script.write_text(SCRIPT, encoding="utf-8")
    with serving("--data", str(data), "--script", str(script)) as address:
        page = urllib.request.urlopen(address, timeout=5).read().decode()
        assert f"{address.replace('http', 'ws')}/ws" in page
        asyncio.run(play(address, "ANN"))
    (saved,) = ScoreBook(data).history()
    assert (saved["cashier"], saved["drill"], saved["score"]) == ("ANN", "One cola", 100)
    (prompts,) = data.glob("log/*/WEB1.prompts.jsonl")
    events = [json.loads(line) for line in wait_for_file(prompts, '"checkout"').splitlines()]
    assert {event["mode"] for event in events} == {"training"}
    assert [(event["kind"], event["outcome"]) for event in events] == [
        ("upsell", "accepted"),
        ("cross_sell", "declined"),
        ("checkout", "declined"),
    ]


def test_two_browser_sessions_are_two_terminals_and_two_trainees(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    script = tmp_path / "one.toml"
    script.write_text(SCRIPT, encoding="utf-8")
    with serving("--data", str(data), "--script", str(script)) as address:

        async def both() -> None:
            together = asyncio.Barrier(2)
            await asyncio.gather(play(address, "ANN", together), play(address, "BOB", together))

        asyncio.run(both())
    assert sorted(row["cashier"] for row in ScoreBook(data).history()) == ["ANN", "BOB"]
    for terminal in ("WEB1", "WEB2"):  # each process writes its order as it exits
        (day,) = data.glob("log/*")
        wait_for_file(day / f"{terminal}.orders.jsonl", '"paid"')


def test_the_report_screen_is_served_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()

    async def look(address: str) -> None:
        url = address.replace("http", "ws") + "/ws?width=100&height=30"
        async with aiohttp.ClientSession() as client, client.ws_connect(url) as websocket:
            session = Session(websocket)
            await session.until("selling report")
            await session.keys(["\x1b"])  # Escape leaves the report screen: the session ends
            await session.until_closed()

    with serving("--data", str(data), "--report") as address:
        asyncio.run(look(address))
