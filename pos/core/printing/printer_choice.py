"""Which receipt printer, written as text: `net:HOST:PORT`, `file:PATH`, `usb:VID:PID` or `none`.

One reader for the `--printer` flag and the store's settings, so both accept and refuse the same
text with the same words; the caller names where the text came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from pos.core.base.digits import is_digits
from pos.core.base.errors import PosError

EXPECTED = (
    "expected net:HOST:PORT (a network printer, e.g. net:192.168.1.50:9100), file:PATH (a device "
    "file, e.g. file:/dev/usb/lp0), usb:VID:PID (hex, e.g. usb:04b8:0202) or none"
)
MAX_TEXT = 300
_HOST = re.compile(r"[A-Za-z0-9._-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]")
_HEX_ID = re.compile(r"(?:0[xX])?[0-9A-Fa-f]{1,4}")


class Kind(StrEnum):
    NETWORK = "net"
    FILE = "file"
    USB = "usb"


@dataclass(frozen=True)
class PrinterChoice:
    kind: Kind
    host: str = ""
    port: int = 0
    path: str = ""
    vendor: int = 0
    product: int = 0

    def __str__(self) -> str:
        if self.kind is Kind.NETWORK:
            host = f"[{self.host}]" if ":" in self.host else self.host
            return f"net:{host}:{self.port}"
        if self.kind is Kind.FILE:
            return f"file:{self.path}"
        return f"usb:{self.vendor:04x}:{self.product:04x}"


class PrinterChoiceError(PosError):
    """The text names no printer; the message names the text and what is expected."""


def parse_printer(text: str) -> PrinterChoice | None:
    """The printer `text` names; None for `none`. Raises PrinterChoiceError."""
    if len(text) > MAX_TEXT:
        raise PrinterChoiceError(f"a printer of {len(text)} characters: {EXPECTED}")
    kind, _, rest = text.strip().partition(":")
    if kind.casefold() == "none" and not rest:
        return None
    if kind == Kind.NETWORK:
        host, _, port = rest.rpartition(":")
        if _HOST.fullmatch(host) and is_digits(port) and 0 < int(port) < 65536:
            return PrinterChoice(Kind.NETWORK, host=host.strip("[]"), port=int(port))
    elif kind == Kind.FILE and rest.strip() and rest.isprintable():
        return PrinterChoice(Kind.FILE, path=rest)
    elif kind == Kind.USB:
        vendor, _, product = rest.partition(":")
        if _HEX_ID.fullmatch(vendor) and _HEX_ID.fullmatch(product):
            return PrinterChoice(Kind.USB, vendor=int(vendor, 16), product=int(product, 16))
    raise PrinterChoiceError(f"{text!r}: {EXPECTED}")
