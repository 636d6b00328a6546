"""The bytes of a receipt sent to the printer chosen, through python-escpos's printer classes.

Every way a printer fails (refused, offline, unplugged, paper out as the library reports it, no
answer in time, pyusb missing for a USB printer) is one `PrintFailed` saying what happened to
which printer, for the counter to show; nothing here raises anything else.
"""

from __future__ import annotations

import os
import stat
from typing import Any

from pos.core.printing.printer_choice import Kind, PrinterChoice

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

        _a_device(choice)
        return File(choice.path)
    from escpos.printer import Usb

    if not Usb.is_usable():
        raise PrintFailed(
            f"printer {choice}: USB printing needs pyusb, which is not installed "
            "(pip install pyusb, and libusb on the system)"
        )
    return Usb(choice.vendor, choice.product, timeout=int(timeout * 1000))


def _a_device(choice: PrinterChoice) -> None:
    """A device file is there already and is no regular file: a printer's path never creates a file,
    nor overwrites one (a data file named by mistake)."""
    try:
        found = os.stat(choice.path)
    except OSError as error:
        raise PrintFailed(f"printer {choice}: missing ({error.strerror})") from None
    if stat.S_ISREG(found.st_mode) or stat.S_ISDIR(found.st_mode):
        raise PrintFailed(f"printer {choice}: a file or a folder, not a printer's device; nothing written")
