"""A refund killed in the middle: a process pays an order, records its refund and is killed (SIGKILL)
before it closes; a second kill tears the refund's line. The next start loses the refund written,
never counts it twice (asked again, it is refused), and a torn one is set aside, not counted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pos.core.analytics.report import build_report
from pos.core.log.log_writer import LogWriter
from pos.core.store.crew import Member
from tests.support.approvals import approvals_at

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")

REFUND_THEN_KILL = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from tests.faults.test_killed_refund import paid_order
    from tests.support.approvals import approvals_at
    from pos.core.store.crew import Member
    data = Path(sys.argv[1])
    approvals, writer = approvals_at(data)
    paid_order(writer)
    request = approvals.refund(approvals.order("1"))
    step = approvals.record(request, Member(id="M1", name="Bo", role="manager"), None)
    step.wrote.result(timeout=30)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def paid_order(writer: LogWriter) -> None:
    from tests.support.hand_logs import order_record

    writer.order(order_record(store_id=writer.log.store_id)).result(timeout=30)


def test_a_refund_killed_after_its_write_is_kept_once(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", REFUND_THEN_KILL, str(tmp_path)], env=env, timeout=60, check=False
    )
    assert done.returncode == -signal.SIGKILL
    approvals, writer = approvals_at(tmp_path)  # the next start
    try:
        paid = approvals.order("1")
        assert not isinstance(paid, str) and paid.refunded is not None
        assert isinstance(approvals.refund(paid), str), "refunded already"
    finally:
        writer.close()
    report = build_report(tmp_path)
    assert report.totals["orders"] == 0
    assert [(row["cashier"], row["refunds"]) for row in report.approvals] == [("C7", 1)]


def test_a_refund_torn_by_a_kill_is_set_aside_and_not_counted(tmp_path: Path) -> None:
    approvals, writer = approvals_at(tmp_path)
    paid_order(writer)
    manager = Member(id="M1", name="Bo", role="manager")
    paid = approvals.order("1")
    assert not isinstance(paid, str)
    request = approvals.refund(paid)
    assert not isinstance(request, str)
    step = approvals.record(request, manager, None)  # type: ignore[arg-type]
    assert step.wrote is not None
    step.wrote.result(timeout=30)
    writer.close()
    audit = next(tmp_path.glob("log/*/T1.audit.jsonl"))
    audit.write_bytes(audit.read_bytes()[:-20])  # the kill came mid-line
    again, writer = approvals_at(tmp_path)
    try:
        assert again.order("1").refunded is None  # type: ignore[union-attr]
        assert any("set aside" in notice or "set-aside" in notice for notice in writer.log.notices)
    finally:
        writer.close()
    assert build_report(tmp_path).totals["orders"] == 1
