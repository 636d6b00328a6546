"""Run one app until its first frame, then exit: `bare` or `pos DATA_DIR`.

`benchmarks/startup.py` times this as a whole process, so Python's start and every
import count, as they do for a cashier.
"""

from __future__ import annotations

import sys
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="type")
        yield Footer()


async def first_frame(pilot: Any) -> None:
    await pilot.pause()
    pilot.app.exit()


def main() -> None:
    if sys.argv[1] == "bare":
        BareApp().run(headless=True, auto_pilot=first_frame)
        return
    from pos.cli import build_parser
    from pos.commands.cashier import build_app

    app = build_app(
        build_parser().parse_args(["--data", sys.argv[2], "--cashier", "C1", "--terminal", "BENCH"])
    )
    try:
        app.run(headless=True, auto_pilot=first_frame)
    finally:
        app.writer.close()


if __name__ == "__main__":
    main()
