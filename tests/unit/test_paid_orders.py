"""The paid orders a manager's approval may take back: this terminal's, today's, of the session's own
mode. A live counter never refunds a training sale (its refund would come out of the live drawer), nor
a training session a live one (the real customer could then not be refunded)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pos.core.base.events import REFUND, AuditEvent, Mode
from pos.core.counter.paid_orders import paid_orders
from tests.support.approvals import approvals_at
from tests.support.hand_logs import order, write

DAY = date(2026, 11, 23)


def _refund(of: str, mode: str) -> AuditEvent:
    return AuditEvent(
        ts="2026-11-23T13:00:00.000+00:00",
        store_id="4BXRGVWCRL",
        terminal="T1",
        cashier="C1",
        mode=Mode(mode),
        action=REFUND,
        approved_by="M1",
        order=of,
        amount=500,
        detail="refund",
    )


def test_a_session_lists_and_refunds_only_its_own_mode_s_orders(data_dir: Path) -> None:
    live, training = "T1-20261123-0001", "T1-20261123-0002"
    write(data_dir, [order(order=live), order(order=training, mode="training")], "orders")
    listed = {
        mode: [paid.record.order for paid in paid_orders(data_dir, "T1", DAY, [], mode)] for mode in Mode
    }
    assert listed == {Mode.LIVE: [live], Mode.TRAINING: [training]}
    # a training session's refund of the live order (written before this fix) takes nothing back live
    (found,) = paid_orders(data_dir, "T1", DAY, [_refund(live, "training")], Mode.LIVE)
    assert found.refunded is None
    (found,) = paid_orders(data_dir, "T1", DAY, [_refund(live, "live")], Mode.LIVE)
    assert found.refunded is not None


def test_an_order_that_holds_nothing_is_not_refunded(data_dir: Path) -> None:
    """A free order (or one whose every line was voided after the receipt) was refunded for $0.00 and
    counted among the day's refunds."""
    write(data_dir, [order(order="T1-20261123-0001", total=0, subtotal=0)], "orders")
    approvals, writer = approvals_at(data_dir)
    try:
        (paid,) = approvals.paid()
        said = approvals.refund(paid)
    finally:
        writer.close()
    assert said == "Order T1-20261123-0001 holds nothing to give back: no refund"
