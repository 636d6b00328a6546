"""What a trainee sees in a drill, as SVG snapshots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.app.harness import make_drill_app
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


def test_the_summary(snap_compare: SnapCompare, data_dir: Path, tmp_path: Path) -> None:
    script = tmp_path / "pie.toml"
    script.write_text(
        '[drill]\nname = "One pie"\nmenu = "%s"\nnow = "2026-11-23T12:15:00"\n'
        '[[customer]]\nsays = "An apple pie, please."\norder = ["40"]\n' % (MENUS / "burger_counter.toml")
    )
    app = make_drill_app(data_dir, script)
    try:
        assert snap_compare(app, press=["4", "0", "enter", "f10", "enter", "enter"], terminal_size=(100, 30))
    finally:
        app.writer.close()
