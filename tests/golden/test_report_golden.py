"""Must keep (issue 27): `pos report --format json` byte for byte as it was, on a frozen history of
two terminals over six days (`build_history` says what it holds), for every grouping and filter in
`cases`. A change to the figures or their form shows here as a failing file, never silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos.cli import main
from tests.golden.cases import CASES
from tests.golden.unpack import unpack

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def golden_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed history, unpacked into a data folder of its own."""
    return unpack(tmp_path_factory.mktemp("golden") / "data")


@pytest.mark.parametrize("name", list(CASES))
def test_report_is_as_pinned(
    name: str, golden_history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / f"{name}.json"
    assert (
        main(["report", "--data", str(golden_history), "--format", "json", "-o", str(output), *CASES[name]])
        == 0
    )
    assert capsys.readouterr().err == f"pos: wrote {output}\n"  # no record set aside, nothing left out
    assert output.read_bytes() == (HERE / "reports" / f"{name}.json").read_bytes()


def test_history_holds_what_it_pins(golden_history: Path) -> None:
    """The fixture has each case the figures must survive: a rebuilt one must keep them."""
    text = {
        path.relative_to(golden_history).as_posix(): path.read_text()
        for path in golden_history.rglob("*.jsonl")
    }
    prompts = "".join(body for name, body in text.items() if name.endswith(".prompts.jsonl"))
    orders = "".join(body for name, body in text.items() if name.endswith(".orders.jsonl"))
    for outcome in ("accepted", "declined", "skipped", "held_out", "issued", "redeemed"):
        assert f'"outcome":"{outcome}"' in prompts
    assert '"kind":"meal"' in prompts and '"revisit":true' in prompts and '"mode":"training"' in prompts
    assert '"status":"voided"' in orders and '"voided_lines":[{' in orders and '"components":' in orders
    assert '"seq"' not in text["log/2026-11-16/T1.prompts.jsonl"]  # version 1
    assert '"rule"' not in text["log/2026-11-17/T1.prompts.jsonl"]  # version 2
    assert (
        '"seq"' in text["log/2026-11-17/T1.prompts.jsonl"]
        and '"rule"' in text["log/2026-11-17/T2.prompts.jsonl"]
    )
    assert (
        '"order":"T1-20261119-' in text["log/2026-11-20/T1.orders.jsonl"].splitlines()[0]
    )  # across midnight
    assert {"T1", "T2"} == {name.split("/")[-1].split(".")[0] for name in text}
