"""A refund voids the receipt code its order printed: keyed later, the code is refused, saying its
order was refunded; the other codes, and a start settling its redemptions, are as they were."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pos.core.codes.codes import Codes, Refusal
from pos.core.counter.approved import Request
from pos.core.store.crew import Member
from tests.support.approvals import approvals_at
from tests.support.hand_logs import order_record

DAY = date(2026, 11, 23)
MANAGER = Member(id="M1", name="Bo", role="manager")


def test_a_refunded_orders_code_is_refused_and_the_others_redeem(tmp_path: Path) -> None:
    codes = Codes(tmp_path)
    refunded = codes.issue("T1-20261123-0001", "40", None, 99, DAY, 7)
    kept = codes.issue("T1-20261123-0002", "40", None, 99, DAY, 7)
    approvals, writer = approvals_at(tmp_path)
    try:
        writer.order(order_record(store_id=writer.log.store_id)).result(timeout=30)
        paid = approvals.order("1")
        assert not isinstance(paid, str)
        request = approvals.refund(paid)
        assert isinstance(request, Request)
        for _ in range(2):  # the second is refused: refunded already
            approvals.record(request, MANAGER, None)  # type: ignore[arg-type]
    finally:
        writer.close()
    later = Codes(tmp_path)
    assert later.redeem(refunded.code, "T1-20261124-0001", DAY) is Refusal.REFUNDED
    assert later.redeem(kept.code, "T1-20261124-0001", DAY) == kept
    assert later.redeemed_by("T1") == {kept.code: ("T1-20261124-0001", str(DAY))}
    ledger = (tmp_path / "codes" / "redeemed.jsonl").read_text().splitlines()
    assert sum('"refunded":true' in line for line in ledger) == 1
