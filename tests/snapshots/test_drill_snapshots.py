"""What a trainee sees in a drill, as SVG snapshots."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.conftest import MENUS
from tests.support.app_harness import burst, make_drill_app, pie_script

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


def served(keys: list[str], then: str | None = None) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Before the picture: every customer served in one burst (pressing key by key takes seconds),
    then a key on the summary."""

    async def serve(pilot: Pilot[None]) -> None:
        await burst(pilot, keys)
        if then is not None:
            await pilot.press(then)

    return serve


def test_the_summary_on_80x24(snap_compare: SnapCompare, data_dir: Path, tmp_path: Path) -> None:
    script, keys = pie_script(tmp_path, 12)
    app = make_drill_app(data_dir, script)
    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=served(keys))
    finally:
        app.writer.close()


def test_the_summary_scrolled_to_its_end(snap_compare: SnapCompare, data_dir: Path, tmp_path: Path) -> None:
    script, keys = pie_script(tmp_path, 12)
    app = make_drill_app(data_dir, script)
    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=served(keys, then="end"))
    finally:
        app.writer.close()
