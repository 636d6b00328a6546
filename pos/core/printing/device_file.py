"""A `file:` printer's device file, written as python-escpos's File printer writes it, but never past
a job's time: opened non-blocking where the system has it (`O_NONBLOCK`: Linux, macOS), so a FIFO
nobody reads fails at once and a printer that stops taking bytes fails at the job's deadline, instead
of holding the printer's queue and printing, long after, a receipt the cashier was told did not print.

Where there is no non-blocking open (Windows: a port, a shared printer) the device opens and takes
the bytes as the system lets it; the job's time limit (`receipt_printer`) then says it failed, and
the queue never writes a job it gave up on. Never created: a path that is not there stays not there.
"""

from __future__ import annotations

import contextlib
import os
import select
import time
from collections.abc import Iterator

NON_BLOCKING: int = getattr(os, "O_NONBLOCK", 0)
_FLAGS = os.O_WRONLY | NON_BLOCKING | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
"""Write only, never made (no O_CREAT), never truncated; no terminal taken over by a serial port;
bytes as they are on Windows (O_BINARY: no line ends rewritten)."""
RETRY_SECONDS = 0.01
"""How soon a device that said it was ready, and took no bytes, is offered them again."""


@contextlib.contextmanager
def opened(path: str) -> Iterator[int]:
    """The device open for writing. Raises OSError (missing, nobody reading a FIFO: ENXIO)."""
    device = os.open(path, _FLAGS)
    try:
        yield device
    finally:
        os.close(device)


def write_all(device: int, data: bytes, until: float) -> None:
    """Every byte of `data` written before `until` (`time.monotonic()`), and taken; TimeoutError once
    it is past first. A device that takes part of them is offered the rest when it can take more."""
    left = memoryview(data)
    while left:
        _writable(device, until)
        try:
            left = left[os.write(device, left) :]
        except BlockingIOError:  # full, though said ready (a driver that cannot say): again shortly
            time.sleep(RETRY_SECONDS)
    _writable(device, until)  # a USB printer's driver is ready again once it sent the last bytes: a
    # close before that drops them (usblp), and the receipt comes out cut short


def _writable(device: int, until: float) -> None:
    """Once the device can take bytes again (where it is non-blocking: elsewhere a write waits
    itself). Raises TimeoutError when `until` comes first."""
    wait = until - time.monotonic()
    if wait <= 0 or (NON_BLOCKING and not select.select([], [device], [], wait)[1]):
        raise TimeoutError
