"""What a manager approved, in `pos report`: a refunded order counts as not paid, yet its discount by
hand still counted for its cashier ("1 discount(s) $1.15"), and the average ticket left a refunded
order out but counted an order with a line voided after the receipt at its full total. A refunded
order's discount now leaves the report with it, and a ticket is what its order kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos.cli import main
from pos.core.analytics.report import build_report
from pos.core.base.events import LINE_MARK
from tests.support.hand_logs import audit, order, order_line, prompt, write

STORE = audit("refund", 0)["store_id"]


def _orders(data_dir: Path) -> None:
    """A $10.00 order with $1.15 off by hand, refunded; a $10.00 order of two lines, one voided after the
    receipt ($5.00 back); a $4.00 order. Cashier A rang them all up, each with a prompt declined."""
    discounted = [order_line("1", 1000), order_line("DISCOUNT", -115, source="manager")]
    orders = [
        order(total=885, subtotal=885, lines=discounted, order="T1-20261123-0001"),
        order(
            total=1000,
            subtotal=1000,
            lines=[order_line("1", 500), order_line("2", 500)],
            order="T1-20261123-0002",
        ),
        order(total=400, subtotal=400, lines=[order_line("1", 400)], order="T1-20261123-0003"),
    ]
    write(data_dir, [record | {"store_id": STORE, "voided_lines": []} for record in orders], "orders")
    write(
        data_dir,
        [prompt(order=record["order"], seq=1, outcome="declined", store_id=STORE) for record in orders],
    )
    write(
        data_dir,
        [
            audit("discount", 115, order="T1-20261123-0001", ts="2026-11-23T12:00:00.000+00:00"),
            audit("refund", 885, order="T1-20261123-0001"),
            audit("void_line", 500, order="T1-20261123-0002", detail=f"{LINE_MARK}2: 1 x Item 2"),
        ],
        "audit",
    )


def test_a_refunded_order_s_discount_by_hand_leaves_the_report_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _orders(tmp_path)
    (row,) = build_report(tmp_path).approvals
    assert (row["cashier"], row["refunds"], row["refunded"], row["voided_lines"], row["voided"]) == (
        "A",
        1,
        885,
        1,
        500,
    )
    assert (row["discounts"], row["discounted"]) == (0, 0)
    assert main(["report", "--data", str(tmp_path)]) == 0
    assert "0 discount(s) $0.00" in capsys.readouterr().out


def test_a_ticket_is_what_its_order_kept(tmp_path: Path) -> None:
    _orders(tmp_path)
    totals = build_report(tmp_path).totals
    assert (totals["orders"], totals["avg_ticket"]) == (2, (500 + 400) // 2)
    (row,) = build_report(tmp_path, ("cashier",)).rows
    assert (row["orders"], row["avg_ticket"]) == (2, 450)
