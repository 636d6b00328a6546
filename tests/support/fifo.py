"""A FIFO standing in for a printer's device file (POSIX only: `HAS_FIFO`): what a `file:` printer
writes there is read back without waiting, and a printer whose reader is not there yet fails at once,
as a device that is not plugged in."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

HAS_FIFO = hasattr(os, "mkfifo")


class FifoReader:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def read(self) -> bytes:
        """Everything written so far, without waiting for more."""
        chunks = []
        while True:
            try:
                chunk = os.read(self.fd, 1 << 20)
            except BlockingIOError:  # a writer still has it open, with nothing more written
                break
            if not chunk:  # no writer
                break
            chunks.append(chunk)
        return b"".join(chunks)


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@contextlib.contextmanager
def reading(path: Path) -> Iterator[FifoReader]:
    """The FIFO open for reading (at once: non-blocking), so a printer's writes reach it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        yield FifoReader(fd)
    finally:
        os.close(fd)
