"""A stand-in for a session's app, quick to start: it speaks the protocol of a Textual app served
by textual-serve, holds terminal WEB1 as `pos drill` does, and behaves as told.

    python -m tests.support.fake_app DATA MODE

It writes what it is told as text: `size WxH` (its first size, then each resize), `keys TEXT`.
MODE `obeys` quits when asked; `stuck` ignores quit and SIGTERM, as an app blocked writing does.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

from pos.core.log.terminal_lock import TerminalLock


def main(data: Path, mode: str) -> None:
    lock = TerminalLock(data, "WEB1")
    if mode == "stuck" and hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    out, stdin = sys.stdout.buffer, sys.stdin.buffer

    def say(text: str) -> None:
        payload = text.encode()
        out.write(b"D" + len(payload).to_bytes(4, "big") + payload)
        out.flush()

    out.write(b"__GANGLION__\n")
    say(f"size {os.environ['COLUMNS']}x{os.environ['ROWS']}")
    while len(head := stdin.read(5)) == 5:
        payload = stdin.read(int.from_bytes(head[1:], "big"))
        if head[:1] == b"D":
            say(f"keys {payload.decode()}")
            continue
        meta = json.loads(payload)
        if meta["type"] == "resize":
            say(f"size {meta['width']}x{meta['height']}")
        elif meta["type"] == "quit" and mode == "obeys":
            break
    if mode == "stuck":
        time.sleep(20)
    lock.release()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
