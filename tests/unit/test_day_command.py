"""`pos day close|x` as the manager types it: the PIN asked with a crew, the cash counted, refusals."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from pos.cli import main
from pos.core.analytics.day_close import CloseError, DayClose, closes, record_close
from pos.core.analytics.day_figures import day_figures
from pos.core.counter.day_end import cash_counted
from tests.support.crew_folder import CASHIER_PIN, MANAGER_PIN, WRONG_PIN, with_crew
from tests.support.fifo import HAS_FIFO, make_fifo, reading
from tests.support.hand_logs import write_menu_record
from tests.support.typed_pins import typed_pins
from tests.unit.test_day_close import DAY, hand_made_day


def day(data_dir: Path, *args: str) -> int:
    return main(["day", args[0], "--data", str(data_dir), "--day", "2026-11-23", *args[1:]])


def test_a_manager_closes_with_a_pin_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_made_day(with_crew(tmp_path))
    typed_pins(monkeypatch, MANAGER_PIN)
    counted = ("--counted", "T1=6.25", "--counted", "T2=7.00")  # each terminal's drawer
    assert day(tmp_path, "close", "--manager", "M1", *counted, "-o", str(tmp_path / "out")) == 0
    said = capsys.readouterr().out
    assert "closed by M1" in said and "$0.25 (over)" in said and MANAGER_PIN not in said
    saved = json.loads((tmp_path / "out" / "close-2026-11-23.json").read_text())
    assert (saved["closed_by"], saved["difference"], saved["counted"]) == ("M1", 25, 1325)
    assert (tmp_path / "closes" / "2026-11-23.html").is_file()
    assert day(tmp_path, "close") == 0, "a day closed: no PIN, no count asked"
    said = capsys.readouterr().out
    assert "was closed already" in said and "Its record: " in said
    assert "Recorded in" not in said, "recorded before, not now"


def test_a_wrong_pin_or_a_cashier_closes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_made_day(with_crew(tmp_path))
    typed_pins(monkeypatch, WRONG_PIN, CASHIER_PIN)
    counted = ("--counted", "T1=1", "--counted", "T2=1")
    assert day(tmp_path, "close", "--manager", "M1", *counted) == 2
    assert day(tmp_path, "close", "--manager", "C7", *counted) == 2
    err = capsys.readouterr().err
    assert "Wrong ID or PIN" in err and "C7 is not a manager" in err
    assert not (tmp_path / "closes").exists()
    audit = (tmp_path / "log").glob("*/OFFICE.audit.jsonl")
    events = [json.loads(line) for path in audit for line in path.read_text().splitlines()]
    assert [event["action"] for event in events] == ["wrong_pin"]
    assert WRONG_PIN not in json.dumps(events)


def test_a_pin_refused_at_a_close_made_again_says_nothing_is_closed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_made_day(with_crew(tmp_path))
    prompts = typed_pins(monkeypatch, MANAGER_PIN, WRONG_PIN, WRONG_PIN)
    counted = ("--counted", "T1=1", "--counted", "T2=1")
    assert day(tmp_path, "close", "--manager", "M1", *counted) == 0
    first = (tmp_path / "closes" / "2026-11-23.json").read_bytes()
    capsys.readouterr()
    assert day(tmp_path, "close", "--again", "--manager", "M1", *counted) == 2
    refused = capsys.readouterr().err
    assert "The PIN was refused: nothing is closed again" in refused and "not closed" not in refused
    assert (tmp_path / "closes" / "2026-11-23.json").read_bytes() == first
    assert day(tmp_path, "close", "--again", "--manager", MANAGER_PIN, *counted) == 2
    assert prompts == ["Manager's PIN: "] * 3, "the PIN's question never repeats the ID typed"


@pytest.mark.parametrize("counted", ["-5", "12.345", "lots", "1000000"])
def test_a_count_that_is_not_money_is_refused(
    tmp_path: Path, counted: str, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_made_day(tmp_path)
    assert day(tmp_path, "close", "--counted", counted) == 2
    assert "--counted" in capsys.readouterr().err and not (tmp_path / "closes").exists()


def test_an_x_reading_closes_nothing_and_asks_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_made_day(with_crew(tmp_path))
    assert day(tmp_path, "x") == 0
    said = capsys.readouterr().out
    assert "X reading" in said and "Expected cash" in said and "Counted" not in said
    assert not (tmp_path / "closes").exists()


@pytest.mark.skipif(not HAS_FIFO, reason="a FIFO stands in for the printer's device file")
def test_the_close_prints_on_the_printer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hand_made_day(tmp_path)
    device = make_fifo(tmp_path / "lp0")  # a device file, as /dev/usb/lp0: a regular file is never a printer
    with reading(device) as printer:
        assert (
            main(["--printer", f"file:{device}", "day", "x", "--data", str(tmp_path), "--day", "2026-11-23"])
            == 0
        )
        assert b"X reading" in printer.read() and "Printed on" in capsys.readouterr().out


@pytest.mark.skipif(not HAS_FIFO, reason="a FIFO stands in for the printer's device file")
def test_the_printer_may_follow_the_subcommand_and_the_sheet_names_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`pos day x --printer ADDRESS` was refused (the flag only went before `day`); the printed sheet
    named no store."""
    hand_made_day(tmp_path)
    write_menu_record(tmp_path, "Test Counter", "T1")
    device = make_fifo(tmp_path / "lp0")
    with reading(device) as printer:
        assert day(tmp_path, "x", "--printer", f"file:{device}") == 0
        printed = printer.read()
    assert b"X reading" in printed and b"Test Counter" in printed
    assert "Test Counter" in capsys.readouterr().out.splitlines()[1]


def test_a_regular_file_is_never_a_printer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`file:PATH` naming a data file overwrote it (or made a file anywhere): refused, nothing written."""
    hand_made_day(tmp_path)
    kept = tmp_path / "kept.txt"
    kept.write_text("a file of the store's")
    for path in (kept, tmp_path / "made-up"):
        args = ["--printer", f"file:{path}", "day", "x", "--data", str(tmp_path), "--day", "2026-11-23"]
        assert main(args) == 1
    assert kept.read_text() == "a file of the store's" and not (tmp_path / "made-up").exists()
    assert "not a printer's device" in capsys.readouterr().err


def test_what_is_wrong_is_said_before_a_pin_is_asked_or_a_sheet_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A count that is not money was refused only after the manager's PIN; a bad store.toml only after
    the close was recorded and printed."""
    hand_made_day(with_crew(tmp_path))
    asked = typed_pins(monkeypatch, MANAGER_PIN)
    assert day(tmp_path, "close", "--manager", "M1", "--counted", "abc") == 2
    assert asked == [] and not (tmp_path / "closes").exists()
    (tmp_path / "store.toml").write_text('[printer]\naddress = "lpt1"\n')
    assert day(tmp_path, "close", "--manager", "M1", "--counted", "T1=6.25", "--counted", "T2=7") == 2
    assert "store.toml" in capsys.readouterr().err and not (tmp_path / "closes").exists()


def test_a_day_after_today_is_never_closed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--day 2030-01-01` was closed, and then every order of that day said the day was closed."""
    hand_made_day(tmp_path)
    future = (date.today() + timedelta(days=1)).isoformat()
    assert main(["day", "close", "--data", str(tmp_path), "--day", future, "--counted", "0"]) == 2
    assert f"{future} is after today ({date.today()})" in capsys.readouterr().err
    assert not (tmp_path / "closes").exists()
    assert main(["day", "x", "--data", str(tmp_path), "--day", future]) == 0, "a reading closes nothing"
    reading = DayClose(
        kind="close",
        taken_at="2026-11-22T23:00:00.000+00:00",
        closed_by=None,
        counted=0,
        figures=day_figures(tmp_path, DAY, "USD"),
    )
    with pytest.raises(CloseError, match="2026-11-23 is after today"):
        record_close(tmp_path, reading)


def test_a_bad_count_is_asked_again_at_once_with_the_counter_s_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The questions went on after a bad count, which was then refused as `--counted 'T1=abc'`, an
    option never typed."""
    hand_made_day(tmp_path)
    answers, asked = iter(["1,000", "abc", "6", "7.00"]), []

    def ask(prompt: str) -> str:
        asked.append(prompt.split(" (")[0])
        return next(answers)

    monkeypatch.setattr("pos.commands.day.ask", ask)
    assert day(tmp_path, "close") == 0
    assert asked == ["Cash counted in the drawer of Terminal T1"] * 3 + [
        "Cash counted in the drawer of Terminal T2"
    ]
    err = capsys.readouterr().err
    assert err.splitlines()[:2] == [cash_counted("1,000", "USD"), cash_counted("abc", "USD")]
    assert err.startswith("Cash counted '1,000': not an amount like 12.50") and "--counted" not in err
    (close,) = closes(tmp_path, DAY)
    assert close.counted_by == {"T1": 600, "T2": 700}
