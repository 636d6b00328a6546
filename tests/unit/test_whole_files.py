"""A closed day's log files read whole (msgspec checks every record at once, DuckDB reads the columns:
`pos.core.analytics.whole_files`) give the very rows the line-by-line reading gives, on the frozen
history and on generated records full of edge values; anything unusual is left to the line-by-line
reading, which names and sets aside what it cannot read."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from pos.core.analytics import whole_files
from pos.core.analytics.day_parquet import read_by_line
from pos.core.analytics.whole_files import read_whole
from pos.core.base.events import MAX_MONEY, SPEC_KINDS
from pos.core.base.store_id import ALPHABET, LENGTH
from tests.golden.unpack import unpack
from tests.support.hand_logs import order, prompt

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


def sources(data_dir: Path, day: str) -> list[Path]:
    folder = data_dir / "log" / day
    return sorted(folder.glob("*.prompts.jsonl")) + sorted(folder.glob("*.orders.jsonl"))


def assert_same_rows(data_dir: Path, day: str) -> None:
    whole = read_whole(sources(data_dir, day))
    assert whole is not None, day
    tables, found, _, settled = read_by_line(data_dir, sources(data_dir, day))
    assert settled and [each.records for each in found] == whole.records
    assert all(not each.skipped and each.damaged is None for each in found)
    for schema, table in tables.items():
        assert whole.tables[schema].equals(table), (day, schema.name)


def test_the_frozen_history_reads_the_same_whole(tmp_path: Path) -> None:
    data = unpack(tmp_path / "data")
    days = sorted(folder.name for folder in (data / "log").iterdir())
    assert len(days) >= 5  # versions 1, 2 and 3, voids, meals, codes, a holdout, midnight
    for day in days:
        assert_same_rows(data, day)


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
def test_generated_records_read_the_same_whole(data_dir: Path, seed: int) -> None:
    rng = random.Random(seed)
    folder = data_dir / "log" / DAY
    folder.mkdir(parents=True)
    for terminal in ("T1", "T2"):
        for table, make in (("prompts", generated_prompt), ("orders", generated_order)):
            lines = [encoded(rng, make(rng, terminal)) for _ in range(rng.randrange(20, 60))]
            (folder / f"{terminal}.{table}.jsonl").write_text("".join(lines), encoding="utf-8")
    assert_same_rows(data_dir, DAY)


GOOD = json.dumps(prompt(day=DAY)) + "\n"


@pytest.mark.parametrize(
    "content",
    [
        GOOD + "\n" + GOOD,  # a blank line
        GOOD + "  \n" + GOOD,
        GOOD.strip() + " " + GOOD,  # two records on a line
        GOOD.replace(', "kind"', ',\n"kind"'),  # a record across two lines
        GOOD.replace('"delta": 100', '"delta": 100, "delta": 200'),  # a key written twice
        GOOD.replace('"delta": 100', '"delta": "100"'),  # a value the spec refuses
        GOOD.replace('"delta": 100', '"delta": 1e2'),
        GOOD.replace('"kind": "upsell"', '"kind": "karaoke"'),
        GOOD + GOOD[:30],  # an unfinished last line
        "\ufeff" + GOOD,
        GOOD.replace('"cashier": "A"', '"cashier": "\\ud800"'),
    ],
)
def test_an_unusual_file_is_left_to_the_line_by_line_reading(data_dir: Path, content: str) -> None:
    folder = data_dir / "log" / DAY
    folder.mkdir(parents=True)
    (folder / "T1.prompts.jsonl").write_text(content, encoding="utf-8")
    (folder / "T1.orders.jsonl").write_text(json.dumps(order(day=DAY)) + "\n")
    assert read_whole(sources(data_dir, DAY)) is None


def test_a_file_written_while_it_is_read_is_left_to_the_line_by_line_reading(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = data_dir / "log" / DAY
    folder.mkdir(parents=True)
    log = folder / "T1.prompts.jsonl"
    log.write_text(GOOD)
    read = whole_files._read

    def written_meanwhile(*args: Any) -> Any:
        with open(log, "a") as handle:
            handle.write(GOOD)
        return read(*args)

    monkeypatch.setattr(whole_files, "_read", written_meanwhile)
    assert read_whole([log]) is None
