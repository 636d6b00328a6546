"""A redemption stands or falls with its order (issue 25): at the terminal's next start a code's
redemption stands only when an order record of the log holds the redeemed line (paid, or voided:
the open order on disk that holds it is recorded so at that start); otherwise it is undone, the
code may be redeemed again, and the notice says so. The order number the ledger names is never
given to another order. Each test writes the files as a kill would leave them; the last kills a
real process a moment after a code is keyed (bounded in count and time)."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from pos.core.base.events import Mode
from pos.core.codes.codes import Codes, Refusal, every_ledger, session_codes
from pos.core.codes.orphan_redemptions import settle_redemptions
from pos.core.counter.counter import Counter
from pos.core.log.eventlog import EventLog
from pos.core.log.log_writer import LogWriter
from pos.core.log.open_order import draft_path
from tests.conftest import REPO
from tests.support.counter_kit import LUNCH, key_in, make_counter, type_keys
from tests.support.small_menus import make_menu
from tests.unit.test_after_sale import PIE_NEXT_TIME

DAY = date(2026, 11, 23)
ORDER = "T1-20261123-0001"
KILLS = 3
"""Real processes killed just after a code is keyed."""


def issue(data_dir: Path, serial: int = 1) -> str:
    return Codes(data_dir).issue(f"T2-20261120-{serial:04d}", "40", None, 99, date(2026, 11, 20), 7).code


def counter_at(data_dir: Path) -> tuple[Counter, LogWriter]:
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data_dir)
    writer = counter.shop.recorder
    assert isinstance(writer, LogWriter)
    return counter, writer


def on_disk(writer: LogWriter) -> None:
    """What was handed to the writer thread, written (the open order too)."""
    writer.retry().result(timeout=10)


def start(data_dir: Path) -> list[str]:
    """The terminal's next start, as the app makes it: the log opened, then the redemptions settled."""
    return next_start(data_dir)[0]


def next_start(data_dir: Path) -> tuple[list[str], int]:
    """The notices of the terminal's next start, and the number its next order gets."""
    with EventLog(data_dir, "T1") as log:
        notices = settle_redemptions(log, Codes(data_dir))
        return notices, int(log.new_order_id(LUNCH).rsplit("-", 1)[1])


def records(data_dir: Path, table: str) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted(data_dir.glob(f"log/*/T1.{table}.jsonl"))
        for line in path.read_text().splitlines()
    ]


def stands(data_dir: Path, code: str) -> bool:
    return Codes(data_dir).redeem(code, "T9-20261123-0001", DAY) is Refusal.USED


def test_a_redemption_logged_whose_order_never_reached_the_disk_is_undone(data_dir: Path) -> None:
    code = issue(data_dir)
    counter, writer = counter_at(data_dir)
    key_in(counter, code)
    on_disk(writer)
    draft_path(data_dir, "T1").unlink()  # killed before the open order was on disk
    writer.close()
    assert [event["outcome"] for event in records(data_dir, "prompts")] == ["redeemed"]
    voided, notice = start(data_dir)
    assert ORDER in voided and "recorded as voided" in voided
    assert code in notice and ORDER in notice and "may be redeemed again" in notice
    assert not stands(data_dir, code), "the logged event alone is no order"
    (record,) = records(data_dir, "orders")
    assert (record["order"], record["status"], record["lines"]) == (ORDER, "voided", []), (
        "every event has its order"
    )
    assert start(data_dir) == [], "recorded once"


def test_a_redemption_the_open_order_on_disk_does_not_hold_yet_is_undone(data_dir: Path) -> None:
    code = issue(data_dir)
    counter, writer = counter_at(data_dir)
    key_in(counter, "1")
    type_keys(counter, "n", "n")
    on_disk(writer)
    before = draft_path(data_dir, "T1").read_bytes()
    key_in(counter, code)
    on_disk(writer)
    draft_path(data_dir, "T1").write_bytes(before)  # killed before the open order with the pie was kept
    writer.close()
    (notice,) = start(data_dir)
    assert code in notice
    (voided,) = records(data_dir, "orders")
    assert voided["status"] == "voided" and [line["code"] for line in voided["lines"]] == ["1"]
    assert not stands(data_dir, code)


def test_a_redemption_the_open_order_on_disk_holds_stands_with_it(data_dir: Path) -> None:
    code = issue(data_dir)
    counter, writer = counter_at(data_dir)
    key_in(counter, code)
    writer.close()  # killed with the order open, its file holding the pie
    assert start(data_dir) == []
    (voided,) = records(data_dir, "orders")
    assert voided["status"] == "voided" and [line["source"] for line in voided["lines"]] == ["after_sale"]
    assert stands(data_dir, code)


def test_a_redemption_of_a_paid_order_stands_even_with_its_line_voided(data_dir: Path) -> None:
    code, other = issue(data_dir, 1), issue(data_dir, 2)
    counter, writer = counter_at(data_dir)
    key_in(counter, code)
    key_in(counter, other)
    key_in(counter, "1")
    type_keys(counter, "n", "n", "up", "f8", "f10", "5", "enter")  # the second pie voided, then paid
    writer.close()
    (paid,) = records(data_dir, "orders")
    assert paid["status"] == "paid" and len(paid["voided_lines"]) == 1
    assert start(data_dir) == []
    assert stands(data_dir, code) and stands(data_dir, other)


def test_the_order_number_a_ledger_names_is_never_given_again(data_dir: Path) -> None:
    code = issue(data_dir)
    # Killed just after the ledger took the redemption: no event, no open order, nothing in the log.
    assert not isinstance(Codes(data_dir).redeem(code, "T1-20261123-0007", DAY), Refusal)
    (notice,), number = next_start(data_dir)
    assert "T1-20261123-0007" in notice and number == 8
    assert next_start(data_dir) == ([], 8), "a second start, with no order in between, still knows it"
    assert not stands(data_dir, code)


def _redeemer(data_dir: Path, code: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.redeemer", str(data_dir), code],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_process_killed_just_after_a_code_is_keyed_leaves_a_redemption_that_stands_with_its_order(
    data_dir: Path,
) -> None:
    rng = random.Random(25)
    for run in range(KILLS):
        code = issue(data_dir, run + 1)
        process = _redeemer(data_dir, code)
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "keyed", process.stderr and process.stderr.read()
        time.sleep(rng.uniform(0, 0.002))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=10)
        (order,) = {order for named, (order, _) in Codes(data_dir).redeemed_by("T1").items() if named == code}
        number = next_start(data_dir)[1]
        holding = [
            record
            for record in records(data_dir, "orders")
            if record["order"] == order and any(line["source"] == "after_sale" for line in record["lines"])
        ]
        assert stands(data_dir, code) == bool(holding), f"run {run}: the ledger and the log disagree"
        assert number > int(order.rsplit("-", 1)[1]), f"run {run}: {order}'s number given again"


def test_every_redemption_since_the_last_start_is_settled_however_many(data_dir: Path) -> None:
    assert start(data_dir) == [], "a start keeps how far the ledger was settled"
    codes = [issue(data_dir, serial) for serial in range(1, 6)]
    for code in codes:  # keyed in a burst, killed before anything reached the log
        assert not isinstance(Codes(data_dir).redeem(code, ORDER, DAY), Refusal)
    assert len(start(data_dir)) == 5
    assert not any(stands(data_dir, code) for code in codes)


def test_a_start_looks_only_past_the_point_the_last_start_settled(data_dir: Path) -> None:
    code = issue(data_dir)
    assert not isinstance(Codes(data_dir).redeem(code, ORDER, DAY), Refusal)
    Codes(data_dir).keep_settled("T1", 1)  # as if a start had settled it, its order kept since
    assert start(data_dir) == []
    assert (data_dir / "codes" / "T1.settled").read_text() == "1"


def test_a_training_session_numbers_past_the_orders_the_live_ledger_names(data_dir: Path) -> None:
    code = issue(data_dir)
    assert not isinstance(Codes(data_dir).redeem(code, "T1-20261123-0007", DAY), Refusal)
    with EventLog(data_dir, "T1") as log:
        settle_redemptions(log, *every_ledger(data_dir, Mode.TRAINING))
        assert log.new_order_id(LUNCH) == "T1-20261123-0008"


def test_a_live_start_numbers_past_the_orders_the_training_ledger_names(data_dir: Path) -> None:
    training = session_codes(data_dir, Mode.TRAINING)
    code = training.issue("T1-20261120-0001", "40", None, 99, date(2026, 11, 20), 7).code
    assert not isinstance(training.redeem(code, "T1-20261123-0009", DAY), Refusal)
    with EventLog(data_dir, "T1") as log:
        settle_redemptions(log, *every_ledger(data_dir, Mode.LIVE))
        assert log.new_order_id(LUNCH) == "T1-20261123-0010"
