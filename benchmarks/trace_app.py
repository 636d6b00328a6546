"""Run an app in a real terminal and log, per key, when the frame showing a text was written.

    python3 trace_app.py LOG KEY TEXT -- bare
    python3 trace_app.py LOG KEY TEXT -- pos ARGS...

For every KEY event the app receives, the time until the first frame written to
the terminal that contains TEXT goes to LOG in milliseconds, one line each: the
app's own key-to-frame time, without the terminal or tmux in between.
"""

from __future__ import annotations

import sys
import time

from textual import events
from textual.drivers.linux_driver import LinuxDriver

log_path, key, text = sys.argv[1], sys.argv[2], sys.argv[3]
args = sys.argv[sys.argv.index("--") + 1 :]
pressed: list[float] = []
real_init = events.Key.__init__
real_write = LinuxDriver.write


def key_init(self: events.Key, *a: object, **k: object) -> None:
    real_init(self, *a, **k)  # type: ignore[arg-type]
    if self.key == key:
        pressed.append(time.perf_counter())


def write(self: LinuxDriver, data: str) -> None:
    real_write(self, data)
    if pressed and text in data:
        with open(log_path, "a") as log:
            log.write(f"{(time.perf_counter() - pressed.pop()) * 1000:.2f}\n")
        pressed.clear()


events.Key.__init__ = key_init  # type: ignore[method-assign]
LinuxDriver.write = write  # type: ignore[method-assign]

if args[0] == "bare":
    from first_frame import BareApp

    BareApp().run()
else:
    from pos.cli import main

    sys.argv = ["pos", *args[1:]]
    raise SystemExit(main())
