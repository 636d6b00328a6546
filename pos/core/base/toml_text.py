"""Reading a TOML file of ours (a menu, a drill): exact decimals, bounded nesting, printable text.

Both loaders read through `parse_toml`, so every string of a menu or a drill
(values and keys alike) has its control characters shown as escapes before
any of it is checked, stored, logged or shown (`pos.core.base.text`).
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from typing import Any

from pos.core.base.text import printable


class TomlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def parse_toml(text: str) -> dict[str, Any]:
    """The document with its floats as `Decimal`; raises TomlSyntaxError with the line when known."""
    try:
        document = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line ([0-9]+), column [0-9]+\)", str(error))
        raise TomlSyntaxError(f"TOML syntax: {error}", int(match.group(1)) if match else None) from None
    except RecursionError:
        raise TomlSyntaxError("TOML syntax: arrays or tables nested too deep", None) from None
    cleaned = _printable(document)
    assert isinstance(cleaned, dict)
    return cleaned


def _printable(value: object) -> object:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(key): _printable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_printable(item) for item in value]
    return value
