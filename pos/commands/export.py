"""`pos export`: the log as Parquet files, for a chain's warehouse."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from pos.core.export import export_parquet
from pos.core.text import printable


def run(*, data_dir: Path, output: Path, start: date | None, until: date | None) -> int:
    exported = export_parquet(data_dir, output, start, until)
    for notice in exported.notices:
        print(f"pos: {printable(notice)}", file=sys.stderr)
    rows = exported.rows
    print(
        f"wrote {rows['prompts']:,} prompt events, {rows['orders']:,} orders and {rows['order_lines']:,} "
        f"order lines over {exported.days} day(s) to {printable(str(output))}"
    )
    return 0
