"""A terminal's approvals (`pos.core.counter.approved`) over a data folder, as the sale screen makes
them: T1, cashier C7, at lunch on 2026-11-23, without a crew (approving is `record`, given a manager)."""

from __future__ import annotations

from pathlib import Path

from pos.core.base.clock import FixedClock
from pos.core.counter.approved import Approvals
from pos.core.log.eventlog import EventLog
from pos.core.log.log_writer import LogWriter
from pos.core.selling.engine import Station
from tests.support.app_harness import LUNCH


def approvals_at(data_dir: Path) -> tuple[Approvals, LogWriter]:
    """The approvals and the log writer they record through (to close)."""
    writer = LogWriter(EventLog(data_dir, "T1"))
    station = Station("Test", writer.log.store_id, "T1", "C7")
    return Approvals(None, writer, station, FixedClock(LUNCH), data_dir, "USD"), writer
