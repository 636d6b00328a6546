"""`pos serve` as a browser uses it: the page over HTTP, a session over its websocket."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from pathlib import Path

import pytest

from pos.core.training.scores import ScoreBook
from tests.conftest import REPO
from tests.support.browser import browser_page, find_chromium
from tests.support.hand_logs import order, prompt, write
from tests.support.served import F10, opened, serving, wait_for_file

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
    async with opened(address) as session:
        await session.until("Cashier")
        if together is not None:  # every session's process is up (and holds its terminal) before any plays
            await together.wait()
        await session.keys([f"{cashier}\r", *PERFECT])  # one burst, as a paste or a quick hand sends them
        await session.until("DRILL DONE")
        await session.until("Score 100")
        await session.keys(["\r"])
        await session.until_closed()


def test_browser_sessions_play_a_scripted_customer_each_as_their_own_terminal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    script = tmp_path / "one.toml"
    script.write_text(SCRIPT, encoding="utf-8")
    with serving("--data", str(data), "--script", str(script)) as address:
        page = urllib.request.urlopen(address, timeout=5).read().decode()
        assert f"{address.replace('http', 'ws')}/ws" in page

        async def both() -> None:
            together = asyncio.Barrier(2)
            await asyncio.gather(play(address, "ANN", together), play(address, "BOB", together))

        asyncio.run(both())
    saved = sorted(ScoreBook(data).history(), key=lambda row: row["cashier"])
    assert [(row["cashier"], row["drill"], row["score"]) for row in saved] == [
        ("ANN", "One cola", 100),
        ("BOB", "One cola", 100),
    ]
    for terminal in ("WEB1", "WEB2"):  # each process writes its last records as it exits
        (day,) = data.glob("log/*")
        wait_for_file(day / f"{terminal}.orders.jsonl", '"paid"')
        prompts = (day / f"{terminal}.prompts.jsonl").read_text(encoding="utf-8").splitlines()
        events = [json.loads(line) for line in prompts]
        assert {event["mode"] for event in events} == {"training"}
        assert [(event["kind"], event["outcome"]) for event in events] == [
            ("upsell", "accepted"),
            ("cross_sell", "declined"),
            ("checkout", "declined"),
        ]


def test_the_report_screen_is_served_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    write(data, [prompt(cashier="QX7")])
    write(data, [order(cashier="QX7")], "orders")

    async def look(address: str) -> None:
        async with opened(address) as session:
            await session.until("selling report")
            await session.until("QX7")  # the folder's own cashier, read from its log
            await session.keys(["\x1b"])  # Escape leaves the report screen: the session ends
            await session.until_closed()

    with serving("--data", str(data), "--report") as address:
        asyncio.run(look(address))


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium here (apt-get install chromium)")
def test_a_real_browser_plays_a_scripted_customer(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    script = tmp_path / "one.toml"
    script.write_text(SCRIPT, encoding="utf-8")
    chromium = find_chromium()
    assert chromium is not None

    async def play(address: str) -> None:
        async with browser_page(chromium, tmp_path / "profile", address) as page:
            await page.until("Cashier")
            await page.click("#terminal")
            await page.until_true("document.activeElement?.classList.contains('xterm-helper-textarea')")
            await page.press(["ANN\r", *PERFECT])  # the same keys as the websocket sessions send
            await page.until("Score 100")
            await page.press(["\r"])
            await page.until_true("document.body.classList.contains('-closed')")  # "Session ended."

    with serving("--data", str(data), "--script", str(script)) as address:
        asyncio.run(play(address))
    (saved,) = ScoreBook(data).history()
    assert (saved["cashier"], saved["drill"], saved["score"]) == ("ANN", "One cola", 100)
    (day,) = data.glob("log/*")
    wait_for_file(day / "WEB1.orders.jsonl", '"paid"')
    events = [
        json.loads(line) for line in (day / "WEB1.prompts.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert {event["mode"] for event in events} == {"training"}
    assert [(event["kind"], event["outcome"]) for event in events] == [
        ("upsell", "accepted"),
        ("cross_sell", "declined"),
        ("checkout", "declined"),
    ]
