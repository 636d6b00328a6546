"""Hand-made learned chances: a learned rule's prompt (events spec v3: `candidates`, `propensity`,
`context`) with its paid order, written straight into a data folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.hand_logs import order, order_line, prompt, write

RULE = "add-on after a main"
OFFERS = ("20", "9", "40")
PRICES = {"20": 150, "9": 129, "40": 139}
SIZES = {"20": "Medium"}
LUNCH = {"daypart": "lunch", "has": [], "lines": "1"}
BREAKFAST = {"daypart": "breakfast", "has": [], "lines": "1"}


def chance(
    number: int,
    offer: str,
    outcome: str = "accepted",
    *,
    propensity: float = 0.5,
    context: dict[str, Any] | None = None,
    candidates: tuple[str, ...] = OFFERS,
    day: str = "2026-11-23",
    hour: int = 12,
    **fields: Any,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The prompt of order `number`'s learned add-on and the order's paid record, which keeps the
    add-on's price when the answer was yes."""
    order_id = f"T1-{day.replace('-', '')}-{number:04d}"
    price = PRICES[offer]
    event = prompt(
        day,
        hour,
        order=order_id,
        kind="cross_sell",
        trigger="1",
        offer=offer,
        size=SIZES.get(offer),
        delta=price,
        outcome=outcome,
        rule=RULE,
        seq=1,
        candidates=list(candidates),
        propensity=propensity,
        context=context or LUNCH,
        **fields,
    )
    lines = [order_line("1", 349)]
    if outcome == "accepted":
        lines.append(
            order_line(offer, price, size=SIZES.get(offer), source="cross_sell", prompt=1, added=price)
        )
    total = sum(line["unit_price"] for line in lines)
    record = order(day, total, order=order_id, lines=lines, voided_lines=[])
    record["ts"] = f"{day}T{hour:02d}:00:00.000+00:00"
    return event, record


def write_chances(data_dir: Path, chances: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    write(data_dir, [event for event, _ in chances])
    write(data_dir, [record for _, record in chances], table="orders")


def learned_shop(data_dir: Path) -> None:
    """Cashier A's learned add-ons at lunch and breakfast, cashier B's plain upsells."""
    write_chances(
        data_dir,
        [
            chance(number, offer, outcome, propensity=propensity, context=context, hour=hour)
            for number, (offer, outcome, propensity, context, hour) in enumerate(
                [
                    ("20", "accepted", 0.8, None, 12),
                    ("20", "declined", 0.8, None, 13),
                    ("9", "accepted", 0.1, None, 12),
                    ("9", "accepted", 0.8, BREAKFAST, 8),
                    ("40", "declined", 0.1, BREAKFAST, 9),
                ],
                start=1,
            )
        ],
    )
    write(data_dir, [prompt(cashier="B", order="T1-20261123-0009")])


def write_floor(data_dir: Path, floor: float, day: str = "2026-11-23", terminal: str = "T1") -> None:
    """T1's record that it sold that day from a menu whose learned rule had the floor chance `floor`."""
    from pos.core.log.menu_stamp import MenuStamp, keep

    stamp = MenuStamp(
        "All Day Counter", "USD", {"20": "Fries", "9": "Hash Brown", "40": "Apple Pie"}, {RULE: floor}
    )
    keep(data_dir, stamp)
    record = {"day": day, "terminal": terminal, "menu": stamp.digest, "name": stamp.name, "currency": "USD"}
    write(data_dir, [{"ts": f"{day}T06:00:00", **record}], table="menus")
