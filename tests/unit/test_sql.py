"""The report's SQL (`pos/sql`), run by DuckDB: its sums exact, its medians as the spec has them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pos.core.analytics import sql
from pos.core.base.errors import PosError

CODES = {"accepted": 0, "declined": 1, "skipped": 2}


def sums(**columns: list[int]) -> dict[tuple[object, object], tuple[object, ...]]:
    """The sums of each currency and group; one currency (0) unless `currency` is given."""
    columns.setdefault("currency", [0] * len(columns["grp"]))
    events = {name: np.array(values, dtype=np.int64) for name, values in columns.items()}
    return {(row[0], row[1]): row[2:] for row in sql.run("prompt_sums", {"events": events}, CODES)}


def test_sums_past_what_a_float_holds_are_exact() -> None:
    big = 2**53 // 2
    found = sums(
        grp=[0, 1, 0], outcome=[0, 0, 0], delta=[big, 3, big + 1], added=[0, 0, 0], response_ms=[1, 2, 3]
    )
    assert found[0, 0][4] == 2 * big + 1 and found[0, 1][4] == 3  # accepted_value: a float sum says 2 * big
    assert float(2 * big) + 1 == float(2 * big), "a float sum would lose the cent"


def test_counts_by_outcome_and_the_median_of_an_even_count_is_the_middle_pairs_mean() -> None:
    found = sums(
        grp=[0, 0, 0, 0, 1],
        outcome=[0, 1, 2, 0, 1],
        delta=[100, 50, 70, 20, 9],
        added=[100, 0, 0, 0, 0],
        response_ms=[1000, 1001, 4000, 10, 7],
    )
    assert found[0, 0] == (4, 2, 1, 1, 120, 100, 6011, 1000.5)
    assert found[0, 1] == (1, 0, 1, 0, 0, 0, 7, 7.0)


def test_money_of_one_group_in_two_currencies_is_never_added_up() -> None:
    found = sums(
        currency=[1, 2, 1],
        grp=[0, 0, 0],
        outcome=[0, 0, 0],
        delta=[5, 7, 11],
        added=[5, 7, 0],
        response_ms=[1, 1, 1],
    )
    assert (found[1, 0][4], found[2, 0][4]) == (16, 7) and (found[1, 0][5], found[2, 0][5]) == (5, 7)


def test_the_query_ships_in_the_package() -> None:
    assert "group by currency, grp" in sql.text_of("prompt_sums")


def test_a_query_short_of_memory_says_so_and_spills_nothing_into_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB spills what does not fit to `.tmp` in the current folder, outside the data folder (this
    query, spilled, writes there and succeeds): never, here."""
    monkeypatch.chdir(tmp_path)
    grouped = "select count(*) from (select range % 1000003 as k, count(*) from range(5000000) group by k order by k)"
    connection = sql._connection()
    connection.execute("set memory_limit = '16MB'")
    try:
        with (
            pytest.raises(PosError, match=r"^not enough memory for the report: Out of Memory Error"),
            sql._registered({}, ()) as running,
        ):
            running.execute(grouped).fetchall()
    finally:
        connection.execute("reset memory_limit")
    assert list(tmp_path.iterdir()) == []
    assert sums(grp=[0], outcome=[0], delta=[5], added=[5], response_ms=[9])[0, 0][0] == 1, "usable again"
