"""`pos export`: the log as Parquet files, for a chain's warehouse."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from pos import locations
from pos.commands.arguments import day, given
from pos.commands.command import Command
from pos.core.base.errors import PosError
from pos.core.base.text import printable


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", dest="export_format", choices=["parquet"], default="parquet")
    parser.add_argument("--data", dest="export_data", metavar="DIR", help="data folder (as for pos)")
    parser.add_argument("--from", dest="export_start", type=day, metavar="DATE", help="first day, inclusive")
    parser.add_argument("--until", dest="export_until", type=day, metavar="DATE", help="last day, inclusive")
    parser.add_argument("--output", "-o", type=Path, required=True, metavar="FOLDER", help="where to write")


def main(args: argparse.Namespace) -> int:
    return run(
        data_dir=locations.data_folder(given(args.export_data, args.data), to_write=False),
        output=args.output,
        start=args.export_start,
        until=args.export_until,
    )


def run(*, data_dir: Path, output: Path, start: date | None, until: date | None) -> int:
    from pos.core.analytics.export import export_parquet

    if output.exists() and not output.is_dir():
        raise PosError(
            f"-o {printable(str(output))}: not a folder (pos export writes a folder of Parquet tables)"
        )
    try:
        exported = export_parquet(data_dir, output, start, until)
    except OSError as error:  # a folder in the way, no room, no right to write
        where = printable(str(error.filename or output))
        raise PosError(f"-o {printable(str(output))}: cannot write {where} ({error.strerror})") from None
    for notice in exported.notices:
        print(f"pos: {printable(notice)}", file=sys.stderr)
    rows = exported.rows
    print(
        f"wrote {rows['prompts']:,} prompt events, {rows['orders']:,} orders, {rows['order_lines']:,} "
        f"order lines and {rows['order_tenders']:,} tenders over {exported.days} day(s) to {printable(str(output))}"
    )
    return 0


COMMAND = Command("export", "the log as Parquet files, for a chain's warehouse", arguments, main)
