"""Find the line of an entry's field in a TOML text, for error messages.

`tomllib` gives line numbers only for syntax errors; for an entry that parses but
means something wrong we look the line up in the text ourselves. It is a best
effort: when the text is written in an unusual way the message has no line.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?")


class TomlLocator:
    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._headers: list[tuple[int, str, bool]] = []
        for number, line in enumerate(self._lines, start=1):
            match = _HEADER.match(line)
            if match:
                name = match.group(2).replace('"', "").replace("'", "").replace(" ", "")
                self._headers.append((number, name, match.group(1) == "[["))

    def line_of(self, table: str, index: int | None = None, field: str | None = None) -> int | None:
        """The line of `field` in the `index`-th `[[table]]` (or in `[table]`)."""
        seen = 0
        for position, (number, name, is_array) in enumerate(self._headers):
            if name != table or is_array != (index is not None):
                continue
            if index is not None and seen < index:
                seen += 1
                continue
            if field is None:
                return number
            end = (
                self._headers[position + 1][0] - 1 if position + 1 < len(self._headers) else len(self._lines)
            )
            key = re.compile(rf"^\s*[\"']?{re.escape(field)}[\"']?\s*=")
            for line_number in range(number + 1, end + 1):
                if key.match(self._lines[line_number - 1]):
                    return line_number
            return number
        return None
