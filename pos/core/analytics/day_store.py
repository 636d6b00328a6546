"""The store a day's sheet names, as its receipts name it: the name of the menus its terminals sold
from that day (each terminal records its menu's name: `pos.core.log.menu_stamp`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pos.core.analytics.report_labels import recorded_menus
from pos.core.log.log_layout import log_files


def day_store(data_dir: Path, day: date) -> str | None:
    """`Burger Counter`; `Breakfast Bar / Burger Counter` for a day sold from menus of two names;
    None when the day recorded no menu (no sale, or a log older than menu records)."""
    names = {found.stamp.name for found in recorded_menus(log_files(data_dir, day, day), None, [])}
    return " / ".join(sorted(names)) or None
