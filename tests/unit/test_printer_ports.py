r"""A `file:` printer on Windows: a port's name (LPT1, COM3, \\.\COM10) or a shared printer
(\\server\receipts) is the printer's device there, never a file to refuse; elsewhere a printer's path
is a device file already there, and a regular file or a folder is never one (the platform check
monkeypatched, so both sides run here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos.core.printing import printer_device
from pos.core.printing.printer_choice import Kind, PrinterChoice, parse_printer
from pos.core.printing.printer_device import PrintFailed, check_device, send
from tests.support.receipt_server import window

PORTS = ["LPT1", "lpt9", "COM3", "COM9:", r"\\.\COM10", r"\\.\com256", r"\\.\LPT2", r"\\server\receipts"]
NOT_PORTS = ["LPT0", "COM10", "COM1.txt", r"\\.\COM", r"\\server", r"\\server\receipts\more", "orders.jsonl"]


def _on(monkeypatch: pytest.MonkeyPatch, windows: bool) -> None:
    monkeypatch.setattr(printer_device, "on_windows", lambda: windows)


def _file(path: str) -> PrinterChoice:
    choice = parse_printer(f"file:{path}")
    assert choice == PrinterChoice(Kind.FILE, path=path)
    return choice


@pytest.mark.parametrize("port", PORTS)
def test_on_windows_a_port_or_a_shared_printer_is_the_device(
    port: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # nothing of that name here: only its name makes it a device
    _on(monkeypatch, windows=True)
    check_device(_file(port))
    _on(monkeypatch, windows=False)
    with pytest.raises(PrintFailed, match=r"missing \(No such file or directory\)$"):
        check_device(_file(port))


@pytest.mark.parametrize("path", NOT_PORTS)
def test_on_windows_any_other_path_is_checked_as_elsewhere(
    path: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    _on(monkeypatch, windows=True)
    with pytest.raises(PrintFailed, match=r"missing .*\(or a port: LPT1, COM3"):
        check_device(_file(path))
    (tmp_path / "a folder").mkdir()
    (tmp_path / "COM3.jsonl").write_text("a file of the store's")
    for kept in ("a folder", "COM3.jsonl"):
        with pytest.raises(PrintFailed, match="a file or a folder, not a printer's device; nothing written"):
            check_device(_file(kept))
    assert (tmp_path / "COM3.jsonl").read_text() == "a file of the store's"


def test_on_windows_the_receipt_goes_to_the_port_by_its_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Here the port's name opens a file of that name in the working folder (there already, as a port
    is: a printer's path is never created): the bytes show that the printer's path is opened as it
    is named, as Windows opens its port."""
    monkeypatch.chdir(tmp_path)
    _on(monkeypatch, windows=True)
    (tmp_path / "COM3").write_bytes(b"")
    send(_file("COM3"), b"\x1b@receipt", window(), lambda: True)
    assert (tmp_path / "COM3").read_bytes() == b"\x1b@receipt"
