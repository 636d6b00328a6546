"""`pos report`: the acceptance-rate report as a table, CSV, JSON or an HTML page."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from pos.core.clock import SystemClock
from pos.core.dashboard import build_dashboard
from pos.core.errors import PosError
from pos.core.report import Filters, History
from pos.core.report_currency import priced
from pos.core.report_fields import GROUP_FIELDS
from pos.core.report_labels import Labels
from pos.core.report_match import nothing_matched
from pos.core.store_scope import merged_notice
from pos.reports import html, text


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
) -> int:
    """`labels` name the store, the currency and the items, for the wording and chart labels."""
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
        return write_output((text.csv_text if output_format == "csv" else text.json_text)(report), output)
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
