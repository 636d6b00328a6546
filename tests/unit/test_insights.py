"""Which wording works, and who to coach, in plain sentences."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest
from rich.console import Console

from pos.core.analytics.coaching import coaching
from pos.core.analytics.insights import more_answers_needed, verdict, wording_tests
from pos.core.analytics.metrics import Row
from pos.core.analytics.report import Filters, History
from pos.reports.coaching_tables import coaching_table, no_wording_tests
from tests.support.hand_logs import prompt, write


def answers(variant: int, accepted: int, declined: int, pitch: str) -> list[dict[str, object]]:
    return [prompt(variant=variant, pitch=pitch)] * accepted + [
        prompt(variant=variant, pitch=pitch, outcome="declined")
    ] * declined


def test_a_clear_winner_is_named_with_both_intervals(data_dir: Path) -> None:
    write(
        data_dir,
        answers(0, 450, 550, "Go large for only $0.50?")
        + answers(1, 300, 700, "Large Cola is just $0.50 more!"),
    )
    (test,) = wording_tests(History.load(data_dir))
    assert [row["variant"] for row in test.variants] == [0, 1]
    # Two variants: each interval at alpha 0.025. rho = 125 / (2 ln 20 + ln(1 + 2 ln 20)) = 15.7507;
    # at 1000: sqrt((250 + rho) * ln((250 + rho) / (rho * 0.025^2))) / 1000 = 0.05207.
    assert test.verdict == (
        "'Go large for only $0.50?' is accepted more than the other wording: 40-50 % against 25-35 %"
    )
    assert (round(test.variants[0]["cs_low"], 4), round(test.variants[0]["cs_high"], 4)) == (0.3979, 0.5021)


def test_no_clear_winner_says_how_many_more_answers(data_dir: Path) -> None:
    write(data_dir, answers(0, 12, 18, "A?") + answers(1, 9, 21, "B?"))
    (test,) = wording_tests(History.load(data_dir))
    assert test.verdict.startswith("no clear winner yet, about ")
    assert test.verdict.endswith(" more answers needed")


def test_more_answers_needed_by_hand() -> None:
    # 40 % against 30 %: the two intervals (alpha 0.025 each) part when 2 * half_width(n) < 0.1,
    # first at n = 1088 (half_width(1087) = 0.050019, half_width(1088) = 0.049996);
    # so (1088 - 30) * 2 = 2116 more, rounded up to tens.
    first = cast(Row, {"acceptance_rate": 0.4, "asked": 30})
    second = cast(Row, {"acceptance_rate": 0.3, "asked": 30})
    assert more_answers_needed(first, second, 0.025) == 2120


def test_variants_accepted_alike() -> None:
    row = cast(Row, {"acceptance_rate": 0.3, "asked": 10, "accepted": 3, "pitch": "x"})
    assert (
        verdict([row, cast(Row, {**row, "pitch": "y"})])
        == "no clear winner yet: the variants are accepted alike so far"
    )


def test_a_variant_never_asked() -> None:
    asked = cast(Row, {"acceptance_rate": 0.3, "asked": 10, "accepted": 3, "pitch": "x"})
    never = cast(Row, {"acceptance_rate": None, "asked": 0, "accepted": 0, "pitch": "y"})
    assert verdict([asked, never]) == "no clear winner yet: a variant has not been asked yet"


def test_rules_without_variants_are_not_wording_tests(data_dir: Path) -> None:
    write(data_dir, answers(0, 5, 5, "Only one?"))
    assert wording_tests(History.load(data_dir)) == []


def test_coaching_flags_the_cashier_who_asks_much_less(data_dir: Path) -> None:
    write(
        data_dir,
        (
            [prompt(cashier="A")] * 90
            + [prompt(cashier="A", outcome="skipped")] * 10
            + [prompt(cashier="B")] * 85
            + [prompt(cashier="B", outcome="skipped")] * 15
            + [prompt(cashier="C")] * 40
            + [prompt(cashier="C", outcome="skipped")] * 60
        ),
    )
    stores, cashiers = coaching(History.load(data_dir))
    assert [(store.label, store.row["shown"]) for store in stores] == [("Store", 300)]
    flags = {c.row["cashier"]: c.flag for c in cashiers}
    assert flags["A"] is None and flags["B"] is None
    # C: Wilson of 40 of 100 is 31-50 %; the others: 175 of 200, 82-91 %.
    assert flags["C"] == "asks less than the others on the same prompts: 40% (31%-50%) against 88% (82%-91%)"
    ranks = {c.row["cashier"]: c.row.get("rank") for c in cashiers}
    assert ranks == {"A": 1, "B": 2, "C": 3}


@pytest.mark.parametrize("width", [80, 76, 130])
def test_a_coaching_note_reads_whole_at_any_width(data_dir: Path, width: int) -> None:
    """Beside its cashier where the table has room; narrower, after the table, never a word to a line."""
    write(
        data_dir,
        [prompt(cashier="A")] * 90
        + [prompt(cashier="C", outcome="skipped")] * 60
        + [prompt(cashier="C")] * 40,
    )
    stores, cashiers = coaching(History.load(data_dir))
    console = Console(width=width, record=True, color_system=None)
    console.print(coaching_table(stores, cashiers, "USD"))
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    assert max(map(len, lines)) <= width
    whole = " ".join(line.strip() for line in lines)
    assert "asks less than the others on the same prompts: 40% (31%-50%)" in whole
    if width < 110:
        assert any(line.startswith("C: asks less than the others") for line in lines)
        assert "Note" not in lines[2]


def test_a_gap_under_ten_points_with_tight_intervals_is_flagged(data_dir: Path) -> None:
    # 80.3 % against 90 % over thousands of prompts: 9.7 points, far outside both intervals.
    write(
        data_dir,
        [prompt(cashier="A")] * 803
        + [prompt(cashier="A", outcome="skipped")] * 197
        + [prompt(cashier="B")] * 1800
        + [prompt(cashier="B", outcome="skipped")] * 200,
    )
    _, cashiers = coaching(History.load(data_dir))
    flags = {c.row["cashier"]: c.flag for c in cashiers}
    assert flags["A"] is not None and flags["A"].startswith(
        "asks less than the others on the same prompts: 80%"
    )
    assert flags["B"] is None


def test_a_cashier_with_few_prompts_gets_no_rank(data_dir: Path) -> None:
    write(data_dir, [prompt(cashier="A")] * 29 + [prompt(cashier="B")] * 30)
    _, cashiers = coaching(History.load(data_dir))
    assert {c.row["cashier"]: c.row.get("rank") for c in cashiers} == {"A": None, "B": 1}


def test_a_small_difference_is_not_flagged(data_dir: Path) -> None:
    write(
        data_dir,
        [prompt(cashier="A")] * 8
        + [prompt(cashier="A", outcome="skipped")] * 2
        + [prompt(cashier="B")] * 7
        + [prompt(cashier="B", outcome="skipped")] * 3,
    )
    _, cashiers = coaching(History.load(data_dir))
    assert all(c.flag is None for c in cashiers)


def test_variants_filtered_out_are_not_called_never_shown(data_dir: Path) -> None:
    write(data_dir, answers(0, 3, 3, "A?") + [prompt(cashier="B", variant=1, pitch="B?")] * 4)
    only_a = History.load(data_dir, Filters(cashier="A"))
    assert wording_tests(only_a) == [] and only_a.variants_shown
    assert "the filters leave no rule with two of them" in no_wording_tests(only_a.variants_shown)
    write(data_dir / "other", answers(0, 3, 3, "A?"))
    plain = History.load(data_dir / "other")
    assert not plain.variants_shown
    assert "no rule with pitch variants was shown" in no_wording_tests(plain.variants_shown)
