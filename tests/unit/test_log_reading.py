"""A log file read in one go (each line decoded by msgspec with no Python between lines:
`pos.core.analytics.columns.read_log`) gives the very rows, line counts and records set aside that
reading it a line at a time gives: on the frozen history, on generated records full of edge values,
and on files with something unusual in them, which are read a line at a time."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pos.core.analytics import columns
from pos.core.analytics.columns import FileColumns, read_log
from pos.core.analytics.log_reads import SCHEMAS_OF
from pos.core.base.events import MAX_MONEY, SPEC_KINDS
from pos.core.base.store_id import ALPHABET, LENGTH
from tests.golden.unpack import unpack
from tests.support.hand_logs import prompt

DAY = "2026-11-21"
COUNT = 2**31 - 1
TEXTS = [
    "a",
    "Ünïcödé",
    "emoji 🍔",
    'quote " and \\ backslash',
    "nul \u0000 inside",
    "\u2028",
    " ",
    "x" * 300,
]


Read = tuple[list[FileColumns], list[tuple[int, bytes]]]


def read(content: bytes, table: str, monkeypatch: pytest.MonkeyPatch, whole: bool) -> Read:
    """The file's rows read in one go (`whole`: reading it a line at a time fails the test), or a
    line at a time."""
    with monkeypatch.context() as patched:
        if whole:
            patched.setattr(columns, "_line_by_line", None)
        else:
            patched.setattr(columns, "WHOLE_AT_MOST", -1)
        return read_log(io.BytesIO(content), SCHEMAS_OF[table])


def assert_same(one: Read, other: Read) -> None:
    assert one[1] == other[1]
    for mine, theirs in zip(one[0], other[0], strict=True):
        assert (mine.consumed, mine.skipped, mine.lines, mine.records, mine.damaged) == (
            theirs.consumed,
            theirs.skipped,
            theirs.lines,
            theirs.records,
            theirs.damaged,
        )
        assert mine.values == theirs.values and mine.fields.keys() == theirs.fields.keys()
        for name, column in mine.fields.items():
            assert column.dtype == theirs.fields[name].dtype and np.array_equal(column, theirs.fields[name])


def assert_read_the_same_in_one_go(content: bytes, table: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same(read(content, table, monkeypatch, True), read(content, table, monkeypatch, False))


def test_the_frozen_history_reads_the_same_in_one_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = unpack(tmp_path / "data")
    files = sorted((data / "log").glob("*/*.prompts.jsonl")) + sorted((data / "log").glob("*/*.orders.jsonl"))
    assert len(files) >= 20  # versions 1, 2 and 3, voids, meals, codes, a holdout, midnight
    for path in files:
        assert_read_the_same_in_one_go(path.read_bytes(), path.name.split(".")[-2], monkeypatch)


def text(rng: random.Random) -> str:
    return rng.choice(TEXTS) + str(rng.randrange(3))


def maybe(rng: random.Random, value: Any) -> Any:
    return rng.choice([value, None])


def bound(rng: random.Random, top: int, bottom: int = 0) -> int:
    return rng.choice([bottom, top, bottom + 1, top - 1, rng.randint(bottom, top)])


def optional(rng: random.Random, fields: dict[str, Any]) -> dict[str, Any]:
    """Some of `fields` (those added in a later version, or left out while unset)."""
    return {name: value for name, value in fields.items() if rng.random() < 0.6}


def stamp(rng: random.Random, terminal: str) -> dict[str, Any]:
    return {
        "ts": rng.choice([f"{DAY}T23:59", f"{DAY}T00:00:00.000+00:00", f"{DAY}T12:30 any \u0000 tail"]),
        "store": text(rng),
        "terminal": terminal,
        "cashier": text(rng),
        "mode": rng.choice(["live", "training"]),
        "order": f"{terminal}-{rng.randrange(40)}-{text(rng)}",
        **optional(rng, {"store_id": maybe(rng, "".join(rng.choice(ALPHABET) for _ in range(LENGTH)))}),
    }


def generated_prompt(rng: random.Random, terminal: str) -> dict[str, Any]:
    return {
        **stamp(rng, terminal),
        "kind": rng.choice(sorted(SPEC_KINDS)),
        "trigger": maybe(rng, text(rng)),
        "offer": text(rng),
        "size": maybe(rng, text(rng)),
        "pitch": text(rng),
        "variant": bound(rng, 2**15 - 1),
        "delta": bound(rng, MAX_MONEY),
        "outcome": rng.choice(["accepted", "declined", "skipped", "issued", "redeemed", "held_out"]),
        "response_ms": bound(rng, COUNT),
        "daypart": maybe(rng, text(rng)),
        **optional(
            rng,
            {
                "seq": bound(rng, COUNT),
                "template": text(rng),
                "rule": maybe(rng, text(rng)),
                "heard": bound(rng, COUNT),
                "revisit": rng.choice([True, False]),
                "code": maybe(rng, text(rng)),
                "issued_order": text(rng),
            },
        ),
    }


def line(rng: random.Random, depth: int) -> dict[str, Any]:
    parts = [line(rng, depth - 1) for _ in range(rng.randrange(3))] if depth else []
    return {
        "code": text(rng),
        "name": rng.choice(["", text(rng)]),
        "size": maybe(rng, text(rng)),
        "qty": bound(rng, COUNT),
        "unit_price": bound(rng, MAX_MONEY, -MAX_MONEY),
        "source": text(rng),
        **optional(
            rng,
            {"prompt": maybe(rng, bound(rng, COUNT)), "added": bound(rng, MAX_MONEY), "components": parts},
        ),
    }


def generated_order(rng: random.Random, terminal: str) -> dict[str, Any]:
    cash, card = rng.randrange(1, 2000), rng.randrange(1, 2000)
    return {
        **stamp(rng, terminal),
        "status": rng.choice(["paid", "voided"]),
        "lines": [line(rng, 2) for _ in range(rng.randrange(4))],
        "subtotal": bound(rng, MAX_MONEY),
        "tax": bound(rng, MAX_MONEY),
        "total": bound(rng, MAX_MONEY),
        "tendered": cash + card,
        "change": rng.randrange(cash + 1),
        "prompts": bound(rng, COUNT),
        **optional(
            rng,
            {
                "voided_lines": [line(rng, 2) for _ in range(rng.randrange(3))],
                "tenders": [{"kind": "cash", "amount": cash}, {"kind": "card", "amount": card}],
            },
        ),
    }


def encoded(rng: random.Random, record: dict[str, Any]) -> str:
    """The record as a line: its fields in any order, with fields no version declares, spaces
    anywhere, escapes (`\\uXXXX`, an escaped key) or not."""
    fields = [*record.items(), ("unknown", rng.choice([2**70, -1.5e300, {"deep": [1, {"x": None}]}, "text"]))]
    rng.shuffle(fields)
    space = rng.choice(["", " ", "\t "])
    parts = []
    for key, value in fields:
        name = json.dumps(key)
        if rng.random() < 0.2:
            name = f'"\\u{ord(key[0]):04x}{name[2:]}'
        parts.append(f"{name}{space}:{space}{json.dumps(value, ensure_ascii=rng.random() < 0.5)}")
    return space + "{" + f",{space}".join(parts) + "}" + space + rng.choice(["", "\r"]) + "\n"


@pytest.mark.parametrize("seed", range(4))
def test_generated_records_read_the_same_in_one_go(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    for table, make in (("prompts", generated_prompt), ("orders", generated_order)):
        lines = [encoded(rng, make(rng, "T1")) for _ in range(rng.randrange(40, 120))]
        assert_read_the_same_in_one_go("".join(lines).encode(), table, monkeypatch)


GOOD = json.dumps(prompt(day=DAY)) + "\n"


@pytest.mark.parametrize(
    "content",
    [
        GOOD + "\n" + GOOD,  # a blank line
        GOOD + "  \n" + GOOD,
        GOOD.strip() + " " + GOOD,  # two records on a line
        GOOD.replace(', "kind"', ',\n"kind"'),  # a record across two lines
        GOOD.replace(', "kind"', ',\n"kind"').strip() + " " + GOOD,  # and both: as many records as lines
        GOOD.replace('"delta": 100', '"delta": "100"'),  # a value the spec refuses
        GOOD.replace('"delta": 100', '"delta": 1e2'),
        GOOD.replace('"kind": "upsell"', '"kind": "karaoke"'),
        GOOD + GOOD[:30],  # an unfinished last line
        "\ufeff" + GOOD,
        GOOD.replace('"cashier": "A"', '"cashier": "\\ud800"'),
        GOOD + "{" + " " * (2 << 20) + "\n" + GOOD,  # a line longer than any record
    ],
)
def test_an_unusual_file_reads_as_it_does_a_line_at_a_time(
    content: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pos.core.analytics.columns.MAX_LINE", 1 << 20)
    monkeypatch.setattr("pos.core.base.bounded_lines.MAX_LINE", 1 << 20)
    at_a_time = read(content.encode(), "prompts", monkeypatch, False)
    assert (
        at_a_time[1]
        or at_a_time[0][0].damaged is not None
        or at_a_time[0][0].consumed < len(content.encode())
    )
    assert_same(read_log(io.BytesIO(content.encode()), SCHEMAS_OF["prompts"]), at_a_time)


def test_an_event_that_leaves_out_its_code_has_none() -> None:
    """Not the text "UNSET" (msgspec's mark for a field left out), which read as a code."""
    content = (json.dumps(prompt(day=DAY)) + "\n" + json.dumps(prompt(day=DAY, code="AB12")) + "\n").encode()
    (rows, *_), _ = read_log(io.BytesIO(content), SCHEMAS_OF["prompts"])
    assert rows.values["code"] == ["AB12"] and rows.fields["code"].tolist() == [-1, 0]
