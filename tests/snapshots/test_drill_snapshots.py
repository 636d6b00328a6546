"""What a trainee sees in a drill, as SVG snapshots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.app.harness import make_drill_app, pie_script
from tests.conftest import MENUS

SnapCompare = Callable[..., bool]
SCRIPT = MENUS / "drills" / "lunch_basics.toml"


def test_a_customer_speaking(snap_compare: SnapCompare, data_dir: Path) -> None:
    app = make_drill_app(data_dir, SCRIPT)
    try:
        assert snap_compare(app, terminal_size=(100, 30))
    finally:
        app.writer.close()


def test_a_customer_answering(snap_compare: SnapCompare, data_dir: Path) -> None:
    app = make_drill_app(data_dir, SCRIPT)
    try:
        assert snap_compare(app, press=["1", "enter", "space"], terminal_size=(100, 30))
    finally:
        app.writer.close()


def test_the_summary_on_80x24(snap_compare: SnapCompare, data_dir: Path, tmp_path: Path) -> None:
    script, keys = pie_script(tmp_path, 12)
    app = make_drill_app(data_dir, script)
    try:
        assert snap_compare(app, press=keys, terminal_size=(80, 24))
    finally:
        app.writer.close()


def test_the_summary_scrolled_to_its_end(snap_compare: SnapCompare, data_dir: Path, tmp_path: Path) -> None:
    script, keys = pie_script(tmp_path, 12)
    app = make_drill_app(data_dir, script)
    try:
        assert snap_compare(app, press=[*keys, "end"], terminal_size=(80, 24))
    finally:
        app.writer.close()
