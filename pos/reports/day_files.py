"""A close or X reading saved as its JSON and its HTML page: a close's page beside its record in the
data folder's `closes/`, and both in a folder named with `-o`."""

from __future__ import annotations

from pathlib import Path

from pos.core.analytics.close_files import close_name, close_path
from pos.core.analytics.day_close import DayClose, as_json
from pos.core.analytics.day_sheet import day_sheet
from pos.core.base.files import make_folder, replace_whole
from pos.reports.sheet_text import sheet_html


def save_close(data_dir: Path, close: DayClose) -> Path:
    """The close's HTML page beside its record; the page's path."""
    page = close_path(data_dir, close.figures.day, close.number).with_suffix(".html")
    replace_whole(page, sheet_html(day_sheet(close)).encode())
    return page


def save_copy(folder: Path, close: DayClose) -> list[Path]:
    """The close's (or reading's) JSON and HTML in `folder`, named by the day."""
    make_folder(folder)
    name = f"{'x' if close.kind == 'x' else 'close'}-{close_name(close.figures.day, close.number)}"
    written = [folder / f"{name}.json", folder / f"{name}.html"]
    replace_whole(written[0], as_json(close))
    replace_whole(written[1], sheet_html(day_sheet(close)).encode())
    return written
