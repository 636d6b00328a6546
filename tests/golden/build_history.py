"""How `tests/golden/history/` was made: `python3 -m tests.golden.build_history` writes it anew.

The golden test never runs this: the history is frozen as committed, so the simulator may change
without moving the figures it pins. Two terminals of one store (id G9LDENSTRE) on the bundled
burger menu with a 20 % holdout: T1 from 2026-11-16 (that day version 1 records, from the version 1
menu; 2026-11-17 version 2 records), T2 from 2026-11-17 (version 3 from its first day). By hand:
T1's last order of 2026-11-19 paid after midnight (its record and receipt code on the 20th), an
order of T2 left open by a killed app on 2026-11-18 (logged voided, without the prompt it was
showing), and two training orders of T2 on 2026-11-20. A rebuild differs in its receipt codes
(each simulation makes its own codes' secret), not in any figure.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from pos.core.base.events import LineRecord, OrderRecord, PromptEvent
from tests.conftest import BURGERS_V1, MENUS, REPO

HERE = Path(__file__).resolve().parent / "history"
STORE_ID = "G9LDENSTRE"
Record = dict[str, Any]


def _required(kind: type[msgspec.Struct]) -> tuple[str, ...]:
    """A version 1 record's fields: its declaration's required ones (later versions' have defaults)."""
    return tuple(field.name for field in msgspec.structs.fields(kind) if field.required)


V1_PROMPT, V1_ORDER, V1_LINE = _required(PromptEvent), _required(OrderRecord), _required(LineRecord)
V3_ONLY = ("store_id", "rule", "heard")


def build(target: Path = HERE) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        data = Path(temporary) / "data"
        data.mkdir()
        (data / "simulated").write_text("made by pos simulate: its records are made up\n")
        (data / "store-id").write_text(STORE_ID + "\n")
        holdout = Path(temporary) / "burgers.toml"
        text = (MENUS / "burger_counter.toml").read_text()
        holdout.write_text(text.replace("[rules]\n", '[rules]\nholdout = "0.2"\n', 1))
        _simulate(data, BURGERS_V1, "T1", "2026-11-16", 1, 40, 2)
        _simulate(data, holdout, "T1", "2026-11-17", 5, 220, 3)
        _simulate(data, holdout, "T2", "2026-11-17", 4, 150, 2)
        log = data / "log"
        (log / "2026-11-16" / "T1.menus.jsonl").unlink()
        _rewrite(
            log / "2026-11-16" / "T1.prompts.jsonl",
            lambda r: [{k: r[k] for k in V1_PROMPT}],
        )
        _rewrite(log / "2026-11-16" / "T1.orders.jsonl", _v1_order)
        for table in ("prompts", "orders"):
            _rewrite(log / "2026-11-17" / f"T1.{table}.jsonl", _v2)
        _past_midnight(log, "T1", "2026-11-19", "2026-11-20")
        _killed(log / "2026-11-18", "T2")
        _training(log / "2026-11-20", "T2")
        if target.exists():
            shutil.rmtree(target)
        for path in sorted(data.rglob("*")):
            relative = path.relative_to(data)
            if path.is_file() and relative.parts[0] in ("log", "menus", "store-id"):
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                with gzip.GzipFile(target / f"{relative}.gz", "wb", mtime=0) as out:
                    out.write(path.read_bytes())


def _simulate(data: Path, menu: Path, terminal: str, day: str, days: int, orders: int, cashiers: int) -> None:
    arguments = ["--orders", str(orders), "--seed", str(days * orders), "--menu", str(menu)]
    arguments += ["--terminal", terminal, "--date", day, "--days", str(days), "--cashiers", str(cashiers)]
    command = [sys.executable, "-m", "pos", "simulate", *arguments, "--data", str(data)]
    subprocess.run(command, check=True, cwd=REPO, capture_output=True)


def _read(path: Path) -> list[Record]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _write(path: Path, records: list[Record]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records))


def _rewrite(path: Path, change: Callable[[Record], list[Record]]) -> None:
    _write(path, [new for record in _read(path) for new in change(record)])


def _v1_order(record: Record) -> list[Record]:
    lines = [{k: line[k] for k in V1_LINE} for line in record["lines"]]
    return [{**{k: record[k] for k in V1_ORDER}, "lines": lines}]


def _v2(record: Record) -> list[Record]:
    return [{k: v for k, v in record.items() if k not in V3_ONLY}]


def _past_midnight(log: Path, terminal: str, day: str, next_day: str) -> None:
    """The day's last order is paid at 00:00:15: its record and its receipt code's event move on."""
    prompts_path, orders_path = (log / day / f"{terminal}.{t}.jsonl" for t in ("prompts", "orders"))
    prompts, orders = _read(prompts_path), _read(orders_path)
    last = orders.pop()
    paid = f"{next_day}T00:00:15.000+00:00"
    mine = [p for p in prompts if p["order"] == last["order"]]
    assert last["status"] == "paid" and mine, "the last order should be paid, with prompts"
    moved = []
    for number, event in enumerate(mine):
        prompts.remove(event)
        if event["outcome"] == "issued":
            moved.append({**event, "ts": paid})
        else:
            prompts.append({**event, "ts": f"{day}T23:59:{10 + number:02d}.000+00:00", "daypart": "late"})
    _write(prompts_path, prompts)
    _write(orders_path, orders)
    next_prompts, next_orders = (log / next_day / f"{terminal}.{t}.jsonl" for t in ("prompts", "orders"))
    _write(next_prompts, moved + _read(next_prompts))
    _write(next_orders, [{**last, "ts": paid}, *_read(next_orders)])


def _killed(folder: Path, terminal: str) -> None:
    """An order whose last prompt was on the screen when the app was killed: the next start logs it
    voided as it was kept (that prompt never answered, so never logged)."""
    prompts_path, orders_path = (folder / f"{terminal}.{t}.jsonl" for t in ("prompts", "orders"))
    prompts, orders = _read(prompts_path), _read(orders_path)
    for record in orders:
        mine = [p for p in prompts if p["order"] == record["order"]]
        asked = [p for p in mine if p["outcome"] in ("accepted", "declined", "skipped")]
        last_not_taken = len(asked) >= 3 and mine[-1] is asked[-1] and asked[-1]["outcome"] != "accepted"
        if record["status"] == "paid" and last_not_taken and all(p["kind"] != "after_sale" for p in mine):
            break
    else:
        raise AssertionError("no order to leave open")
    prompts.remove(asked[-1])
    orders[orders.index(record)] = {
        **record,
        "ts": asked[-2]["ts"],
        "status": "voided",
        "tendered": 0,
        "change": 0,
        "prompts": record["prompts"] - 1,
    }
    _write(prompts_path, prompts)
    _write(orders_path, orders)


def _training(folder: Path, terminal: str) -> None:
    """Two of the day's paid orders with prompts, keyed again in training under orders of their own."""
    prompts_path, orders_path = (folder / f"{terminal}.{t}.jsonl" for t in ("prompts", "orders"))
    prompts, orders = _read(prompts_path), _read(orders_path)
    prompted = {p["order"] for p in prompts if p["outcome"] in ("accepted", "declined")}
    coded = {p["order"] for p in prompts if p["kind"] == "after_sale"}
    chosen = [r for r in orders if r["status"] == "paid" and r["order"] in prompted - coded][:2]
    for number, record in enumerate(chosen, start=1):
        order = f"{terminal}-{record['order'].split('-')[1]}-{9000 + number}"
        prompts += [
            {**p, "mode": "training", "order": order} for p in prompts if p["order"] == record["order"]
        ]
        orders.append({**record, "mode": "training", "order": order})
    _write(prompts_path, sorted(prompts, key=lambda p: str(p["ts"])))
    _write(orders_path, sorted(orders, key=lambda r: str(r["ts"])))


if __name__ == "__main__":
    build()
