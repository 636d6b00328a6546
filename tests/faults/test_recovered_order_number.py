"""An order kept in `set-aside/` keeps its number when the records the log holds of it are its own
(an attack on issue 25): its prompts reached the log, then its record was kept aside (a day folder
that could not be made at midnight). Renumbered, its events stayed under one number and its record
went in under the next, so the start undid its code's redemption and the code redeemed twice.
Another order that used the number (its record, or a prompt after this order's last record) still
has it renumbered. The files are written as a failed write leaves them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from pos.core.codes.codes import Codes, Refusal
from pos.core.codes.orphan_redemptions import settle_redemptions
from pos.core.log.eventlog import EventLog

ORDER = "T1-20261123-0002"
CLOSED = "2026-11-24T00:00:11.685+00:00"
"""The order paid just after midnight, the next day's folder refused."""


def _event(ts: str, order: str = ORDER, seq: int = 1) -> dict[str, Any]:
    return {"ts": ts, "terminal": "T1", "mode": "live", "order": order, "kind": "after_sale", "seq": seq}


def _order(ts: str, order: str = ORDER) -> dict[str, Any]:
    line = {"code": "40", "name": "Apple Pie", "size": None, "qty": 1, "unit_price": 99}
    return {
        "ts": ts,
        "terminal": "T1",
        "mode": "live",
        "order": order,
        "status": "paid",
        "lines": [{**line, "source": "after_sale", "prompt": 1, "added": 99}],
        "voided_lines": [],
    }


def _write(path: Path, *records: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        handle.writelines(json.dumps(record, separators=(",", ":")) + "\n" for record in records)


def _redeemed_then_set_aside(data_dir: Path) -> str:
    """A code redeemed by ORDER, its event in the log, the paid record kept aside."""
    codes = Codes(data_dir)
    code = codes.issue("T2-20261120-0001", "40", None, 99, date(2026, 11, 20), 7).code
    assert not isinstance(codes.redeem(code, ORDER, date(2026, 11, 23)), Refusal)
    redeemed = {**_event("2026-11-23T23:59:22.876+00:00"), "outcome": "redeemed", "code": code}
    _write(data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl", redeemed)
    _write(
        data_dir / "set-aside" / "T1.20261124T000011000000.unsaved",
        {"table": "orders", "record": _order(CLOSED)},
    )
    return code


def _start(data_dir: Path) -> list[str]:
    with EventLog(data_dir, "T1") as log:
        return log.notices + settle_redemptions(log, Codes(data_dir))


def _orders(data_dir: Path) -> list[str]:
    return [
        json.loads(line)["order"]
        for path in sorted(data_dir.glob("log/*/T1.orders.jsonl"))
        for line in path.read_text().splitlines()
    ]


def test_an_order_whose_own_prompts_reached_the_log_keeps_its_number_and_its_code(data_dir: Path) -> None:
    code = _redeemed_then_set_aside(data_dir)
    (notice,) = _start(data_dir)
    assert "is now" not in notice
    assert _orders(data_dir) == [ORDER]
    assert Codes(data_dir).redeem(code, "T9-20261124-0001", date(2026, 11, 24)) is Refusal.USED


def test_an_order_whose_number_another_order_recorded_is_renumbered(data_dir: Path) -> None:
    _redeemed_then_set_aside(data_dir)
    _write(data_dir / "log" / "2026-11-23" / "T1.orders.jsonl", _order("2026-11-23T23:59:40.000+00:00"))
    (notice, *_) = _start(data_dir)
    assert f"order {ORDER} is now T1-20261123-0003" in notice


def test_an_order_whose_number_another_order_prompted_after_it_closed_is_renumbered(data_dir: Path) -> None:
    _redeemed_then_set_aside(data_dir)
    _write(data_dir / "log" / "2026-11-24" / "T1.prompts.jsonl", _event("2026-11-24T00:01:00.000+00:00"))
    (notice, *_) = _start(data_dir)
    assert f"order {ORDER} is now T1-20261123-0003" in notice
