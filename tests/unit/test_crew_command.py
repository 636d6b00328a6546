"""`pos crew add|list|remove|pin` as a manager runs it: the PIN asked twice (getpass, no echo),
never printed; every refusal a message with exit status 2."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pos.cli import main
from pos.core.store.crew import read_crew
from pos.core.store.pins import pin_matches
from tests.support.typed_pins import typed_pins


def crew(data_dir: Path, *args: str) -> int:
    return main(["crew", *args, "--data", str(data_dir)])


def test_add_pin_list_remove(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert crew(data_dir, "add", "C7", "--name", "Ana", "--role", "cashier") == 0
    assert crew(data_dir, "add", "M1", "--name", "Bo Li", "--role", "manager") == 0
    prompts = typed_pins(monkeypatch, "482913", "482913")
    assert crew(data_dir, "pin", "C7") == 0
    assert prompts == ["New PIN for C7 (4 to 12 digits): ", "The same PIN again: "]
    stored = read_crew(data_dir)[0].pin
    assert stored is not None and pin_matches(stored, "482913")
    capsys.readouterr()
    assert crew(data_dir, "list") == 0
    assert capsys.readouterr().out.splitlines() == [
        "ID  NAME   ROLE     PIN",
        "C7  Ana    cashier  set",
        "M1  Bo Li  manager  not set",
    ]
    assert crew(data_dir, "remove", "C7") == 0
    assert [member.id for member in read_crew(data_dir)] == ["M1"]
    assert "482913" not in capsys.readouterr().out + (data_dir / "crew.json").read_text()


@pytest.mark.parametrize(
    ("entries", "says"),
    [
        (("1234", "1243"), "the two PINs typed differ"),
        (("987",), "expected 4 to 12 digits"),
        (("98ab",), "expected 4 to 12 digits"),
    ],
)
def test_a_pin_refused_changes_nothing(
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    entries: tuple[str, ...],
    says: str,
) -> None:
    crew(data_dir, "add", "C7", "--name", "Ana", "--role", "cashier")
    before = (data_dir / "crew.json").read_bytes()
    typed_pins(monkeypatch, *entries)
    assert crew(data_dir, "pin", "C7") == 2
    error = capsys.readouterr().err
    assert says in error and entries[0] not in error
    assert (data_dir / "crew.json").read_bytes() == before


def test_refusals_exit_2_with_a_message(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts = typed_pins(monkeypatch)
    assert crew(data_dir, "pin", "C9") == 2  # said before any PIN is asked
    assert prompts == []
    assert crew(data_dir, "remove", "C9") == 2
    assert crew(data_dir, "add", "C 7", "--name", "Ana", "--role", "cashier") == 2
    assert capsys.readouterr().err.splitlines() == [
        "pos: C9: not on the crew (pos crew list shows who is)",
        "pos: C9: not on the crew (pos crew list shows who is)",
        "pos: ID 'C 7': expected 1 to 24 letters, digits, - or _",
    ]
    with pytest.raises(SystemExit) as stopped:
        crew(data_dir, "add", "C7", "--name", "Ana", "--role", "boss")
    assert stopped.value.code == 2


def test_an_empty_crew_says_sign_in_is_open(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert crew(data_dir, "list") == 0
    assert "sign-in is open" in capsys.readouterr().out


@pytest.mark.parametrize("stdin", ["", "1234\n"], ids=["input closed", "a pipe"])
def test_a_pin_is_never_read_from_a_pipe_or_a_closed_input(
    data_dir: Path, stdin: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`echo 1234 | pos crew pin C1` and `pos crew pin C1 </dev/null` ended in an EOFError traceback
    after getpass's warning that the PIN may be echoed."""
    assert crew(data_dir, "add", "C1", "--name", "Ann", "--role", "cashier") == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert crew(data_dir, "pin", "C1") == 2
    said = capsys.readouterr().err
    assert "typed at a terminal" in said and "1234" not in said and "Traceback" not in said
