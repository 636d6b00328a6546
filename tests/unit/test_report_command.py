"""`pos report` as a manager runs it: every format says the same, bad input exits 2."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pos.core.analytics.report_fields import GROUP_FIELDS
from tests.conftest import REPO
from tests.support.hand_logs import order, prompt, write
from tests.support.in_process import PosReport


@pytest.fixture
def shop(data_dir: Path) -> Path:
    write(
        data_dir,
        [
            prompt(cashier="A", delta=50, response_ms=900),
            prompt(cashier="A", outcome="declined", response_ms=1100),
            prompt(cashier="A", outcome="skipped", response_ms=200),
            prompt(cashier="A", delta=100, response_ms=1500),
            prompt(
                cashier="B", outcome="declined", response_ms=2000, day="2026-11-24", order="T1-20261124-0001"
            ),
            prompt(cashier="B", mode="training", order="TRAIN-T1-20261123-0001"),
        ],
    )
    write(
        data_dir,
        [order(total=1000), order(total=1501, cashier="B", day="2026-11-24", order="T1-20261124-0001")],
        table="orders",
    )
    return data_dir


def test_table_csv_json_and_html_agree(pos_report: PosReport, shop: Path, tmp_path: Path) -> None:
    as_json = json.loads(pos_report("--data", str(shop), "--by", "cashier", "--format", "json").stdout)
    rows = list(
        csv.DictReader(
            io.StringIO(pos_report("--data", str(shop), "--by", "cashier", "--format", "csv").stdout)
        )
    )
    table = pos_report("--data", str(shop), "--by", "cashier").stdout
    page = tmp_path / "report.html"
    result = pos_report("--data", str(shop), "--by", "cashier", "--format", "html", "--output", str(page))
    assert result.returncode == 0, result.stderr
    html = page.read_text()

    assert [row["cashier"] for row in as_json["rows"]] == [row["cashier"] for row in rows] == ["A", "B"]
    for from_json, from_csv in zip(as_json["rows"], rows, strict=True):
        for name, value in from_json.items():
            if isinstance(value, float):
                assert float(from_csv[name]) == pytest.approx(value, abs=1e-6)
            else:
                assert from_csv[name] == ("" if value is None else str(value))
    a = as_json["rows"][0]
    assert (a["shown"], a["asked"], a["accepted"], a["ask_rate"], a["added_revenue"]) == (4, 3, 2, 0.75, 150)
    for text in (table, html):
        assert "75.0 %" in text and "66.7 %" in text and "$1.50" in text  # A's ask rate, acceptance, added
        assert "20.8-93.9" in text  # A's interval
    assert as_json["totals"]["orders"] == 2 and as_json["totals"]["avg_ticket"] == 1251  # 1250.5 half up
    assert "$12.51" in table and "$12.51" in html
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "http" not in html.split("<body>")[1]


def _numbers_table(html: str) -> list[list[str]]:
    """The HTML page's table of the numbers: its heading's cells, then each row's."""
    table = html.split("<h2>The numbers")[1].split("<table>")[1].split("</table>")[0]
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in table.split("<tr")[1:]]


def test_the_html_table_shows_each_rows_own_orders_where_they_apply(
    pos_report: PosReport, shop: Path
) -> None:
    """By cashier (an order's field): each cashier's paid orders, average ticket and kept per order,
    as the JSON's rows and the table carry them; by kind (a prompt's own field): no such columns."""
    head, *rows, total = _numbers_table(
        pos_report("--data", str(shop), "--by", "cashier", "--format", "html").stdout
    )
    assert head[-3:] == ["Orders", "Avg ticket", "Kept per order"]
    assert [row[-3:] for row in rows] == [["1", "$10.00", "$1.50"], ["1", "$15.01", "$0.00"]]
    assert total[-3:] == ["2", "$12.51", "$0.75"]
    head, *_ = _numbers_table(pos_report("--data", str(shop), "--by", "kind", "--format", "html").stdout)
    assert not {"Orders", "Avg ticket", "Kept per order"} & set(head)


def test_csv_without_grouping_is_one_row_of_totals(pos_report: PosReport, shop: Path) -> None:
    (row,) = csv.DictReader(io.StringIO(pos_report("--data", str(shop), "--format", "csv").stdout))
    assert (row["shown"], row["orders"], row["ask_rate"]) == ("5", "2", "0.800000")


@pytest.mark.parametrize("field", GROUP_FIELDS)
def test_every_grouping_runs(pos_report: PosReport, shop: Path, field: str) -> None:
    result = pos_report("--data", str(shop), "--by", field, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["by"] == [field]


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "2026-11-24"],
        ["--until", "2026-11-23"],
        ["--cashier", "B"],
        ["--terminal", "T1"],
        ["--kind", "upsell"],
        ["--mode", "training"],
        ["--mode", "all"],
        ["--by", "cashier,day"],
        ["--by", "cashier", "day"],
    ],
)
def test_every_filter_runs(pos_report: PosReport, shop: Path, args: list[str]) -> None:
    result = pos_report("--data", str(shop), *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["totals"]["shown"] >= 1


def test_filters_in_the_json(pos_report: PosReport, shop: Path) -> None:
    data = json.loads(
        pos_report("--data", str(shop), "--from", "2026-11-24", "--mode", "all", "--format", "json").stdout
    )
    assert data["filters"]["from"] == "2026-11-24" and data["filters"]["mode"] == "all"
    assert data["totals"]["shown"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "colour"], "--by 'colour'"),
        (["--from", "yesterday"], "expected a date like"),
        (["--from", "2026-12-01", "--until", "2026-11-01"], "is after"),
        (["--mode", "test"], "invalid choice"),
        (["--format", "pdf"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2(pos_report: PosReport, shop: Path, args: list[str], message: str) -> None:
    result = pos_report("--data", str(shop), *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert message in result.stderr


def test_missing_data_folder(tmp_path: Path) -> None:
    """In a process of its own, as a shell runs it: the exit status is the process's, and no traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "pos", "report", "--data", str(tmp_path / "nope")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_an_output_that_cannot_be_written(pos_report: PosReport, shop: Path, tmp_path: Path) -> None:
    result = pos_report(
        "--data", str(shop), "--format", "csv", "--output", str(tmp_path / "no" / "such" / "dir.csv")
    )
    assert result.returncode == 2 and "cannot write the report" in result.stderr


def test_an_empty_store(pos_report: PosReport, data_dir: Path) -> None:
    result = pos_report("--data", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "Orders paid: 0" in result.stdout


def test_csv_cells_that_a_spreadsheet_would_run_are_written_as_text(
    pos_report: PosReport, data_dir: Path
) -> None:
    hostile = ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "\tTAB", "\rCR", "plain", "-"]
    write(data_dir, [prompt(cashier=name, pitch=name, order=f"O{n}") for n, name in enumerate(hostile)])
    result = pos_report("--data", str(data_dir), "--by", "cashier,pitch", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(hostile)
    for row in rows:
        for cell in (row["cashier"], row["pitch"]):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert {row["cashier"] for row in rows} >= {
        '\'=HYPERLINK("http://x")',
        "'+1+2",
        "'-3",
        "'@SUM(A1)",
        "plain",
    }
    assert all(row["shown"] == "1" for row in rows), "numbers stay numbers"


@pytest.mark.parametrize("by", [(), ("cashier",), ("kind", "offer"), ("day", "variant")])
def test_csv_columns_are_the_json_rows_keys_holdout_figures_too(data_dir: Path, by: tuple[str, ...]) -> None:
    from pos.core.analytics.report import build_report
    from pos.core.analytics.report_currency import priced
    from pos.reports import text

    write(data_dir, [prompt(), prompt(outcome="held_out", delta=0, order="T1-20261123-0002")])
    write(data_dir, [order(), order(order="T1-20261123-0002")], table="orders")
    report = priced(build_report(data_dir, by), {}, "USD")
    as_json = json.loads(text.json_text(report))
    (header, *rows) = csv.reader(io.StringIO(text.csv_text(report)))
    for keys in [list(row) for row in as_json["rows"]] if by else [list(as_json["totals"])]:
        assert header == keys
    assert {"attach_prompted", "lift", "caused_per_100", "more_chances", "currency"} <= set(header)
    assert len(rows) == (len(as_json["rows"]) if by else 1)


@pytest.mark.parametrize(
    ("filters", "says"),
    [
        ({"cashier": "C9"}, "no record matched --mode live, --cashier C9 (these days have no cashier C9; "),
        (
            {"terminal": "T9"},
            "no record matched --mode live, --terminal T9 (these days have no terminal T9; ",
        ),
        ({"kind": "meal"}, "no record matched --mode live, --kind meal (these days have no kind meal; "),
        ({"mode": "training", "cashier": "A"}, "no record matched --mode training, --cashier A"),
        ({"start": date(2026, 11, 24), "cashier": "A"}, "no record matched --mode live, --from 2026-11-24"),
        (
            {"start": date(2027, 1, 1)},
            "no day is in range (--mode live, --from 2027-01-01): the log runs from ",
        ),
        (
            {"until": date(2026, 1, 1)},
            "no day is in range (--mode live, --until 2026-01-01): the log runs from ",
        ),
    ],
)
def test_a_report_that_nothing_matched_says_so(shop: Path, filters: dict[str, Any], says: str) -> None:
    from pos.core.analytics.report import Filters, History
    from pos.core.analytics.report_match import nothing_matched

    said = nothing_matched(History.load(shop, Filters(**filters)), shop)
    assert said is not None and said.startswith(says), said
    assert "cashier" not in filters or filters["cashier"] == "A" or "their cashiers: A, B" in said


@pytest.mark.parametrize("filters", [{}, {"cashier": "B"}, {"mode": "training"}, {"kind": "upsell"}])
def test_a_report_with_something_in_it_says_nothing_of_the_kind(shop: Path, filters: dict[str, Any]) -> None:
    from pos.core.analytics.report import Filters, History
    from pos.core.analytics.report_match import nothing_matched

    assert nothing_matched(History.load(shop, Filters(**filters)), shop) is None


def test_the_command_says_no_day_is_in_range_or_no_record_matched_and_exits_0(
    pos_report: PosReport, shop: Path
) -> None:
    result = pos_report("--data", str(shop), "--from", "2027-01-01")
    assert result.returncode == 0 and "Orders paid: 0" in result.stdout
    assert result.stderr == (
        "pos: no day is in range (--mode live, --from 2027-01-01): the log runs from 2026-11-23 to 2026-11-24\n"
    )
    result = pos_report("--data", str(shop), "--terminal", "T9", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["totals"]["shown"] == 0
    assert result.stderr.startswith("pos: no record matched --mode live, --terminal T9"), result.stderr
    assert "which menu" not in result.stderr, "T9 recorded no menu: it recorded nothing"


NOTHING_MATCHED: list[dict[str, Any]] = [{}, {"cashier": "C9"}, {"start": date(2030, 1, 1)}]
"""An empty folder, a cashier nobody is, a day after the log: each grouping meets one of them in turn
(each with every kind of nothing would be 48 reports, 4 s, for what one in three shows)."""


@pytest.mark.parametrize(
    ("field", "filters"),
    [(field, NOTHING_MATCHED[index % 3]) for index, field in enumerate(GROUP_FIELDS)],
)
def test_a_grouped_table_with_no_rows_shows_the_zeros(
    shop: Path, tmp_path: Path, field: str, filters: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    from rich.console import Console

    from pos.commands import report
    from pos.core.analytics.report import Filters
    from pos.core.analytics.report_labels import Labels
    from pos.core.selling.menu_loader import load_menu
    from tests.conftest import MENUS

    folder = shop if filters else tmp_path / "empty"
    folder.mkdir(exist_ok=True)
    console = Console(width=100, record=True, file=io.StringIO())
    labels = Labels.of(load_menu(MENUS / "burger_counter.toml"))
    ran = report.run(
        data_dir=folder,
        by=(field,),
        filters=Filters(**filters),
        output_format="table",
        output=None,
        labels=labels,
        console=console,
    )
    assert ran == 0
    assert "Orders paid: 0" in console.export_text()
    said = capsys.readouterr().err
    assert not filters or "no record matched" in said or "no day is in range" in said, said
