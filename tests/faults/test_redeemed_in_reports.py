"""A `redeemed` event counts in a report only when its order's record holds the redeemed line (a
line, a voided line or a meal's component whose `prompt` is the event's `seq`): the ledger's rule
(`pos.core.codes.orphan_redemptions`). A kill just after a code is keyed leaves the event of an order the
next start records as voided with no line, its redemption undone; a cashier's own void of an order
holding the code keeps the line, and the redemption stands. Each figure is recomputed from the raw
files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pos.core.analytics.report import Filters, build_report
from tests.faults.test_redemption_with_its_order import counter_at, issue, on_disk, records, stands, start
from tests.support.counter_kit import key_in, type_keys


def held_redemptions(data_dir: Path) -> int:
    """The `redeemed` events whose order's record holds their line, from the raw files."""
    holding: dict[str, set[object]] = {}
    for record in records(data_dir, "orders"):
        lines = [*record["lines"], *record["voided_lines"]]
        lines += [part for line in lines for part in line.get("components") or []]
        holding.setdefault(record["order"], set()).update(line.get("prompt") for line in lines)
    return sum(
        event["seq"] in holding.get(event["order"], set())
        for event in records(data_dir, "prompts")
        if event["outcome"] == "redeemed"
    )


def redeemed_in_report(data_dir: Path) -> int:
    summary = build_report(data_dir, (), Filters()).after_sale
    assert summary is not None
    return summary["redeemed"]


def paid_with(counter: Any, code: str) -> None:
    key_in(counter, code)
    key_in(counter, "1")
    type_keys(counter, "n", "n", "f10", "enter")


def test_the_redemption_of_an_order_the_next_start_records_with_no_line_is_not_counted(
    data_dir: Path,
) -> None:
    kept, lost = issue(data_dir, 1), issue(data_dir, 2)
    counter, writer = counter_at(data_dir)
    paid_with(counter, kept)
    key_in(counter, lost)
    on_disk(writer)
    next(data_dir.glob("open/T1.json")).unlink()  # killed before the open order was on disk
    writer.close()
    start(data_dir)
    assert stands(data_dir, kept) and not stands(data_dir, lost)
    assert [event["outcome"] for event in records(data_dir, "prompts")].count("redeemed") == 2
    assert held_redemptions(data_dir) == 1
    assert redeemed_in_report(data_dir) == 1, "the event of the order recorded with no line"


def test_a_cashier_voiding_an_order_that_holds_a_code_keeps_it_redeemed(data_dir: Path) -> None:
    kept, voided = issue(data_dir, 1), issue(data_dir, 2)
    counter, writer = counter_at(data_dir)
    paid_with(counter, kept)
    key_in(counter, voided)
    type_keys(counter, "f9", "y")
    writer.close()
    assert start(data_dir) == []
    last = records(data_dir, "orders")[-1]
    assert last["status"] == "voided" and last["lines"] + last["voided_lines"]
    assert stands(data_dir, voided)
    assert held_redemptions(data_dir) == 2
    assert redeemed_in_report(data_dir) == 2, "its record holds the line"


def test_a_code_whose_line_was_voided_before_payment_stays_redeemed(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, other = issue(data_dir, 1), issue(data_dir, 2)
    counter, writer = counter_at(data_dir)
    key_in(counter, code)
    key_in(counter, other)
    key_in(counter, "1")
    type_keys(counter, "n", "n", "up", "f8", "f10", "enter")  # the second pie voided, then paid
    writer.close()
    (paid,) = records(data_dir, "orders")
    assert paid["status"] == "paid" and len(paid["voided_lines"]) == 1
    assert held_redemptions(data_dir) == 2
    assert redeemed_in_report(data_dir) == 2, "its record holds the line, voided"
