"""Bidi and other format controls in text from a person or a file: `printable` escaped a list of them
and let the rest through (a soft hyphen, U+206A-206F, the tag characters), and a crew member's name
hand-written in crew.json reached `pos crew list` raw, U+202E and all. Every character Unicode files
as a control or a format mark is now escaped, wherever the text came from."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest

from pos.cli import main
from pos.core.base.text import is_printable_char, json_safe, printable
from pos.core.store.settings import load_settings
from tests.unit.test_day_close import hand_made_day

BIDI = ["\u202e", "\u202a", "\u200e", "\u200f", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"]
OTHER_FORMAT = ["\u00ad", "\u180e", "\u206a", "\u206f", "\u2064", "\U000e0001", "\U000e0041", "\u0600"]


@pytest.mark.parametrize("mark", BIDI + OTHER_FORMAT + ["\x1b", "\x9b", "\x7f", "\u2028", "\u2029"])
def test_every_control_and_format_mark_is_escaped(mark: str) -> None:
    shown = printable(f"Front {mark}counter")
    assert mark not in shown and shown == f"Front {mark.encode('unicode_escape').decode()}counter"
    assert not is_printable_char(mark)
    document = json.dumps({"name": mark}, ensure_ascii=False)
    assert mark not in json_safe(document) and json.loads(json_safe(document)) == {"name": mark}


def test_no_format_mark_of_unicode_is_left_raw() -> None:
    marks = [chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"]
    assert len(marks) > 150 and not [mark for mark in marks if mark in printable(mark)]


def test_text_that_shows_stays_as_it_is() -> None:
    for text in ("Front counter", "Café · 日本 · مرحبا", "[@click=app.quit]", "a\u00a0b"):
        assert printable(text) == text


def test_a_terminal_name_shows_escaped_on_the_day_s_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_made_day(tmp_path)
    (tmp_path / "store.toml").write_text('[terminals]\nT1 = "Front\\u2067 \\u00ad"\n', encoding="utf-8")
    assert dict(load_settings(tmp_path).terminals) == {"T1": "Front\\u2067 \\xad"}
    assert main(["day", "x", "--data", str(tmp_path), "--day", "2026-11-23", "--no-print"]) == 0
    out = capsys.readouterr().out
    assert "Terminal T1 (Front\\u2067 \\xad)" in out and "\u2067" not in out and "\u00ad" not in out


def test_a_name_hand_written_in_the_crew_file_lists_escaped(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = [{"id": "C7", "name": "Ana\u202eBo", "role": "cashier"}]
    (data_dir / "crew.json").write_text(json.dumps({"members": members}), encoding="utf-8")
    assert main(["crew", "list", "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Ana\\u202eBo" in out and "\u202e" not in out
