"""Which wording works, and who to coach, in plain sentences."""

from __future__ import annotations

from pathlib import Path

from pos.core.insights import coaching, more_answers_needed, verdict, wording_tests
from pos.core.report import History
from tests.unit.history import prompt, write


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
    assert test.verdict == "'Go large for only $0.50?' is accepted more: 42-48 % against 27-33 %"


def test_no_clear_winner_says_how_many_more_answers(data_dir: Path) -> None:
    write(data_dir, answers(0, 12, 18, "A?") + answers(1, 9, 21, "B?"))
    (test,) = wording_tests(History.load(data_dir))
    assert test.verdict.startswith("no clear winner yet, about ")
    assert test.verdict.endswith(" more answers needed")


def test_more_answers_needed_by_hand() -> None:
    # 40 % against 30 % of 30 each: per variant (1.96 * (0.4899 + 0.4583) / 0.1)^2 = 345.7,
    # so about (345.7 - 30) * 2 = 631.4 more, rounded up to tens.
    first = {"acceptance_rate": 0.4, "asked": 30}
    second = {"acceptance_rate": 0.3, "asked": 30}
    assert more_answers_needed(first, second) == 640


def test_variants_accepted_alike() -> None:
    row = {"acceptance_rate": 0.3, "asked": 10, "ci_low": 0.1, "ci_high": 0.6, "pitch": "x"}
    assert (
        verdict([row, {**row, "pitch": "y"}]) == "no clear winner yet: the variants are accepted alike so far"
    )


def test_a_variant_never_asked() -> None:
    asked = {"acceptance_rate": 0.3, "asked": 10, "ci_low": 0.1, "ci_high": 0.6, "pitch": "x"}
    never = {"acceptance_rate": None, "asked": 0, "ci_low": None, "ci_high": None, "pitch": "y"}
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
    store, cashiers = coaching(History.load(data_dir))
    assert store["shown"] == 300
    flags = {c.row["cashier"]: c.flag for c in cashiers}
    assert flags["A"] is None and flags["B"] is None
    assert flags["C"] == "asks much less than the others: 40% against 88%"


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
