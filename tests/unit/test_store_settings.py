"""`DATA/store.toml`: the defaults without it, every field read, every bad value named by file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos.core.base.errors import DataFolderError
from pos.core.printing.drawer import Drawer
from pos.core.store.settings import PinPolicy, SettingsError, load_settings

GOOD = """\
[terminals]
T1 = "Front counter"
T2 = "Drive-through"

[printer]
address = "net:192.168.1.50:9100"
drawer = "pin5"

[tax]
display = "added"

[pins]
required = false
attempts = 3
lock_seconds = 120
"""


def refusal(data_dir: Path) -> str:
    with pytest.raises(SettingsError) as error:
        load_settings(data_dir)
    return str(error.value)


def test_no_file_is_every_default(data_dir: Path) -> None:
    settings = load_settings(data_dir)
    assert (settings.printer, settings.tax_display, settings.pins) == (None, "added", PinPolicy(True, 5, 60))
    assert settings.drawer is Drawer.PIN2, "a printer set by the flag alone opens the drawer on pin 2"
    assert settings.terminal_name("T1") is None


def test_every_field_is_read(data_dir: Path) -> None:
    (data_dir / "store.toml").write_text(GOOD)
    settings = load_settings(data_dir)
    assert dict(settings.terminals) == {"T1": "Front counter", "T2": "Drive-through"}
    assert str(settings.printer) == "net:192.168.1.50:9100" and settings.drawer is Drawer.PIN5
    assert settings.pins == PinPolicy(required=False, attempts=3, lock_seconds=120)


@pytest.mark.parametrize(
    "address", ["file:/dev/usb/lp0", "usb:04b8:0202", "net:printer.local:9100", "net:[::1]:9100"]
)
def test_each_kind_of_printer_address(data_dir: Path, address: str) -> None:
    (data_dir / "store.toml").write_text(f'[printer]\naddress = "{address}"\n')
    assert str(load_settings(data_dir).printer) == address


@pytest.mark.parametrize(
    ("text", "line", "field", "says"),
    [
        ('[printer]\naddress = "lpt1"\n', 2, "address", "expected net:HOST:PORT"),
        ('[printer]\naddress = "net:host:70000"\n', 2, "address", "expected net:HOST:PORT"),
        ('[printer]\naddress = "usb:4bx8:202"\n', 2, "address", "usb:VID:PID (hex"),
        (
            '[printer]\naddress = "none"\ndrawer = "pin3"\n',
            3,
            "drawer",
            'expected one of "pin2", "pin5", "none"',
        ),
        ("[printer]\ndrawer = 2\n", 2, "drawer", "got 2"),
        ("[pins]\n\nattempts = 0\n", 3, "attempts", "expected a whole number from 1 to 20, got 0"),
        ("[pins]\nattempts = 50\n", 2, "attempts", "expected a whole number from 1 to 20, got 50"),
        ('[pins]\nlock_seconds = "60"\n', 2, "lock_seconds", "whole number"),
        ('[pins]\nrequired = "yes"\n', 2, "required", "true or false"),
        ("[pins]\nretries = 3\n", 2, "retries", "unknown field"),
        ('[tax]\ndisplay = "included"\n', 2, "display", '"added"'),
        ('[terminals]\n"T 1" = "Front"\n', 2, "T 1", "a terminal ID is"),
        ("[terminals]\nT1 = 3\n", 2, "T1", "a name of 1 to 40"),
    ],
)
def test_a_bad_value_is_named_by_file_line_and_field(
    data_dir: Path, text: str, line: int, field: str, says: str
) -> None:
    (data_dir / "store.toml").write_text(text)
    message = refusal(data_dir)
    assert message.startswith(f"{data_dir / 'store.toml'}:{line}: ")
    assert f'field "{field}"' in message
    assert says in message


def test_every_problem_is_said_at_once_and_an_unknown_table_refused(data_dir: Path) -> None:
    (data_dir / "store.toml").write_text("[till]\nx = 1\n\n[pins]\nattempts = 0\nlock_seconds = 0\n")
    lines = refusal(data_dir).splitlines()
    assert len(lines) == 3
    assert lines[0].endswith('unknown table [till]; expected one of "pins", "printer", "tax", "terminals"')
    assert lines[0].startswith(f"{data_dir / 'store.toml'}:1:")


def test_the_problems_are_said_in_the_order_of_their_lines(data_dir: Path) -> None:
    """An unknown field on line 6 was said before line 2's bad value (fields read table by table)."""
    (data_dir / "store.toml").write_text(
        '[printer]\ndrawer = "left"\n\n[pins]\nattempts = 50\nretries = 3\n[terminals]\nT1 = 3\n'
    )
    said = [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in refusal(data_dir).splitlines()]
    assert said == ["2", "5", "6", "8"]


def test_a_syntax_error_names_its_line(data_dir: Path) -> None:
    (data_dir / "store.toml").write_text("[pins]\nattempts = = 3\n")
    assert refusal(data_dir).startswith(f"{data_dir / 'store.toml'}:2: TOML syntax")


def test_only_a_regular_file_is_read(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.toml").write_text(GOOD)
    (data_dir / "store.toml").symlink_to(tmp_path / "elsewhere.toml")
    with pytest.raises(DataFolderError, match="not a regular file"):
        load_settings(data_dir)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "[pins]\nattempts = 0\n",
            ':2: [pins], field "attempts": expected a whole number from 1 to 20, got 0',
        ),
        (
            '[printer]\naddress = "net:127.0.0.1:9100"\ndrawer = "left"\n',
            ':3: [printer], field "drawer": expected one of "pin2", "pin5", "none" (the pin of the printer\'s '
            "drawer port, or none), got 'left'",
        ),
    ],
)
def test_the_counter_does_not_start_on_a_bad_value(
    data_dir: Path, capsys: pytest.CaptureFixture[str], text: str, said: str
) -> None:
    from pos.cli import main

    (data_dir / "store.toml").write_text(text)
    assert main(["--data", str(data_dir)]) == 2
    assert capsys.readouterr().err == f"pos: {data_dir / 'store.toml'}{said}\n"
    assert not (data_dir / "log").exists()  # said before the terminal's log was opened


def test_a_drawer_with_no_printer_is_said_at_the_counters_start_by_file_line_and_field(
    data_dir: Path,
) -> None:
    """`[printer] drawer = "pin5"` with no address was taken in silence: no drawer ever opened."""
    from pos.core.printing.printer_choice import parse_printer
    from tests.support.app_harness import make_app

    (data_dir / "store.toml").write_text('[terminals]\nT1 = "Front"\n\n[printer]\ndrawer = "pin5"\n')
    said = (
        f"{data_dir / 'store.toml'}:5: [printer], field \"drawer\": 'pin5' names a cash drawer, but no "
        "printer opens it: no [printer] address, no pos --printer"
    )
    assert load_settings(data_dir).drawer_alone == said
    app = make_app(data_dir)
    app.writer.close()
    assert said in app.notices, "said as the counter opens"
    app = make_app(data_dir, printer=parse_printer("net:192.168.1.50:9100"))
    app.writer.close()
    assert said not in app.notices, "pos --printer names the printer it opens on"
    (data_dir / "store.toml").write_text('[printer]\ndrawer = "none"\n')
    assert load_settings(data_dir).drawer_alone is None
