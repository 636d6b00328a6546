"""Hand-made logs: prompt events and orders written straight into a data folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec

from pos.core.base.events import OrderRecord, PromptEvent

DEFAULTS: dict[str, Any] = {
    "store": "Test Counter",
    "terminal": "T1",
    "cashier": "A",
    "mode": "live",
    "order": "T1-20261123-0001",
    "kind": "upsell",
    "trigger": "1",
    "offer": "31",
    "size": None,
    "pitch": "Make it a meal?",
    "variant": 0,
    "delta": 100,
    "outcome": "accepted",
    "response_ms": 1000,
    "daypart": "lunch",
}


def prompt(day: str = "2026-11-23", hour: int = 12, **fields: Any) -> dict[str, Any]:
    return {"ts": f"{day}T{hour:02d}:00:00.000+00:00", **DEFAULTS, **fields}


def order(day: str = "2026-11-23", total: int = 500, **fields: Any) -> dict[str, Any]:
    return {
        "ts": f"{day}T12:00:00.000+00:00",
        "store": "Test Counter",
        "terminal": "T1",
        "cashier": "A",
        "mode": "live",
        "order": "T1-20261123-0001",
        "status": "paid",
        "lines": [],
        "subtotal": total,
        "tax": 0,
        "total": total,
        "tendered": total,
        "change": 0,
        "prompts": 0,
        **fields,
    }


def order_line(code: str, price: int, **fields: Any) -> dict[str, Any]:
    """A line of an order record: one of item `code` at `price`, keyed in (`source` "entered")."""
    return {
        "code": code,
        "name": f"Item {code}",
        "size": None,
        "qty": 1,
        "unit_price": price,
        "source": "entered",
    } | fields


def audit(action: str, amount: int | None, terminal: str = "T1", **fields: Any) -> dict[str, Any]:
    """An approval of the audit table (a refund, a void, a no-sale, a discount), approved by M1."""
    event = {
        "ts": "2026-11-23T15:00:00.000+00:00",
        "store_id": "V84BRVY7PG",
        "terminal": terminal,
        "cashier": "A",
        "mode": "live",
        "action": action,
        "approved_by": "M1",
        "order": None,
        "amount": amount,
        "detail": "by hand",
    }
    return event | fields


def prompt_event(day: str = "2026-11-23", **fields: Any) -> PromptEvent:
    """`prompt`, as the counter hands one to the log."""
    return msgspec.convert(prompt(day, **fields), PromptEvent)


def order_record(day: str = "2026-11-23", **fields: Any) -> OrderRecord:
    return msgspec.convert(order(day, **fields), OrderRecord)


def write(data_dir: Path, records: list[dict[str, Any]], table: str = "prompts") -> None:
    """Append records to the files they belong in, as the event log would."""
    for record in records:
        folder = data_dir / "log" / record["ts"][:10]
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / f"{record['terminal']}.{table}.jsonl", "a") as handle:
            handle.write(json.dumps(record) + "\n")


def simulated(data_dir: Path, orders: int, seed: int, cashiers: int = 3, days: int = 2) -> None:
    """A shift of the bundled menu, logged as terminal SIM from 2026-11-01."""
    from datetime import date

    from pos.core.log.eventlog import EventLog
    from pos.core.selling.menu_loader import load_menu
    from pos.core.training.simulate import simulate
    from tests.conftest import MENUS

    with EventLog(data_dir, "SIM", sync=False) as log:
        menu = load_menu(MENUS / "burger_counter.toml")
        simulate(
            menu, log, orders=orders, seed=seed, cashiers=cashiers, first_day=date(2026, 11, 1), days=days
        )


def write_menu_record(data_dir: Path, name: str, terminal: str, day: str = "2026-11-23") -> None:
    """A terminal's record that it sold from a menu named `name` that day, with the menu's stamp."""
    from pos.core.log.menu_stamp import MenuStamp, keep

    stamp = MenuStamp(name, "USD", {"1": "Burger"})
    keep(data_dir, stamp)
    record = {"day": day, "terminal": terminal, "menu": stamp.digest, "name": name, "currency": "USD"}
    write(data_dir, [{"ts": f"{day}T12:00:00", **record}], table="menus")
