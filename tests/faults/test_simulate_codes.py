"""`pos simulate` and the store's codes (issue 25): a ledger that is not a regular file, or a store
that has printed every code it can, ends with a message and exit status 2, never a traceback, and
the ledger and the log stay in step (no code listed for an order the log does not hold)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pos.cli import main
from pos.core.codes import code_format as fmt


def simulate(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["simulate", "--orders", "30", "--date", "2026-11-23", "--data", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


@pytest.fixture
def simulated(data_dir: Path) -> Path:
    (data_dir / "simulated").write_text("made by pos simulate: its records are made up\n")
    (data_dir / "codes").mkdir()
    return data_dir


def test_a_ledger_that_is_a_folder(simulated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (simulated / "codes" / "issued.jsonl").mkdir()
    assert f"pos: {simulated / 'codes' / 'issued.jsonl'}: not a regular file" in simulate(simulated, capsys)


def test_a_store_that_printed_every_code_it_can(simulated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = {"code": "X", "order": "SIM-20261122-0001", "serial": (1 << fmt.SERIAL_BITS) - 1}
    (simulated / "codes" / "secret").write_bytes(bytes(32))
    ledger = simulated / "codes" / "issued.jsonl"
    ledger.write_text(json.dumps(last) + "\n")
    assert "every code this store can print has been printed" in simulate(simulated, capsys)
    assert ledger.read_text() == json.dumps(last) + "\n", "no code listed for an order never logged"
    assert not list(simulated.glob("log/*/SIM.prompts.jsonl")), "nor an order logged without its code"
