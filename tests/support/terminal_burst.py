"""Keys as a terminal sends them in one read, through Textual's own parser: "Esc 2" arrives as "™"."""

from __future__ import annotations

from collections.abc import Sequence

from textual._xterm_parser import XTermParser
from textual.pilot import Pilot

from tests.support.app_harness import handled

BYTES = {
    "enter": "\r",
    "escape": "\x1b",
    "backspace": "\x7f",
    "space": " ",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "ctrl+end": "\x1b[1;5F",
    "ctrl+p": "\x10",
    "ctrl+q": "\x11",
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
    **{f"f{n}": f"\x1b[{code}~" for n, code in zip(range(5, 11), (15, 17, 18, 19, 20, 21), strict=True)},
}
ESC_KEEPS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") | (
    BYTES.keys() - {"enter", "space", "ctrl+p", "ctrl+q"}
)
"""What may follow Esc in one read and still be told from it (see `reads`)."""


def reads(keys: Sequence[str]) -> list[str]:
    """The keys' bytes in one read, but where Textual's parser would lose an Esc before `pos` sees
    anything: it reads "Esc Enter" as Enter alone and "Esc +" as +, and "Esc y" as "^ y" when any
    key sent with an Esc (an arrow, F5, Esc) follows later in the same read or more than 31
    characters follow it. There the keys go in two reads, still all before the first is handled."""
    chunks = [""]
    for index, key in enumerate(keys):
        chunks[-1] += BYTES.get(key, key)
        if key == "escape" and _esc_lost(keys[index + 1 :]):
            chunks.append("")
    return chunks


def _esc_lost(after: Sequence[str]) -> bool:
    if not after:
        return False
    if after[0] not in ESC_KEEPS:
        return True
    letter = len(after[0]) == 1 and after[0].isalpha()
    return (letter and any("\x1b" in BYTES.get(key, key) for key in after[1:])) or _past_search(after)


def _past_search(after: Sequence[str]) -> bool:
    """More than Textual's parser searches after an Esc for the sequence it starts, before any other
    Esc: it then gives the Esc back as "^" (`_MAX_SEQUENCE_SEARCH_THRESHOLD`)."""
    read = "".join(BYTES.get(key, key) for key in after)
    return len(read.split("\x1b", 1)[0]) > SEARCHED


SEARCHED = 31
"""Characters Textual's parser reads after an Esc while it looks for a sequence."""


async def terminal_burst(pilot: Pilot[None], keys: Sequence[str]) -> None:
    """All keys as a terminal sends them in one go: none handled before the last arrives."""
    events = []
    for chunk in reads(keys):
        parser = XTermParser()
        events += [*parser.feed(chunk), *parser.feed("")]  # "" ends the read: a last Esc is Esc
    driver = pilot.app._driver
    assert driver is not None
    for event in events:
        event.set_sender(pilot.app)
        driver.send_message(event)
    await handled(pilot)
