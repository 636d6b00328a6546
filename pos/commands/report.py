"""`pos report`: the acceptance-rate report as a table, CSV, JSON or an HTML page."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pos import locations
from pos.commands.arguments import day
from pos.commands.command import Command
from pos.core.analytics.report_fields import FORMATS, GROUP_FIELDS, MODES
from pos.core.base.errors import PosError
from pos.core.selling.prompt_kinds import names

if TYPE_CHECKING:
    from rich.console import Console

    from pos.core.analytics.report import Filters
    from pos.core.analytics.report_labels import Labels


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--by", nargs="+", metavar="FIELD", help=f"group by one or more of: {', '.join(GROUP_FIELDS)}"
    )
    parser.add_argument(
        "--from", dest="start", type=day, metavar="DATE", help="first day, inclusive (YYYY-MM-DD)"
    )
    parser.add_argument("--until", type=day, metavar="DATE", help="last day, inclusive")
    parser.add_argument("--cashier", dest="report_cashier", metavar="ID", help="only this cashier")
    parser.add_argument("--terminal", dest="report_terminal", metavar="ID", help="only this terminal")
    parser.add_argument("--kind", choices=names(), help="only this kind of prompt")
    parser.add_argument("--mode", choices=MODES, default="live", help="live (default), training or all")
    parser.add_argument(
        "--format", choices=FORMATS, default="table", help="table (default), csv, json or html"
    )
    parser.add_argument(
        "--learned",
        action="store_true",
        help="with --format csv: each learned rule's figures (by context, and against always one "
        "offer) instead of the metrics",
    )
    parser.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write to this file instead of the terminal"
    )
    parser.add_argument(
        "--menu",
        dest="report_menu",
        type=Path,
        metavar="FILE",
        help="the store's menu, for its currency and name",
    )
    parser.add_argument(
        "--data",
        dest="report_data",
        metavar="DIR",
        action="append",
        help="data folder (as for pos); more than one reports several stores together (--by store)",
    )
    parser.add_argument("--tui", action="store_true", help="open the report screen instead")


def main(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pos.core.analytics.report import Filters

    if args.learned and args.format != "csv":
        raise PosError(
            f"--learned: only with --format csv (the {args.format} report shows the learned rules with the rest)"
        )
    if args.learned and args.by:
        raise PosError(
            "--learned: not with --by (the learned figures are by store, rule and context already: "
            "daypart, has and lines are their columns)"
        )
    filters = Filters(args.mode, args.start, args.until, args.report_cashier, args.report_terminal, args.kind)
    data_dir = [locations.data_folder(folder, to_write=False) for folder in args.report_data or [args.data]]
    by = parse_by(args.by)
    labels = store_labels(args.report_menu or args.menu, data_dir, filters)
    if args.tui:
        from pos.report_app import run_report_app

        return run_report_app(data_dir, labels, filters)
    return run(
        data_dir=data_dir,
        by=by,
        filters=filters,
        output_format=args.format,
        output=args.output,
        labels=labels,
        console=Console(),
        learned=args.learned,
    )


def store_labels(menu: Path | None, data_dir: list[Path], filters: Filters) -> Labels:
    """The menu given names the store, else the menus its records name (the bundled one if none)."""
    from pos.core.analytics.report_labels import Labels, recorded_labels
    from pos.core.selling.menu_loader import load_menu

    if menu is not None:
        return Labels.of(load_menu(menu))
    fallback = load_menu(locations.default_menu())
    return recorded_labels(data_dir, filters.start, filters.until, filters.terminal, fallback)


def parse_by(values: list[str] | None) -> tuple[str, ...]:
    """`--by cashier day` or `--by cashier,day`."""
    by = tuple(part for value in values or [] for part in value.split(",") if part)
    for name in by:
        if name not in GROUP_FIELDS:
            raise PosError(f"--by {name!r}: expected one of {', '.join(GROUP_FIELDS)}")
    return by


def run(
    *,
    data_dir: Path | Sequence[Path],
    by: tuple[str, ...],
    filters: Filters,
    output_format: str,
    output: Path | None,
    labels: Labels,
    console: Console,
    learned: bool = False,
) -> int:
    """`labels` name the store, the currency and the items, for the wording and chart labels;
    `learned` (CSV): the learned rules' figures instead of the metrics."""
    import io

    from rich.console import Console

    from pos.core.analytics.dashboard import build_dashboard
    from pos.core.analytics.report import History
    from pos.core.analytics.report_currency import priced
    from pos.core.analytics.report_match import nothing_matched
    from pos.core.analytics.store_scope import merged_notice
    from pos.core.base.clock import SystemClock
    from pos.reports import html, text

    if output_format in ("csv", "json"):
        history = History.load(data_dir, filters, by)
    else:
        history = History.load(data_dir, filters)
    unmatched = nothing_matched(history, data_dir)
    # With nothing to report, what the labels say of the menus (none recorded, two currencies) is noise.
    merged = merged_notice(history, by)
    notices = [*history.notices, unmatched] if unmatched else [*labels.notices, *history.notices]
    notices += [merged] if merged and not unmatched else []
    for notice in notices:
        print(f"pos: {notice}", file=sys.stderr)
    names, currency = labels.names, labels.currency
    if output_format in ("csv", "json"):
        report = priced(history.report(by), labels.currencies, currency)
        write = text.learned_csv if learned else text.csv_text if output_format == "csv" else text.json_text
        return write_output(write(report), output)
    dashboard = build_dashboard(history, by)
    if output_format == "html":
        return write_output(
            html.page(
                dashboard,
                names,
                currency,
                f"{labels.store}: selling report",
                SystemClock().now(),
                labels.currencies,
            ),
            output,
        )
    if output is None:
        console.print(text.full_text(dashboard, names, currency, console.width, labels.currencies))
        return 0
    plain = Console(width=160, record=True, file=io.StringIO())
    plain.print(text.full_text(dashboard, names, currency, plain.width, labels.currencies))
    return write_output(plain.export_text(), output)


def write_output(content: str, output: Path | None) -> int:
    """CSV, JSON and HTML are UTF-8, to a file or a pipe, whatever the console's code page."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(content.encode("utf-8"))
        sys.stdout.buffer.flush()
        return 0
    try:
        output.write_text(content, encoding="utf-8")
    except OSError as error:
        raise PosError(f"{output}: cannot write the report ({error.strerror})") from None
    print(f"pos: wrote {output}", file=sys.stderr)
    return 0


COMMAND = Command("report", "acceptance rates: who asks, what sells, which wording works", arguments, main)
