r"""The bytes of a receipt sent to the printer chosen, through python-escpos's printer classes.

A `file:` printer is a device already there: on Linux and macOS a device file (`/dev/usb/lp0`, a
FIFO), never a regular file or a folder; on Windows also a port's name (`LPT1`, `COM3`, `\\.\COM10`)
or a shared printer (`\\server\receipts`), which cannot be told from a file by looking at it.

Every way a printer fails (refused, offline, unplugged, paper out as the library reports it, no
answer in time, pyusb missing for a USB printer) is one `PrintFailed` saying what happened to
which printer, for the counter to show; nothing here raises anything else.
"""

from __future__ import annotations

import os
import re
import stat
from typing import Any

from pos.core.printing.printer_choice import Kind, PrinterChoice

_WINDOWS_PORT = re.compile(
    r"(?:LPT|COM)[1-9]:?"  # the ports Windows names in every folder
    r"|\\\\\.\\(?:LPT|COM)[1-9][0-9]{0,2}"  # a port in the device namespace: \\.\COM10
    r"|\\\\[A-Za-z0-9][A-Za-z0-9._-]*\\[^\\/:*?\"<>|]+",  # a shared printer: \\server\receipts
    re.IGNORECASE,
)
TIMEOUT_SECONDS = 5.0
"""How long a printer may take to connect or take a receipt before it counts as not answering."""


class PrintFailed(Exception):
    """A receipt that did not reach its printer; the text says which printer and why."""


def send(choice: PrinterChoice, data: bytes, timeout: float = TIMEOUT_SECONDS) -> None:
    """Open the printer, write `data`, close it. Raises PrintFailed."""
    from escpos.exceptions import Error as EscposError  # python-escpos: only when a receipt prints

    try:
        printer = _printer(choice, timeout)
        printer.open()
        try:
            printer._raw(data)  # the receipt laid out already (escpos_receipt): its bytes as they are
        finally:
            printer.close()
    except TimeoutError:
        raise no_answer(choice, timeout) from None
    except (OSError, EscposError, RuntimeError) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise PrintFailed(f"printer {choice}: {reason}") from None


def no_answer(choice: PrinterChoice, timeout: float) -> PrintFailed:
    return PrintFailed(f"printer {choice} did not answer within {timeout:g} s")


def _printer(choice: PrinterChoice, timeout: float) -> Any:
    if choice.kind is Kind.NETWORK:
        from escpos.printer import Network

        return Network(choice.host, choice.port, timeout=timeout)
    if choice.kind is Kind.FILE:
        from escpos.printer import File

        check_device(choice)
        return File(choice.path)
    from escpos.printer import Usb

    if not Usb.is_usable():
        raise PrintFailed(
            f"printer {choice}: USB printing needs pyusb, which is not installed "
            "(pip install pyusb, and libusb on the system)"
        )
    return Usb(choice.vendor, choice.product, timeout=int(timeout * 1000))


def on_windows() -> bool:
    return os.name == "nt"


def check_device(choice: PrinterChoice) -> None:
    """A device file is there already and is no regular file: a printer's path never creates a file,
    nor overwrites one (a data file named by mistake). On Windows a port's or a shared printer's
    name is its device. Raises PrintFailed."""
    if on_windows() and _WINDOWS_PORT.fullmatch(choice.path):
        return
    try:
        found = os.stat(choice.path)
    except OSError as error:
        ports = r" (or a port: LPT1, COM3, \\.\COM10, \\server\printer)" if on_windows() else ""
        raise PrintFailed(f"printer {choice}: missing ({error.strerror}){ports}") from None
    if stat.S_ISREG(found.st_mode) or stat.S_ISDIR(found.st_mode):
        raise PrintFailed(f"printer {choice}: a file or a folder, not a printer's device; nothing written")
