"""A learned prompt's fields (events spec v3: `candidates`, `propensity`, `context`), read strictly:
all three or none, the offer among the candidates, a chance above 0 and at most 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from pos.core.analytics.export import export_parquet
from pos.core.analytics.report import build_report
from pos.core.base.events import PromptEvent, decoder, encode
from tests.support.hand_logs import prompt, write

CONTEXT = {"daypart": "lunch", "has": ["side"], "lines": "2-3"}


def learned(**fields: Any) -> dict[str, Any]:
    """A cross-sell of an apple pie chosen among three, as a learned rule logs it."""
    return prompt(
        kind="cross_sell",
        offer="40",
        rule="cross_sell:category:burger>20@Medium,9,40",
        seq=1,
        **{"candidates": ["20", "9", "40"], "propensity": 0.2265625, "context": CONTEXT, **fields},
    )


def line(record: dict[str, Any]) -> bytes:
    return json.dumps(record, separators=(",", ":")).encode()


def test_a_learned_prompt_reads_back_as_it_was_written() -> None:
    event = decoder(PromptEvent).decode(line(learned()))
    assert event.learned and event.candidates == ("20", "9", "40") and event.propensity == 0.2265625
    assert encode(event).endswith(
        b'"candidates":["20","9","40"],"propensity":0.2265625,'
        b'"context":{"daypart":"lunch","has":["side"],"lines":"2-3"}}\n'
    )
    older = decoder(PromptEvent).decode(line(prompt()))
    assert not older.learned and b"candidates" not in encode(older), "versions 1 and 2 as they were"


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"propensity": 0}, "Expected `float` >= 0.001 - at `$.propensity`"),
        ({"propensity": 1e-10}, "Expected `float` >= 0.001 - at `$.propensity`"),
        ({"propensity": 5e-324}, "Expected `float` >= 0.001 - at `$.propensity`"),
        ({"propensity": 0.000999}, "Expected `float` >= 0.001 - at `$.propensity`"),
        ({"propensity": 1.5}, "Expected `float` <= 1.0 - at `$.propensity`"),
        ({"propensity": "0.2"}, "Expected `float`, got `str` - at `$.propensity`"),
        ({"candidates": []}, "Expected `array` of length >= 1 - at `$.candidates`"),
        ({"candidates": ["20", "9", "0123456789ABC"]}, "Expected `str` of length <= 12"),
        ({"candidates": ["20", "9"]}, "The offer '40' is not once among the candidates"),
        ({"candidates": ["40", "9", "40"]}, "The offer '40' is not once among the candidates"),
        ({"candidates": ["20", "9 ", "40"]}, "Expected item codes of letters, digits, - and _"),
        ({"candidates": ["20", "<b>", "40"]}, "Expected item codes of letters, digits, - and _"),
        (
            {"context": {**CONTEXT, "has": [f"c{n}" for n in range(100_000)]}},
            "Expected `array` of length <= 6 - at `$.context.has`",
        ),
        (
            {"context": {**CONTEXT, "has": ["side", "drink"]}},
            "the categories held sorted, each once - at `$.context`",
        ),
        (
            {"context": {**CONTEXT, "has": ["side", "side"]}},
            "the categories held sorted, each once - at `$.context`",
        ),
        ({"context": {**CONTEXT, "has": ["s" * 101]}}, "Expected `str` of length <= 100"),
        ({"context": {**CONTEXT, "has": [""]}}, "Expected `str` of length >= 1"),
        ({"context": {**CONTEXT, "lines": "5"}}, "Invalid enum value '5' - at `$.context.lines`"),
        ({"context": {**CONTEXT, "has": "side"}}, "Expected `array`, got `str` - at `$.context.has`"),
        ({"context": {"daypart": "lunch", "has": []}}, "missing required field `lines` - at `$.context`"),
    ],
)
def test_a_learned_prompt_refuses_what_the_spec_does_not_allow(fields: dict[str, Any], why: str) -> None:
    with pytest.raises(msgspec.ValidationError, match=why.replace("$", r"\$")):
        decoder(PromptEvent).decode(line(learned(**fields)))


@pytest.mark.parametrize("missing", ["candidates", "propensity", "context"])
def test_a_learned_prompt_logs_its_three_fields_together(missing: str) -> None:
    record = learned()
    del record[missing]
    with pytest.raises(msgspec.ValidationError, match="logs candidates, propensity and context together"):
        decoder(PromptEvent).decode(line(record))


def test_the_reports_count_a_learned_prompt_as_any_other(data_dir: Path) -> None:
    write(data_dir, [learned(), learned(order="T1-20261123-0002", outcome="declined")])
    report = build_report(data_dir, ("rule",))
    (row,) = report.rows
    assert (row["rule"], row["shown"], row["accepted"]) == ("cross_sell:category:burger>20@Medium,9,40", 2, 1)


def test_the_export_writes_a_learned_prompts_propensity_as_a_number(data_dir: Path, tmp_path: Path) -> None:
    """Its candidates and context, a list and a record, are not columns; before, the export put the
    declaration's float in a text column and stopped."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    write(data_dir, [learned(), prompt(order="T1-20261123-0002", seq=1)])
    export_parquet(data_dir, tmp_path / "export", None, None)
    (part,) = (tmp_path / "export" / "prompts").rglob("*.parquet")
    table = pq.read_table(part)
    assert table.schema.field("propensity").type == pa.float64()
    assert sorted(table.column("propensity").to_pylist(), key=str) == [0.2265625, None]
    assert "candidates" not in table.schema.names and "context" not in table.schema.names
