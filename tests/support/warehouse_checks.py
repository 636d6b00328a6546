"""A warehouse's rows (`pos.core.analytics.warehouse`) against `pos report --format json`'s, figure for figure."""

from __future__ import annotations

from typing import Any


def same_figures(got: dict[str, Any], want: dict[str, Any], what: str = "") -> None:
    """Every figure of the warehouse's row is the report's; the currency aside (the report names a
    history that recorded no menu by its fallback menu's, the export leaves it null)."""
    shared = set(got) - {"currency"}
    assert {name: got[name] for name in shared} == {name: want[name] for name in shared}, what


def same_rows(rows: list[dict[str, Any]], reported: dict[str, Any], what: str = "") -> None:
    """The warehouse's rows are the report's, in its order, one for one."""
    assert len(rows) == len(reported["rows"]), what
    for got, want in zip(rows, reported["rows"], strict=True):
        same_figures(got, want, what)
