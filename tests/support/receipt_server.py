"""A receipt printer on a local TCP port, for the network path: a thread that takes connections on
127.0.0.1 and keeps the bytes each one sent, as a network printer's port 9100 would print them."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

from pos.core.printing.printer_choice import PrinterChoice, parse_printer
from pos.core.printing.printer_device import Window

WAIT_SECONDS = 5.0
"""The most a test waits for a receipt that should arrive (it arrives in milliseconds)."""


class ReceiptServer:
    def __init__(self, port: int = 0) -> None:
        self._listener = socket.create_server(("127.0.0.1", port))
        self._listener.settimeout(0.05)  # so the thread sees the server closed
        self._closed = threading.Event()
        self.port: int = self._listener.getsockname()[1]
        self.received: list[bytes] = []
        self._arrived = threading.Semaphore(0)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def choice(self) -> PrinterChoice:
        choice = parse_printer(f"net:127.0.0.1:{self.port}")
        assert choice is not None
        return choice

    def next_receipt(self) -> bytes:
        """The next receipt received, in the order they came."""
        assert self._arrived.acquire(timeout=WAIT_SECONDS), "no receipt reached the printer"
        return self.received[-1]

    def close(self) -> None:
        self._closed.set()
        self._thread.join(WAIT_SECONDS)
        self._listener.close()

    def _serve(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(WAIT_SECONDS)
                chunks = []
                while chunk := connection.recv(65536):
                    chunks.append(chunk)
            self.received.append(b"".join(chunks))
            self._arrived.release()


@contextlib.contextmanager
def receipt_server(port: int = 0) -> Iterator[ReceiptServer]:
    server = ReceiptServer(port)
    try:
        yield server
    finally:
        server.close()


def closed_port() -> int:
    """A local port nothing listens on: a printer there refuses the connection."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def window(seconds: float = WAIT_SECONDS) -> Window:
    """A job's time, for `printer_device.send` called by hand: `seconds` a wait, twice that in all."""
    return Window(seconds, time.monotonic() + 2 * seconds)
