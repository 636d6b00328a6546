"""What a counter learns from its store's own log: every terminal's answers to learned prompts,
read once and then only as they are appended, live answers only, each once."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pos.core.base import bounded_lines
from pos.core.base.clock import FixedClock
from pos.core.base.events import ChoiceContext
from pos.core.base.files import open_regular
from pos.core.log import learned_answers, learned_tallies
from pos.core.log.learned_answers import StoreAnswers
from pos.core.log.log_writer import LogWriter
from pos.core.selling.menu_loader import load_menu
from tests.conftest import MENUS
from tests.support.counter_kit import make_counter, type_keys
from tests.support.hand_logs import prompt, write

RULE = "add-on after a main"
"""The learned cross-sell of the bundled all-day menu."""
LUNCH = ChoiceContext(daypart="lunch", has=(), lines="1")
NOW = FixedClock(datetime(2026, 11, 23, 12, 15))
_orders: Iterator[int] = iter(range(1, 10**6))


def answer(
    offer: str = "40", outcome: str = "accepted", terminal: str = "T1", **fields: Any
) -> dict[str, Any]:
    """A learned prompt's event, each of a new order unless told."""
    return prompt(
        **{
            "kind": "cross_sell",
            "terminal": terminal,
            "order": f"{terminal}-20261123-{next(_orders):04d}",
            "offer": offer,
            "outcome": outcome,
            "rule": RULE,
            "seq": 1,
            "candidates": ["20", "9", "40"],
            "propensity": 0.25,
            "context": {"daypart": "lunch", "has": [], "lines": "1"},
            **fields,
        }
    )


def tally(answers: StoreAnswers, offer: str = "40") -> tuple[int, int]:
    return answers.answers().tally(RULE, LUNCH, offer)


def test_every_terminals_answers_count_each_once_live_and_asked_only(data_dir: Path) -> None:
    twice = answer(terminal="T2")
    write(
        data_dir,
        [
            answer(),
            answer(outcome="declined", terminal="T2"),
            twice,
            twice,  # a record written twice
            answer(outcome="skipped"),
            answer(outcome="held_out"),
            answer(mode="training"),
            answer(propensity=2),  # refused by the events spec: left out, as the reports leave it
            prompt(kind="cross_sell", offer="40", rule=RULE),  # the same offer, not learned
            answer(day="2026-11-01"),  # an older day
        ],
    )
    assert tally(StoreAnswers(data_dir, NOW).start()) == (3, 1)


def test_only_what_was_appended_since_is_read_and_a_new_terminal_too(data_dir: Path) -> None:
    write(data_dir, [answer(), answer()])
    answers = StoreAnswers(data_dir, NOW).start()
    assert tally(answers) == (2, 0)
    write(data_dir, [answer(outcome="declined"), answer(terminal="T3")])
    assert tally(answers) == (3, 1)
    assert tally(answers) == (3, 1), "nothing new: nothing more"


def test_a_line_still_being_written_counts_once_it_is_finished(data_dir: Path) -> None:
    write(data_dir, [answer()])
    answers = StoreAnswers(data_dir, NOW).start()
    path = data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl"
    next_line = json.dumps(answer()).encode() + b"\n"
    with path.open("ab") as handle:
        handle.write(next_line[:-40])
    assert tally(answers) == (1, 0)
    with path.open("ab") as handle:
        handle.write(next_line[-40:])
    assert tally(answers) == (2, 0)


def test_a_file_replaced_is_read_again_what_it_taught_taken_back(data_dir: Path) -> None:
    write(data_dir, [answer(), answer(), answer(outcome="declined")])
    answers = StoreAnswers(data_dir, NOW).start()
    assert tally(answers) == (2, 1)
    path = data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl"
    kept = path.read_bytes().splitlines(keepends=True)[0]
    replacement = path.with_name("new")
    replacement.write_bytes(kept)
    os.replace(replacement, path)
    assert tally(answers) == (1, 0)


def later(path: Path) -> None:
    """The file's time a second on: written after it was read, whatever the clock's tick (a file
    written over within the tick of its reading, as large, is seen at its next write)."""
    written = path.stat()
    os.utime(path, ns=(written.st_atime_ns, written.st_mtime_ns + 10**9))


def lines(*answers: dict[str, Any]) -> bytes:
    return b"".join(json.dumps(each).encode() + b"\n" for each in answers)


@pytest.mark.parametrize("larger", [0, 1, 300])
def test_a_file_written_over_in_place_is_read_again_what_it_taught_taken_back(
    data_dir: Path, larger: int
) -> None:
    """`cp backup T2.prompts.jsonl`: the same inode, as large or larger. Before, the old answers were
    never taken back and the new file's first bytes never read, so this terminal learned from what no
    other had: 100 yeses to the pie that the log no longer holds."""
    write(data_dir, [answer(terminal="T2") for _ in range(100)])
    answers = StoreAnswers(data_dir, NOW).start()
    assert tally(answers) == (100, 0)
    path = data_dir / "log" / "2026-11-23" / "T2.prompts.jsonl"
    size, inode = path.stat().st_size, path.stat().st_ino
    backup = lines(*(answer("20", "declined", "T2") for _ in range(100 + larger)))
    backup = backup[:size] if not larger else backup  # as large: its first `size` bytes, the last line cut
    with path.open("r+b") as handle:  # written over, never replaced
        handle.write(backup)
    later(path)
    assert path.stat().st_ino == inode and path.stat().st_size >= size
    assert tally(answers) == (0, 0)
    assert tally(answers, "20") == tally(StoreAnswers(data_dir, NOW).start(), "20")
    assert tally(answers, "20")[1] >= 99


def test_an_edit_in_place_of_the_last_line_read_is_read_again(data_dir: Path) -> None:
    write(data_dir, [answer() for _ in range(30)])
    answers = StoreAnswers(data_dir, NOW).start()
    assert tally(answers) == (30, 0)
    path = data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl"
    data = path.read_bytes()
    at = data.rindex(b'"accepted"')
    path.write_bytes(data[:at] + b'"declined"' + data[at + len(b'"accepted"') :])
    later(path)
    assert tally(answers) == (29, 1) == tally(StoreAnswers(data_dir, NOW).start())


def test_an_older_day_written_after_the_start_is_read_at_the_next(data_dir: Path) -> None:
    write(data_dir, [answer()])
    answers = StoreAnswers(data_dir, NOW).start()
    assert tally(answers) == (1, 0)
    write(data_dir, [answer(day="2026-11-10"), answer(day="2026-11-22")])
    assert tally(answers) == (2, 0), "yesterday is still read, an older day is not"
    assert tally(StoreAnswers(data_dir, NOW).start()) == (3, 0)


CLOSED = "2026-11-01"
"""A day before yesterday: no terminal writes to it any more."""


def files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the day folders whose prompt files are read from now on."""
    read: list[str] = []

    def opening(path: Path) -> int:
        read.append(path.parent.name)
        return open_regular(path)

    monkeypatch.setattr("pos.core.log.learned_answers.open_regular", opening)
    return read


def test_a_closed_days_answers_are_counted_once_and_kept_then_read_from_the_cache(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A year's start took a second or two reading every file; a closed day's tally is now kept, and
    the next start reads only today's and yesterday's files. Deleting the tally loses nothing."""
    write(data_dir, [answer(day=CLOSED), answer(day=CLOSED, terminal="T2"), answer(outcome="declined")])
    assert tally(StoreAnswers(data_dir, NOW).start()) == (2, 1)
    assert learned_tallies.tally_path(data_dir, CLOSED).is_file()
    assert not learned_tallies.tally_path(data_dir, "2026-11-23").exists(), "today is still written"
    read = files_read(monkeypatch)
    assert tally(StoreAnswers(data_dir, NOW).start()) == (2, 1)
    assert CLOSED not in read and "2026-11-23" in read
    learned_tallies.tally_path(data_dir, CLOSED).unlink()
    assert tally(StoreAnswers(data_dir, NOW).start()) == (2, 1)
    assert CLOSED in read


@pytest.mark.parametrize("change", ["appended", "written over", "a new terminal"])
def test_a_closed_day_written_since_its_tally_is_counted_again(data_dir: Path, change: str) -> None:
    """A clock set back, a backup copied over a file, a copy brought in: not what the tally counted."""
    write(data_dir, [answer(day=CLOSED), answer(day=CLOSED)])
    assert tally(StoreAnswers(data_dir, NOW).start()) == (2, 0)
    path = data_dir / "log" / CLOSED / "T1.prompts.jsonl"
    if change == "appended":
        write(data_dir, [answer(day=CLOSED)])
        want = (3, 0)
    elif change == "written over":
        with path.open("r+b") as handle:
            handle.write(path.read_bytes().replace(b'"accepted"', b'"declined"'))
        later(path)
        want = (0, 2)
    else:
        write(data_dir, [answer(day=CLOSED, terminal="T7")])
        want = (3, 0)
    assert tally(StoreAnswers(data_dir, NOW).start()) == want
    assert tally(StoreAnswers(data_dir, NOW).start()) == want, "counted again, and kept"


@pytest.mark.parametrize("damage", ["a count changed", "cut short", "not json", "its checksum made anew"])
def test_a_tally_damaged_or_written_by_hand_is_counted_again_from_the_log(
    data_dir: Path, damage: str
) -> None:
    """Only the bytes its checksum vouches for, as the log's own tally: a count changed and its
    checksum made anew too is counted again when it no longer names the files' identities."""
    write(data_dir, [answer(day=CLOSED), answer(day=CLOSED, outcome="declined")])
    StoreAnswers(data_dir, NOW).start().answers()
    path = learned_tallies.tally_path(data_dir, CLOSED)
    checksum, body = path.read_bytes().split(b"\n", 1)
    forged = body.replace(b",true,1]", b",true,900]")
    assert forged != body
    written = {
        "a count changed": checksum + b"\n" + forged,
        "cut short": checksum + b"\n" + body[:-9],
        "not json": hashlib.sha256(b"{").hexdigest().encode() + b"\n{",
        "its checksum made anew": hashlib.sha256(forged).hexdigest().encode() + b"\n" + forged,
    }[damage]
    path.write_bytes(written)
    if damage == "its checksum made anew":
        os.utime(data_dir / "log" / CLOSED / "T1.prompts.jsonl", ns=(1, 1))  # and the log touched
    assert tally(StoreAnswers(data_dir, NOW).start()) == (1, 1)
    assert path.read_bytes() == checksum + b"\n" + body or damage == "its checksum made anew", "kept anew"


@pytest.mark.skipif(os.name != "posix", reason="links as POSIX makes them")
def test_a_cache_that_is_a_link_is_neither_read_nor_written(data_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (data_dir / "cache").symlink_to(elsewhere)
    write(data_dir, [answer(day=CLOSED)])
    assert tally(StoreAnswers(data_dir, NOW).start()) == (1, 0)
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="links and FIFOs as POSIX makes them")
def test_a_link_or_a_fifo_among_the_logs_is_left_alone(data_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, [answer(terminal="T9")])
    write(data_dir, [answer()])
    folder = data_dir / "log" / "2026-11-23"
    (folder / "T9.prompts.jsonl").symlink_to(elsewhere / "log" / "2026-11-23" / "T9.prompts.jsonl")
    os.mkfifo(folder / "T8.prompts.jsonl")
    assert tally(StoreAnswers(data_dir, NOW).start()) == (1, 0)


def test_a_counter_offers_what_the_other_terminals_answers_say_sells(data_dir: Path) -> None:
    """T2's customers took the apple pie at lunch, never fries nor a hash brown: T1 offers the pie."""
    write(
        data_dir,
        [answer(terminal="T2") for _ in range(30)]
        + [answer(offer, "declined", "T2") for offer in ("20", "9") for _ in range(30)],
    )
    counter, _ = make_counter(load_menu(MENUS / "all_day_counter.toml"), log_to=data_dir)
    writer = counter.shop.recorder
    assert isinstance(writer, LogWriter)
    offered = []
    try:
        for _ in range(20):
            type_keys(counter, "1", "enter")
            assert counter.prompt is not None and counter.prompt.learned is not None
            offered.append(counter.prompt.item.code)
            type_keys(counter, "n", "f10", "enter")
            if (pending := writer.idle()) is not None:
                pending.result()  # its own no on disk before the next choice: the same choices every run
    finally:
        writer.close()
    assert offered.count("40") >= 15, offered


@pytest.mark.parametrize("seed", range(40))
def test_the_lines_holding_a_needle_are_those_that_reading_every_line_finds(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found a chunk at a time, with a line split across chunks, an unfinished last line and damage
    (a line longer than any record): as `lines` reads them one by one."""
    rng = random.Random(seed)
    monkeypatch.setattr(bounded_lines, "CHUNK", rng.choice([1, 2, 7, 16]))
    monkeypatch.setattr(bounded_lines, "MAX_LINE", bounded_lines.CHUNK + rng.choice([0, 5, 40]))
    pieces = [b"ab", b"x-NEEDLE-x", b"NEEDLE", b"", b"z" * 24, b"z" * 70]
    data = b"".join(rng.choice(pieces) + (b"\n" if rng.random() < 0.8 else b"") for _ in range(12))
    start = rng.choice([0, 3])
    want: list[bytes] = []
    end, damaged = start, False
    for end, line in bounded_lines.lines(io.BytesIO(data), start):  # noqa: B007 (its last end is wanted)
        if line is None:
            damaged = True
            break
        want += [line] if b"NEEDLE" in line else []
    assert bounded_lines.lines_holding(io.BytesIO(data), b"NEEDLE", start) == (end, want, damaged)


def test_a_damaged_file_is_read_to_its_damage_once(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another terminal's file of today made huge and sparse (`truncate -s`): what came before counts,
    nothing past it is read, and it is not read again at each choice while it stays so."""
    write(data_dir, [answer(terminal="T2")])
    path = data_dir / "log" / "2026-11-23" / "T2.prompts.jsonl"
    with path.open("r+b") as handle:
        handle.truncate(bounded_lines.MAX_LINE * 2)
    answers = StoreAnswers(data_dir, NOW).start()
    assert tally(answers) == (1, 0)
    reads: list[object] = []

    def read(*args: object) -> tuple[int, list[bytes], bool]:
        reads.append(args)
        return 0, [], False

    monkeypatch.setattr(learned_answers, "lines_holding", read)
    assert tally(answers) == (1, 0) and reads == []
