"""Text from outside (a menu, a drill file, a log, the score book, the store's settings, the crew file,
what is typed) made safe to show.

Two rules, applied in one place each:

- Control and format characters never reach a terminal: `printable()` shows each as its escape
  (`\\x1b`, `\\u202e`), so an ESC sequence in a menu cannot clear the screen or retitle the window,
  and a bidi mark, override or isolate (U+200E/F, U+202A-202E, U+2066-2069, U+061C) cannot reorder
  a line, nor an invisible mark (a zero-width space, a soft hyphen) hide in one. What is escaped is
  Unicode's own list, every character of category Cc (controls), Cf (format), Zl and Zp (line and
  paragraph separators) and Cs (a lone surrogate), so a mark the code never named is escaped too. The loaders, the log, score
  and crew readers and the report writers call it where text enters.
- Outside text is content, never markup: screens build Rich `Text` (or Textual
  `Content`) from it, and commands print it with markup off. Markup is kept for
  strings the code itself writes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
"""What a terminal acts on, or draws as nothing, rather than shows (and a lone surrogate, which a JSON
string may hold and no terminal can be sent)."""
_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e]")
"""The characters looked up: printable ASCII is shown as it is."""
_BEYOND_C0 = re.compile(r"[^\x00-\x7e]")
"""The same less the C0 controls, which json.dumps escapes inside strings: raw ones are its line breaks."""


def _is_hidden(char: str) -> bool:
    """A control, a format mark (bidi, invisible) or a line or paragraph separator."""
    return unicodedata.category(char) in _HIDDEN


def _python_escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _json_escape(code: int) -> str:
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the basic plane, JSON writes the UTF-16 pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _hidden_as(escape: Callable[[int], str]) -> Callable[[re.Match[str]], str]:
    """A replacement that writes a hidden character by `escape` and leaves any other as it is."""
    return lambda match: escape(ord(match.group())) if _is_hidden(match.group()) else match.group()


_PRINTABLE, _JSON_SAFE = _hidden_as(_python_escape), _hidden_as(_json_escape)


def printable(text: str) -> str:
    """`text` with every control or format character shown as its escape."""
    if text.isprintable():  # none of them, by Python's own test: the common case, at once
        return text
    return _NOT_PLAIN_ASCII.sub(_PRINTABLE, text)


def is_printable_char(char: str | None) -> bool:
    """A key that types one visible character (not a control, not a format mark)."""
    return char is not None and len(char) == 1 and char.isprintable()


def json_safe(json_text: str) -> str:
    """JSON text with every control or format character inside it written as a `\\uXXXX` escape.

    The same data for a JSON reader, and nothing a terminal acts on when the JSON is
    printed (json.dumps leaves C1 controls and bidi marks raw with ensure_ascii=False).
    """
    return _BEYOND_C0.sub(_JSON_SAFE, json_text)
