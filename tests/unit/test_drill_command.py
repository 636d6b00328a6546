"""`pos drill` at the command line: scores, and bad drill files stop before any screen."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pos.core.training.scores import ScoreBook
from tests.conftest import MENUS
from tests.support.in_process import PosReport
from tests.support.score_records import add_drill, score_record


def test_scores_when_no_drill_was_done(data_dir: Path, pos_drill: PosReport) -> None:
    result = pos_drill("--scores", "--data", str(data_dir))
    assert result.returncode == 0 and "No drills done yet." in result.stdout


def test_scores_history_and_leaderboard(data_dir: Path, pos_drill: PosReport) -> None:
    add_drill(data_dir, "2026-11-20T10:00:00", "ANN", 62)
    add_drill(data_dir, "2026-11-22T10:00:00", "ANN", 91)
    add_drill(data_dir, "2026-11-21T09:00:00", "BOB", 75)
    result = pos_drill("--scores", "--data", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.index("2026-11-20 10:00")
        < result.stdout.index("2026-11-21 09:00")
        < result.stdout.index("2026-11-22 10:00")
    )
    board = result.stdout[result.stdout.index("Leaderboard") :]
    assert board.index("ANN") < board.index("BOB")
    over_time = result.stdout[result.stdout.index("Over time") : result.stdout.index("Leaderboard")]
    assert "▅█" in over_time and "score 62 → 91" in over_time and "one drill so far" in over_time
    only_bob = pos_drill("--scores", "--cashier", "BOB", "--data", str(data_dir)).stdout
    assert "BOB" in only_bob and "2026-11-20" not in only_bob


def test_a_bad_drill_file_exits_2(data_dir: Path, tmp_path: Path, pos_drill: PosReport) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[drill]\nname = "x"\nmenu = "%s"\n[[customer]]\nsays = "Hi"\norder = ["999"]\n'
        % (MENUS / "burger_counter.toml")
    )
    result = pos_drill("--script", str(bad), "--data", str(data_dir), "--cashier", "T1")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{bad}:6: customer #1, field \"order\": '999': no item '999'" in result.stderr


def test_a_missing_drill_file_exits_2(data_dir: Path, tmp_path: Path, pos_drill: PosReport) -> None:
    result = pos_drill("--script", str(tmp_path / "none.toml"), "--data", str(data_dir))
    assert result.returncode == 2 and "no such drill file" in result.stderr


def test_a_bad_level_exits_2(data_dir: Path, pos_drill: PosReport) -> None:
    result = pos_drill("--level", "hard", "--data", str(data_dir))
    assert result.returncode == 2 and "invalid choice" in result.stderr


@pytest.mark.parametrize(("count", "says"), [("0", "at least 1"), ("100000", "at most 500")])
def test_a_customer_count_out_of_range_exits_2(
    count: str, says: str, data_dir: Path, pos_drill: PosReport
) -> None:
    result = pos_drill("--customers", count, "--data", str(data_dir))
    assert result.returncode == 2 and says in result.stderr and "Traceback" not in result.stderr


def test_scores_as_csv_json_and_html(data_dir: Path, tmp_path: Path, pos_drill: PosReport) -> None:
    add_drill(data_dir, "2026-11-16T10:00:00", "ANN", 60, ask_rate=0.6)
    add_drill(data_dir, "2026-11-24T10:00:00", "ANN", 90, ask_rate=0.9)
    add_drill(data_dir, "2026-11-24T11:00:00", "<b>EVE</b>", 70, ask_rate=0.7)
    csv_rows = pos_drill("--scores", "--format", "csv", "--data", str(data_dir)).stdout.splitlines()
    assert csv_rows[0].startswith("ts,cashier,drill") and len(csv_rows) == 4
    document = json.loads(pos_drill("--scores", "--format", "json", "--data", str(data_dir)).stdout)
    ann = document["trainees"][0]
    assert (ann["cashier"], ann["scores"], ann["better"]) == ("ANN", [60, 90], ["score", "asking"])
    assert [(week["cashier"], week["week_of"]) for week in document["weeks"]] == [
        ("ANN", "2026-11-16"),
        ("ANN", "2026-11-23"),
        ("<b>EVE</b>", "2026-11-23"),
    ]
    page = tmp_path / "scores.html"
    assert pos_drill("--scores", "--format", "html", "-o", str(page), "--data", str(data_dir)).returncode == 0
    html = page.read_text(encoding="utf-8")
    assert "<polyline" in html and "&lt;b&gt;EVE&lt;/b&gt;" in html and "<b>EVE" not in html
    table = pos_drill("--scores", "--data", str(data_dir)).stdout
    assert "Week by week" in table and "2026-11-16" in table


def test_scores_csv_cells_that_a_spreadsheet_would_run_are_written_as_text(
    data_dir: Path, pos_drill: PosReport
) -> None:
    """A drill file names its drill: `name = "=HYPERLINK(...)"` must not become a live formula."""
    hostile = ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "\tTAB"]
    for n, name in enumerate(hostile):
        ScoreBook(data_dir).add({**score_record(f"2026-11-2{n}T10:00:00", "ANN", 60), "drill": name})
    rows = list(
        csv.DictReader(io.StringIO(pos_drill("--scores", "--format", "csv", "--data", str(data_dir)).stdout))
    )
    assert [row["drill"] for row in rows] == ["'" + name for name in hostile[:4]] + ["'\\x09TAB"]
    assert [row["score"] for row in rows] == ["60"] * len(hostile), "numbers stay numbers"


def test_scores_of_a_cashier_named_like_markup_are_shown_literally(
    data_dir: Path, pos_drill: PosReport
) -> None:
    name = "[/] [@click=app.quit]x"
    add_drill(data_dir, "2026-11-20T10:00:00", name, 62)
    result = pos_drill("--scores", "--cashier", name, "--data", str(data_dir))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert f"Drills of {name}, oldest first" in result.stdout
