"""Every metric of the events spec, on small logs whose answers are worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pos.core.analytics.metrics import value_of
from pos.core.analytics.report import Filters, build_report
from pos.core.analytics.report_filters import ReportError
from tests.support.hand_logs import order, prompt, write

ZERO = {
    "shown": 0,
    "asked": 0,
    "accepted": 0,
    "declined": 0,
    "skipped": 0,
    "ask_rate": None,
    "acceptance_rate": None,
    "conversion": None,
    "ci_low": None,
    "ci_high": None,
    "added_revenue": 0,
    "accepted_value": 0,
    "seconds_per_prompt": None,
    "added_per_prompt_second": None,
    "median_response_ms": None,
    "orders": 0,
    "avg_ticket": None,
    "added_per_order": None,
}


def test_empty_data_is_a_valid_report(data_dir: Path) -> None:
    report = build_report(data_dir, ("cashier",))
    assert report.totals == ZERO
    assert report.rows == []


def test_all_skipped(data_dir: Path) -> None:
    write(data_dir, [prompt(outcome="skipped", response_ms=300), prompt(outcome="skipped", response_ms=500)])
    totals = build_report(data_dir).totals
    assert (totals["shown"], totals["asked"], totals["skipped"]) == (2, 0, 2)
    assert totals["ask_rate"] == 0 and totals["conversion"] == 0
    assert totals["acceptance_rate"] is None and totals["ci_low"] is None and totals["ci_high"] is None
    assert totals["added_revenue"] == 0
    assert totals["median_response_ms"] == 400  # (300 + 500) / 2


def test_a_single_accepted_event(data_dir: Path) -> None:
    write(data_dir, [prompt(delta=350, response_ms=1234)])
    write(data_dir, [order()], table="orders")  # version 1: paid, so an accepted delta counts as kept
    totals = build_report(data_dir).totals
    assert (totals["shown"], totals["asked"], totals["accepted"], totals["declined"], totals["skipped"]) == (
        1,
        1,
        1,
        0,
        0,
    )
    assert (totals["ask_rate"], totals["acceptance_rate"], totals["conversion"]) == (1.0, 1.0, 1.0)
    # Wilson at p = 1, n = 1: low = 1 / (1 + z^2) = 1 / 4.841459 = 0.206549, high = 1.
    assert (totals["ci_low"], totals["ci_high"]) == (0.206549, 1.0)
    assert totals["added_revenue"] == 350 and totals["median_response_ms"] == 1234


def test_metrics_by_cashier_worked_by_hand(data_dir: Path) -> None:
    write(
        data_dir,
        [
            prompt(cashier="A", outcome="accepted", delta=50, response_ms=900),
            prompt(cashier="A", outcome="declined", delta=70, response_ms=1100),
            prompt(cashier="A", outcome="skipped", delta=80, response_ms=200),
            prompt(cashier="A", outcome="accepted", delta=100, response_ms=1500),
            prompt(cashier="B", outcome="declined", response_ms=2000),
            prompt(cashier="B", outcome="skipped", response_ms=100),
        ],
    )
    write(data_dir, [order()], table="orders")
    report = build_report(data_dir, ("cashier",))
    a, b = report.rows
    # A: 4 shown, asked 3 (2 accepted + 1 declined), 1 skipped.
    assert a == {
        "cashier": "A",
        "shown": 4,
        "asked": 3,
        "accepted": 2,
        "declined": 1,
        "skipped": 1,
        "ask_rate": 0.75,
        "acceptance_rate": 0.666667,
        "conversion": 0.5,
        # Wilson, 2 of 3: centre (2/3 + z^2/6) / (1 + z^2/3) = 0.573084, half-width 0.365424.
        "ci_low": 0.20766,
        "ci_high": 0.938508,
        "added_revenue": 150,  # accepted deltas of a paid version 1 order: 50 + 100
        "accepted_value": 150,
        "seconds_per_prompt": 0.925,  # (900 + 1100 + 200 + 1500) / 4 / 1000
        "added_per_prompt_second": 40.5405,  # 150 / 3.7 s
        "median_response_ms": 1000,  # of 200, 900, 1100, 1500: (900 + 1100) / 2
        "orders": 1,  # the order A rang up, $5.00
        "avg_ticket": 500,
        "added_per_order": 150,
    }
    assert b == {
        "cashier": "B",
        "shown": 2,
        "asked": 1,
        "accepted": 0,
        "declined": 1,
        "skipped": 1,
        "ask_rate": 0.5,
        "acceptance_rate": 0.0,
        "conversion": 0.0,
        "ci_low": 0.0,
        "ci_high": 0.793451,  # Wilson, 0 of 1: high = z^2 / (1 + z^2)
        "added_revenue": 0,
        "accepted_value": 0,
        "seconds_per_prompt": 1.05,
        "added_per_prompt_second": 0.0,
        "median_response_ms": 1050,
        "orders": 0,  # B rang up none
        "avg_ticket": None,
        "added_per_order": None,
    }
    totals = report.totals
    assert (totals["shown"], totals["asked"], totals["accepted"]) == (6, 4, 2)
    assert (totals["ask_rate"], totals["acceptance_rate"], totals["conversion"]) == (0.666667, 0.5, 0.333333)
    # Wilson, 2 of 4: centre 0.5, half-width 1.959964 * sqrt(0.0625 + 0.060023) / 1.960365 = 0.349961.
    assert (totals["ci_low"], totals["ci_high"]) == (0.150039, 0.849961)
    assert totals["median_response_ms"] == 1000  # of 100, 200, 900, 1100, 1500, 2000


def test_a_grouping_asked_for_again_is_worked_out_once_and_each_report_is_its_own_copy(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dashboard asks for its rules and cashiers twice (its coaching too)."""
    from pos.core.analytics import report as reports

    write(data_dir, [prompt(cashier="A", outcome="accepted"), prompt(cashier="B", outcome="declined")])
    history = reports.History.load(data_dir)
    worked: list[tuple[str, ...]] = []
    rows_of = reports.History._rows

    def counted(self: reports.History, by: tuple[str, ...]) -> list[tuple[reports.Row, frozenset[str]]]:
        worked.append(by)
        return rows_of(self, by)

    monkeypatch.setattr(reports.History, "_rows", counted)
    first = history.report(("cashier",))
    first.rows[0]["shown"] = 99
    first.totals["shown"] = 99
    again = history.report(("cashier",))
    assert worked == [("cashier",)]
    assert [row["shown"] for row in again.rows] == [1, 1] and again.totals["shown"] == 2


def test_half_millisecond_median(data_dir: Path) -> None:
    write(data_dir, [prompt(response_ms=1000), prompt(response_ms=1001)])
    assert build_report(data_dir).totals["median_response_ms"] == 1000.5


def test_orders_avg_ticket_and_added_per_order_round_half_up(data_dir: Path) -> None:
    write(data_dir, [prompt(delta=101), prompt(delta=200, outcome="declined")])
    write(
        data_dir,
        [
            order(total=101),
            order(total=100, order="T1-20261123-0002"),
            order(total=900, status="voided", order="T1-20261123-0003"),
        ],
        table="orders",
    )
    totals = build_report(data_dir).totals
    assert totals["orders"] == 2, "voided orders do not count"
    assert totals["avg_ticket"] == 101  # (101 + 100) / 2 = 100.5, half up
    assert totals["added_per_order"] == 51  # 101 / 2 = 50.5, half up


def test_ties_sort_by_key_and_null_first(data_dir: Path) -> None:
    write(
        data_dir,
        [
            prompt(daypart="lunch"),
            prompt(daypart=None, kind="checkout", trigger=None),
            prompt(daypart="breakfast"),
        ],
    )
    rows = build_report(data_dir, ("daypart",)).rows
    assert [row["daypart"] for row in rows] == [None, "breakfast", "lunch"]
    assert all(row["acceptance_rate"] == 1.0 for row in rows)


@pytest.mark.parametrize(
    ("field", "values", "expected"),
    [
        ("kind", {"kind": "cross_sell"}, ["cross_sell", "upsell"]),
        ("offer", {"offer": "20"}, ["20", "31"]),
        ("trigger", {"trigger": None}, [None, "1"]),
        ("pitch", {"pitch": "Another?"}, ["Another?", "Make it a meal?"]),
        ("variant", {"variant": 1}, [0, 1]),
        ("cashier", {"cashier": "B"}, ["A", "B"]),
        ("terminal", {"terminal": "T2"}, ["T1", "T2"]),
        ("daypart", {"daypart": "dinner"}, ["dinner", "lunch"]),
        ("hour", {"hour": 9}, [9, 12]),
        ("day", {"day": "2026-11-22"}, ["2026-11-22", "2026-11-23"]),
    ],
)
def test_every_grouping_with_its_key_type(
    data_dir: Path, field: str, values: dict[str, object], expected: list[object]
) -> None:
    write(data_dir, [prompt(), prompt(**values)])  # type: ignore[arg-type]
    rows = build_report(data_dir, (field,)).rows
    assert [value_of(row, field) for row in rows] == expected
    assert [row["shown"] for row in rows] == [1, 1]


def test_two_groupings_at_once(data_dir: Path) -> None:
    write(
        data_dir,
        [
            prompt(cashier="B", kind="upsell"),
            prompt(cashier="A", kind="upsell"),
            prompt(cashier="A", kind="checkout", trigger=None),
            prompt(cashier="A", kind="upsell", outcome="declined"),
        ],
    )
    rows = build_report(data_dir, ("cashier", "kind")).rows
    assert [(row["cashier"], row["kind"], row["shown"], row["accepted"]) for row in rows] == [
        ("A", "checkout", 1, 1),
        ("A", "upsell", 2, 1),
        ("B", "upsell", 1, 1),
    ]


def test_training_is_left_out_unless_asked_for(data_dir: Path) -> None:
    training = "TRAIN-T1-20261123-0001"
    write(
        data_dir, [prompt(), prompt(mode="training", order=training), prompt(mode="training", order=training)]
    )
    write(data_dir, [order(), order(mode="training", order=training)], table="orders")
    assert build_report(data_dir).totals["shown"] == 1
    assert build_report(data_dir).totals["orders"] == 1
    assert build_report(data_dir, filters=Filters(mode="training")).totals["shown"] == 2
    assert build_report(data_dir, filters=Filters(mode="all")).totals["shown"] == 3
    assert build_report(data_dir, filters=Filters(mode="all")).totals["orders"] == 2


def test_date_filters_are_inclusive(data_dir: Path) -> None:
    from datetime import date

    write(data_dir, [prompt(day=f"2026-11-{day:02d}") for day in range(20, 26)])
    filters = Filters(start=date(2026, 11, 21), until=date(2026, 11, 23))
    rows = build_report(data_dir, ("day",), filters).rows
    assert [row["day"] for row in rows] == ["2026-11-21", "2026-11-22", "2026-11-23"]


def test_cashier_terminal_and_kind_filters(data_dir: Path) -> None:
    write(
        data_dir,
        [
            prompt(cashier="A", terminal="T1"),
            prompt(cashier="B", terminal="T1"),
            prompt(cashier="A", terminal="T2", kind="checkout", trigger=None),
        ],
    )
    write(data_dir, [order(cashier="A"), order(cashier="B")], table="orders")
    assert build_report(data_dir, filters=Filters(cashier="A")).totals["shown"] == 2
    assert build_report(data_dir, filters=Filters(cashier="A")).totals["orders"] == 1
    assert build_report(data_dir, filters=Filters(terminal="T2")).totals["shown"] == 1
    assert build_report(data_dir, filters=Filters(kind="checkout")).totals["shown"] == 1
    assert build_report(data_dir, filters=Filters(cashier="nobody")).totals["shown"] == 0


def test_bad_filters_are_clear_errors() -> None:
    from datetime import date

    with pytest.raises(ReportError, match="--mode"):
        Filters(mode="test")
    with pytest.raises(ReportError, match="--kind"):
        Filters(kind="dessert")
    with pytest.raises(ReportError, match="is after"):
        Filters(start=date(2026, 2, 1), until=date(2026, 1, 1))


def test_json_shape(data_dir: Path) -> None:
    write(data_dir, [prompt()])
    shape = json.loads(json.dumps(build_report(data_dir, ("cashier",)).as_dict()))
    assert shape["filters"]["mode"] == "live" and shape["filters"]["from"] is None
    assert shape["by"] == ["cashier"]
    assert set(shape["totals"]) == set(ZERO)
    assert set(shape["rows"][0]) == {"cashier"} | set(ZERO), "a cashier's orders are the row's"


RUNG_UP = [  # (cashier, day, hour, total, status) of each order, its one prompt accepted for 100
    ("A", "2026-11-23", 11, 500, "paid"),
    ("A", "2026-11-23", 12, 701, "paid"),
    ("A", "2026-11-24", 12, 300, "paid"),
    ("B", "2026-11-23", 12, 900, "paid"),
    ("B", "2026-11-24", 11, 800, "voided"),
]


@pytest.mark.parametrize("by", [("cashier",), ("cashier", "day"), ("hour",), ("store", "terminal")])
def test_a_row_grouped_by_fields_an_order_has_counts_its_own_paid_orders(
    data_dir: Path, by: tuple[str, ...]
) -> None:
    for number, (cashier, day, hour, total, status) in enumerate(RUNG_UP, start=1):
        name = f"T1-{day.replace('-', '')}-{number:04d}"
        write(data_dir, [prompt(day, hour, cashier=cashier, order=name, delta=100)])
        at = f"{day}T{hour}:00:00.000+00:00"
        write(
            data_dir, [order(day, total, ts=at, cashier=cashier, order=name, status=status)], table="orders"
        )
    rows = build_report(data_dir, by).rows
    for row in rows:
        key = {"cashier": row.get("cashier"), "day": row.get("day"), "hour": row.get("hour")}
        mine = [
            (total, status)
            for cashier, day, hour, total, status in RUNG_UP
            if all(
                key[name] == value
                for name, value in zip(key, (cashier, day, hour), strict=True)
                if name in by
            )
        ]
        paid = [total for total, status in mine if status == "paid"]
        assert row["orders"] == len(paid)
        assert row["avg_ticket"] == (round(sum(paid) / len(paid) + 1e-9) if paid else None)
        assert row["added_per_order"] == (round(100 * len(paid) / len(paid)) if paid else None)
    assert sum(row["orders"] or 0 for row in rows) == 4


@pytest.mark.parametrize("by", [("kind",), ("cashier", "offer"), ("daypart",)])
def test_a_row_grouped_by_a_prompts_own_field_has_no_orders(data_dir: Path, by: tuple[str, ...]) -> None:
    write(data_dir, [prompt()])
    write(data_dir, [order()], table="orders")
    (row,) = build_report(data_dir, by).rows
    assert [value_of(row, name) for name in ("orders", "avg_ticket", "added_per_order")] == [None] * 3


@pytest.mark.parametrize(("by", "shown"), [(("cashier",), True), (("day", "hour"), True), (("kind",), False)])
def test_the_table_shows_a_rows_orders_and_average_ticket_where_they_are_its_own(
    data_dir: Path, by: tuple[str, ...], shown: bool
) -> None:
    from rich.console import Console

    from pos.reports.metrics_table import metrics_table

    write(data_dir, [prompt(cashier="A"), prompt(cashier="B", order="T1-20261123-0002")])
    write(
        data_dir, [order(total=501), order(total=700, cashier="B", order="T1-20261123-0002")], table="orders"
    )
    console = Console(width=160, record=True)
    console.print(metrics_table(build_report(data_dir, by), {}, "USD", width=160))
    lines = console.export_text().splitlines()
    assert ("Orders" in lines[2] and "Avg ticket" in lines[2]) is shown
    total = next(line for line in lines if line.startswith(" Total"))
    assert (total.split()[-2:] == ["2", "$6.01"]) is shown, "(501 + 700) / 2, half up"
