"""The receipt of a paid order, as plain lines of text (the screen and a printer show the same)."""

from __future__ import annotations

from datetime import datetime

from pos.core.events import OrderRecord
from pos.core.money import format_money

NAME_WIDTH = 28


def receipt_lines(record: OrderRecord, currency: str) -> list[str]:
    def money(minor: int) -> str:
        return format_money(minor, currency)

    when = datetime.fromisoformat(record["ts"]).strftime("%Y-%m-%d %H:%M")
    lines = [record["store"], f"Order {record['order']}  {when}  Cashier {record['cashier']}", ""]
    for line in record["lines"]:
        name = f"{line['size']} {line['name']}" if line["size"] else line["name"]
        lines.append(f"{line['qty']:>2} {_cut(name):<{NAME_WIDTH}} {money(line['qty'] * line['unit_price']):>10}")
    lines += [
        "",
        f"{'Subtotal':>31} {money(record['subtotal']):>10}",
        f"{'Tax':>31} {money(record['tax']):>10}",
        f"{'Total':>31} {money(record['total']):>10}",
        f"{'Tendered':>31} {money(record['tendered']):>10}",
    ]
    return lines


def _cut(name: str) -> str:
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
