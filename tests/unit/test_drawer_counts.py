"""The cash counted at the day's end, a drawer per terminal: `pos day close` took one count for the
store and set it against every drawer's expected cash at once. Each terminal that took cash is now
counted on its own (`--counted T1=6.25 --counted T2=7.00`, or one question each), and each drawer's
expected, counted and difference is shown with the store's sum; one count alone is read as before
when one terminal took cash; anything else is refused by name, exit 2, before a PIN is asked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import msgspec
import pytest

from pos.core.analytics.day_close import DayClose, as_json, closes, record_close
from pos.core.analytics.day_figures import day_figures
from pos.core.analytics.day_sheet import day_sheet
from pos.core.analytics.drawer_counts import CountError, read_counts, to_count
from pos.reports.sheet_text import sheet_text
from tests.support.hand_logs import order, write
from tests.unit.test_day_close import DAY, hand_made_day
from tests.unit.test_day_command import day

EXPECTED = {"T1": 600, "T2": 700}
"""The hand-made day's drawers: T1 took $15.00 cash, gave $6.00 change and $3.00 back; T2 took $7.00."""


def _rows(text: str, section: str) -> dict[str, str]:
    """A section of the sheet as text: its rows' labels and values."""
    lines = text.split(f"\n{section}\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return dict(re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in lines if line.startswith("  "))


def _closed(data_dir: Path, counted: int, counted_by: dict[str, int] | None = None) -> DayClose:
    """The hand-made day closed by M1 with the cash `counted`."""
    hand_made_day(data_dir)
    figures = day_figures(data_dir, DAY, "USD")
    taken_at = "2026-11-23T23:00:00.000+00:00"
    return DayClose(
        kind="close",
        taken_at=taken_at,
        closed_by="M1",
        counted=counted,
        counted_by=counted_by or {},
        figures=figures,
    )


def test_each_drawer_is_counted_against_its_own_expected_cash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_made_day(tmp_path)
    (tmp_path / "store.toml").write_text('[terminals]\nT2 = "Drive"\n')
    assert day(tmp_path, "close", "--counted", "T1=5.75", "--counted", "T2=7.10") == 0
    text = capsys.readouterr().out
    assert _rows(text, "Drawers (all terminals)") == {
        "Expected cash": "$13.00",
        "Counted cash": "$12.85",
        "Difference": "-$0.15 (short)",
    }
    one, two = _rows(text, "Terminal T1"), _rows(text, "Terminal T2 (Drive)")
    assert (one["Expected cash"], one["Counted cash"], one["Difference"]) == (
        "$6.00",
        "$5.75",
        "-$0.25 (short)",
    )
    assert (two["Expected cash"], two["Counted cash"], two["Difference"]) == (
        "$7.00",
        "$7.10",
        "$0.10 (over)",
    )
    saved = json.loads((tmp_path / "closes" / "2026-11-23.json").read_text())
    assert (saved["counted"], saved["counted_by"], saved["difference"]) == (1285, {"T1": 575, "T2": 710}, -15)
    assert [saved["figures"]["terminals"][name]["difference"] for name in ("T1", "T2")] == [-25, 10]


def test_a_close_asks_each_drawer_that_took_cash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_made_day(tmp_path)
    (tmp_path / "store.toml").write_text('[terminals]\nT1 = "Front till"\n')
    answers, asked = iter(["6", "7.00"]), []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("pos.commands.day.ask", ask)
    assert day(tmp_path, "close") == 0
    assert asked == [
        "Cash counted in the drawer of Terminal T1 (Front till) (USD): ",
        "Cash counted in the drawer of Terminal T2 (USD): ",
    ]
    (close,) = closes(tmp_path, DAY)
    assert (close.counted, close.counted_by, close.difference) == (1300, {"T1": 600, "T2": 700}, 0)


@pytest.mark.parametrize(
    ("counted", "said"),
    [
        (["13.00"], "--counted '13.00': each terminal has its own drawer: T1 and T2's drawers "),
        (["T1=6"], "--counted: T2's drawer (--counted T2=AMOUNT) still to count"),
        (
            ["T1=6", "T9=1"],
            "--counted 'T9=1': no terminal 'T9' recorded anything on 2026-11-23 (terminals: T1, T2)",
        ),
        (["T1=6", "T1=6"], "--counted 'T1=6': T1's drawer is counted twice"),
        (["T1=6", "7"], "--counted given 2 times: once for the store, or once per terminal (T1=AMOUNT)"),
        (["T1=six", "T2=7"], "--counted 'T1=six': not an amount like 12.50"),
        (["T1=-1", "T2=7"], "--counted 'T1=-1': not an amount like 12.50"),
        (["T1=1000000", "T2=7"], "--counted 'T1=1000000': not an amount like 12.50: "),
        (["T1=1,000", "T2=7"], "--counted 'T1=1,000': not an amount like 12.50: "),
    ],
)
def test_a_count_that_leaves_a_drawer_out_or_is_not_money_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], counted: list[str], said: str
) -> None:
    hand_made_day(tmp_path)
    assert day(tmp_path, "close", *(part for text in counted for part in ("--counted", text))) == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "closes").exists()


def test_one_count_is_the_one_drawer_that_took_cash(tmp_path: Path) -> None:
    write(
        tmp_path,
        [order(total=500), order(total=300, terminal="T2", tenders=[{"kind": "card", "amount": 300}])],
        "orders",
    )
    figures = day_figures(tmp_path, DAY, "USD")
    assert to_count(figures) == ["T1"]
    counts = read_counts(["4.50"], figures)
    assert (counts.total, counts.by_terminal) == (450, {"T1": 450})
    nothing = day_figures(tmp_path / "none", DAY, "USD")
    assert read_counts(["0"], nothing).by_terminal == {}, "no drawer took cash: the store's count"
    with pytest.raises(CountError, match="recorded anything"):
        read_counts(["T1=1"], nothing)


def test_a_close_at_one_terminal_shows_the_other_drawers_not_counted(tmp_path: Path) -> None:
    """F3 z counts the drawer of the terminal it is typed at; the store has no difference until all are."""
    close = _closed(tmp_path, 600, {"T1": 600})
    assert (close.uncounted, close.difference, close.drawer_difference("T1")) == (["T2"], None, 0)
    text = sheet_text(day_sheet(close))
    assert _rows(text, "Drawers (all terminals)") == {
        "Expected cash": "$13.00",
        "Counted cash": "$6.00",
        "Not counted": "T2",
    }
    assert (
        "Counted cash" not in _rows(text, "Terminal T2")
        and _rows(text, "Terminal T1")["Difference"] == "$0.00"
    )
    assert json.loads(as_json(close))["difference"] is None


def test_a_close_recorded_with_one_count_for_the_store_reads_as_it_did(tmp_path: Path) -> None:
    old = _closed(tmp_path, 1250)
    document = json.loads(as_json(old))
    del document["counted_by"]  # as a close made before the drawers were counted apart
    (tmp_path / "closes").mkdir()
    (tmp_path / "closes" / "2026-11-23.json").write_bytes(msgspec.json.encode(document))
    (close,) = closes(tmp_path, DAY)
    assert (close.counted_by, close.uncounted, close.difference) == ({}, [], 1250 - 1300)
    assert _rows(sheet_text(day_sheet(close)), "Drawers (all terminals)")["Difference"] == "-$0.50 (short)"
    assert record_close(tmp_path, old)[1] is False
