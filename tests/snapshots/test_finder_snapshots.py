"""Ctrl+P's finder as the cashier sees it at 80x24: the query, a page of what it found (the letters
it matched underlined, the highlighted one marked), and where that one is in the list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support.app_harness import make_app

SnapCompare = Callable[..., bool]


def test_the_finder_with_a_name_typed(snap_compare: SnapCompare, data_dir: Path) -> None:
    app = make_app(data_dir)
    try:
        assert snap_compare(app, press=["ctrl+p", *"ie", "down"], terminal_size=(80, 24))
    finally:
        app.writer.close()


def test_the_finder_a_page_down(snap_compare: SnapCompare, data_dir: Path) -> None:
    app = make_app(data_dir)
    try:
        assert snap_compare(app, press=["ctrl+p", "pagedown", "pagedown"], terminal_size=(80, 24))
    finally:
        app.writer.close()
