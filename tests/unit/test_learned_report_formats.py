"""What the learning adds, in every format `pos report` writes (the table, CSV with `--learned`, JSON,
HTML), and the sentence a manager reads: a winner named only where the interval leaves zero."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, cast

import pytest
from rich.console import Console

from pos.core.analytics.learned_rules import LearnedRule
from pos.reports.learned_page import chart
from pos.reports.learned_tables import learned_text
from pos.reports.learned_words import offer_labels, sentences
from tests.conftest import MENUS
from tests.support.hand_logs import prompt, write
from tests.support.in_process import PosReport
from tests.support.learned_logs import chance, learned_shop, write_chances

NAMES = {"20": "Fries", "9": "Hash Brown", "40": "Apple Pie"}


def rule(
    adds: tuple[float, float, float], others: tuple[float, float, float] = (0.0, -5.0, 5.0), **fields: Any
) -> LearnedRule:
    """A learned rule's figures as the core gives them: what the learning adds over always fries
    (`adds`: the figure, its low and its high), and over each other offer (`others`)."""
    fixed = [
        {"offer": offer, "per_chance": 30.0, "low": 10.0, "high": 50.0}
        | dict(zip(("adds", "adds_low", "adds_high"), figures, strict=True))
        for offer, figures in (("20", adds), ("9", others), ("40", others))
    ]
    return cast(
        LearnedRule,
        {
            "store_id": "S1",
            "rule": "add-on after a main",
            "offers": ["20", "9", "40"],
            "sizes": ["Medium", None, None],
        }
        | {"fixed": fixed, "unweighed": None, "asking": None}
        | fields,
    )


@pytest.mark.parametrize(
    ("figures", "said"),
    [
        (
            (0.041, 0.012, 0.07),
            "add-on after a main: choosing the offer by context adds $4.10 per 100 chances over always "
            "offering Medium Fries ($1.20 to $7.00).",
        ),
        (
            (-0.05, -0.09, -0.01),
            "add-on after a main: choosing the offer by context keeps $5.00 less per 100 chances than "
            "always offering Medium Fries ($1.00 to $9.00).",
        ),
        (
            (0.02, -0.01, 0.05),
            "add-on after a main: no proof yet that choosing the offer by context keeps more or less than "
            "always offering Medium Fries (-$1.00 to $5.00 per 100 chances).",
        ),
    ],
)
def test_the_sentence_names_a_winner_only_where_the_interval_leaves_zero(
    figures: tuple[float, float, float], said: str
) -> None:
    assert sentences(rule(tuple(f * 100 for f in figures)), NAMES, "USD", {}) == [said]  # type: ignore[arg-type]


def test_the_sentence_says_what_asking_at_all_adds_and_any_other_offer_proven() -> None:
    asking = {"per_chance": 31.0, "low": 24.0, "high": 38.0}
    found = sentences(rule((4.1, 1.2, 7.0), others=(-3.0, -5.0, -1.0), asking=asking), NAMES, "USD", {})
    assert found == [
        "add-on after a main: choosing the offer by context adds $4.10 per 100 chances over always offering "
        "Medium Fries ($1.20 to $7.00); asking at all adds $31.00 per 100 chances ($24.00 to $38.00).",
        "Always offering Hash Brown would keep $3.00 more per 100 chances ($1.00 to $5.00).",
        "Always offering Apple Pie would keep $3.00 more per 100 chances ($1.00 to $5.00).",
    ]
    unproven = sentences(
        rule((4.1, 1.2, 7.0), asking={"per_chance": 3.0, "low": -2.0, "high": 8.0}), NAMES, "USD", {}
    )
    assert unproven[0].endswith(
        "; no proof yet that asking at all changes what is kept (-$2.00 to $8.00 per 100 chances)."
    )


def test_a_candidate_the_menu_does_not_have_is_said_to_be_none_of_its(
    pos_report: PosReport, data_dir: Path
) -> None:
    """A record made by hand listed "999" among its candidates: it was shown as a bare "999" with an
    empty row, as if an item; a report with no menu to name items shows codes as they are."""
    figures = rule((4.1, 1.2, 7.0), offers=["20", "999", "40"])
    assert offer_labels(figures, NAMES) == ["Medium Fries", "999 (not on the menu)", "Apple Pie"]
    assert offer_labels(figures, {}) == ["20", "999", "40"]
    event, record = chance(9, "20", candidates=("20", "999"))
    write_chances(data_dir, [(event, record)])
    table = pos_report("--data", str(data_dir), "--menu", str(MENUS / "all_day_counter.toml")).stdout
    assert "always 999 (not on the menu)" in " ".join(table.split())


def test_every_format_shows_the_learned_rule(pos_report: PosReport, data_dir: Path, tmp_path: Path) -> None:
    learned_shop(data_dir)
    base = ("--data", str(data_dir), "--menu", str(MENUS / "all_day_counter.toml"))
    table = pos_report(*base).stdout
    assert "What the learning adds" in table and "always Medium Fries" in table
    assert "no proof yet that choosing the offer by context" in table
    (rule_json,) = json.loads(pos_report(*base, "--format", "json").stdout)["learned"]
    assert rule_json["chances"] == 5 and [f["offer"] for f in rule_json["fixed"]] == ["20", "9", "40"]
    assert rule_json["currency"] == "USD" and rule_json["unweighed"] is None
    rows = list(csv.DictReader(io.StringIO(pos_report(*base, "--format", "csv", "--learned").stdout)))
    assert {row["currency"] for row in rows} == {"USD"}
    assert [row["choice"] for row in rows[:4]] == ["learned", "offered", "offered", "offered"]
    overall = [row for row in rows if not row["daypart"]]
    assert [(row["choice"], row["offer"]) for row in overall] == [
        ("learned", ""),
        ("always", "20"),
        ("always", "9"),
        ("always", "40"),
    ]
    assert overall[1]["size"] == "Medium" and float(overall[1]["adds"]) == rule_json["fixed"][0]["adds"]
    page = tmp_path / "report.html"
    pos_report(*base, "--format", "html", "-o", str(page))
    html = page.read_text()
    assert "<h2>What the learning adds</h2>" in html and "Share of the choices by day" not in html, "one day"


def test_a_report_without_learned_rules_says_nothing_of_them(
    pos_report: PosReport, data_dir: Path, tmp_path: Path
) -> None:
    write(data_dir, [prompt()])
    assert "learning" not in pos_report("--data", str(data_dir)).stdout
    assert "learned" not in json.loads(pos_report("--data", str(data_dir), "--format", "json").stdout)
    page = tmp_path / "report.html"
    pos_report("--data", str(data_dir), "--format", "html", "-o", str(page))
    assert "learning" not in page.read_text()
    assert pos_report("--data", str(data_dir), "--format", "csv", "--learned").stdout.splitlines() == [
        "store_id,rule,currency,daypart,has,lines,choice,offer,size,chances,kept,per_chance,low,high,adds,adds_low,adds_high"
    ]


def test_learned_goes_with_csv_alone(pos_report: PosReport, data_dir: Path) -> None:
    refused = pos_report("--data", str(data_dir), "--format", "json", "--learned")
    assert refused.returncode == 2
    assert "--learned: only with --format csv" in refused.stderr
    grouped = pos_report("--data", str(data_dir), "--by", "daypart", "--format", "csv", "--learned")
    assert grouped.returncode == 2 and grouped.stdout == "", "refused, not ignored"
    assert (
        "--learned: not with --by (the learned figures are by store, rule and context already"
        in grouped.stderr
    )


def early_rule() -> LearnedRule:
    """A learned rule after ten chances: offers of long names, intervals as wide as they come early."""
    money = {"per_chance": 66.4, "low": 0.0, "high": 2490.0}
    offered = [
        {"offer": code, "chances": 0, "kept": 0, "per_chance": None, "low": None, "high": None}
        for code in "123"
    ]
    context = {"daypart": "dinner", "has": ["drink"], "lines": "2-3"}
    return cast(
        LearnedRule,
        {
            "store_id": "S1",
            "rule": "after a taco",
            "offers": ["1", "2", "3"],
            "sizes": ["Small", "Large", None],
            "chances": 10,
            **money,
            "contexts": [{"context": context, "chances": 1, "kept": 249, **money, "candidates": offered}],
            "fixed": [
                {"offer": code, **money, "adds": 83.0, "adds_low": -2241.0, "adds_high": 249.0}
                for code in "123"
            ],
            "unweighed": None,
            "asking": None,
            "by_day": [],
        },
    )


@pytest.mark.parametrize("width", [80, 76])
def test_the_learned_tables_read_whole_at_80_columns_however_wide_the_intervals(width: int) -> None:
    """At 80 columns (76 on the report screen) no offer's name, context or interval is broken over
    lines, early intervals as wide as "-$2,241.00 to $249.00" beside names like "Small Chips & Salsa"."""
    names = {"1": "Chips & Salsa", "2": "Horchata", "3": "Churros"}
    console = Console(width=width, record=True, color_system=None)
    console.print(learned_text([early_rule()], names, "USD", {}, {}))
    lines = console.export_text().splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    for whole in (
        "Choice",
        "always Small Chips & Salsa",
        "always Large Horchata",
        "dinner · has drink · 2-3 lines",
        "Small Chips & Salsa",
        "-$2,241.00 to $249.00",
        "$0.00 to $2,490.00",
    ):
        assert any(whole in line for line in lines), whole


def two_contexts_learning() -> LearnedRule:
    """Two days of a rule that learns fries at lunch and a hash brown at breakfast: half and half
    in each context on the first day, each context's best alone on the second. Over both contexts
    the shares stay half and half: the learning shows in each context alone."""
    rule = early_rule()
    money = {"per_chance": 50.0, "low": 0.0, "high": 150.0}
    nothing = {"per_chance": 0.0, "low": 0.0, "high": 150.0}

    def context(daypart: str, best: int, second_day: list[int]) -> dict[str, Any]:
        candidates = [
            {"offer": code, "chances": 4, "kept": 0, **(money if place == best else nothing)}
            for place, code in enumerate("123")
        ]
        return {
            "context": {"daypart": daypart, "has": [], "lines": "1"},
            "chances": 8,
            "kept": 400,
            **money,
            "candidates": candidates,
            "by_day": [
                {"day": "2026-11-23", "chosen": [2, 2, 0]},
                {"day": "2026-11-24", "chosen": second_day},
            ],
        }

    rule["contexts"] = [context("lunch", 0, [4, 0, 0]), context("breakfast", 1, [0, 4, 0])]  # type: ignore[list-item]
    rule["by_day"] = [{"day": "2026-11-23", "chosen": [4, 4, 0]}, {"day": "2026-11-24", "chosen": [4, 4, 0]}]
    return rule


def test_the_chart_of_the_learning_follows_each_context_s_best_offer(tmp_path: Path) -> None:
    names = {"1": "Fries", "2": "Hash Brown", "3": "Pie"}
    console = Console(width=80, record=True, color_system=None)
    console.print(learned_text([two_contexts_learning()], names, "USD", {}, {}))
    text = console.export_text()
    assert "lunch · 1 line: Small Fries\n    ▅█ 50 % to 100 %" in text
    assert "breakfast · 1 line: Large Hash Brown\n    ▅█ 50 % to 100 %" in text
    assert "then that share in the first column and in the last" in text, "what the two figures are"
    page = chart(two_contexts_learning(), ["Small Fries", "Large Hash Brown", "Pie"])
    assert page.count("<polyline") == 2 and "breakfast · 1 line: Large Hash Brown" in page
