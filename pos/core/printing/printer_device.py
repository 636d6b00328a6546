r"""The bytes of a receipt sent to the printer chosen: a network printer and a USB one through
python-escpos's printer classes, a device file written straight (`device_file`).

A `file:` printer is a device already there: on Linux and macOS a device file (`/dev/usb/lp0`, a
FIFO), never a regular file or a folder; on Windows also a port's name (`LPT1`, `COM3`, `\\.\COM10`)
or a shared printer (`\\server\receipts`), which cannot be told from a file by looking at it.

Each job has a `Window`: every wait (a connection, a write) at most the printer's timeout, and all of
them over by the job's deadline, wherever the device lets a wait be bounded (a socket's timeout, a
non-blocking device file, USB's). Once open, the printer is written to only while the job is still
`wanted`: a job the counter already reported failed is never printed late. Every way a printer fails
(refused, offline, unplugged, paper out as the library reports it, no answer in time, pyusb missing
for a USB printer) is one `PrintFailed` saying what happened to which printer, for the counter to
show; nothing here raises anything else.
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pos.core.printing import device_file
from pos.core.printing.printer_choice import Kind, PrinterChoice

_WINDOWS_PORT = re.compile(
    r"(?:LPT|COM)[1-9]:?"  # the ports Windows names in every folder
    r"|\\\\\.\\(?:LPT|COM)[1-9][0-9]{0,2}"  # a port in the device namespace: \\.\COM10
    r"|\\\\[A-Za-z0-9][A-Za-z0-9._-]*\\[^\\/:*?\"<>|]+",  # a shared printer: \\server\receipts
    re.IGNORECASE,
)
TIMEOUT_SECONDS = 5.0
"""How long a printer may take to connect or take a receipt before it counts as not answering."""
Wanted = Callable[[], bool]
"""Whether the job is still to print: False once the counter has reported it failed."""


class PrintFailed(Exception):
    """A receipt that did not reach its printer: which printer, and why."""

    def __init__(self, printer: PrinterChoice, reason: str) -> None:
        super().__init__(f"printer {printer}: {reason}")
        self.printer = printer
        self.reason = reason


@dataclass(frozen=True)
class Window:
    """The time a job has: each wait at most `timeout` seconds, all before `until` (`time.monotonic()`)."""

    timeout: float
    until: float

    def left(self) -> float:
        """The time left for the next wait. Raises TimeoutError when there is none."""
        left = min(self.timeout, self.until - time.monotonic())
        if left <= 0:
            raise TimeoutError
        return left


def send(choice: PrinterChoice, data: bytes, window: Window, wanted: Wanted) -> None:
    """Open the printer, write `data` if still `wanted`, close it. Raises PrintFailed."""
    from escpos.exceptions import Error as EscposError  # python-escpos: only when a receipt prints

    try:
        if choice.kind is Kind.FILE:
            _to_device_file(choice, data, window, wanted)
            return
        printer = _printer(choice, window)
        printer.open()
        try:
            if wanted():
                if choice.kind is Kind.NETWORK:  # the bytes in the time left, not a timeout more
                    printer.device.settimeout(window.left())
                printer._raw(data)  # the receipt laid out already (escpos_receipt): its bytes as they are
        finally:
            printer.close()
    except (OSError, EscposError, RuntimeError) as error:
        # escpos says a connection failed in its own words, the system's error under them
        cause = error.__context__ if isinstance(error.__context__, OSError) else error
        if isinstance(cause, TimeoutError):
            raise no_answer(choice, window.timeout) from None
        raise PrintFailed(choice, _reason(cause)) from None


def no_answer(choice: PrinterChoice, timeout: float) -> PrintFailed:
    return PrintFailed(choice, f"did not answer within {timeout:g} s")


def _reason(error: BaseException) -> str:
    said = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return " ".join(said.split()) or type(error).__name__


def _printer(choice: PrinterChoice, window: Window) -> Any:
    if choice.kind is Kind.NETWORK:
        from escpos.printer import Network

        return Network(choice.host, choice.port, timeout=window.left())
    from escpos.printer import Usb

    if not Usb.is_usable():
        raise PrintFailed(
            choice,
            "USB printing needs pyusb, which is not installed (pip install pyusb, and libusb on the system)",
        )
    return Usb(choice.vendor, choice.product, timeout=int(window.left() * 1000))


def _to_device_file(choice: PrinterChoice, data: bytes, window: Window, wanted: Wanted) -> None:
    check_device(choice)  # a missing path or a file said as such, before anything is opened
    with device_file.opened(choice.path) as device:
        check_device(choice, os.fstat(device))  # what opened, whatever the path names by now
        if wanted():
            device_file.write_all(device, data, window.until)


def on_windows() -> bool:
    return os.name == "nt"


def check_device(choice: PrinterChoice, found: os.stat_result | None = None) -> None:
    """A device file is there already and is no regular file (`found`: as opened): a printer's path
    never creates a file, nor writes one (a data file named by mistake). On Windows a port's or a
    shared printer's name is its device. Raises PrintFailed."""
    if on_windows() and _WINDOWS_PORT.fullmatch(choice.path):
        return
    if found is None:
        try:
            found = os.stat(choice.path)
        except OSError as error:
            ports = r" (or a port: LPT1, COM3, \\.\COM10, \\server\printer)" if on_windows() else ""
            raise PrintFailed(choice, f"missing ({error.strerror}){ports}") from None
    if stat.S_ISREG(found.st_mode) or stat.S_ISDIR(found.st_mode):
        raise PrintFailed(choice, "a file or a folder, not a printer's device; nothing written")
